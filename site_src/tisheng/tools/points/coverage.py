"""What a set of points covers: its dimensions or environments (the two attributes a catalog gives each point)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ...core.catalogs import env_label
from .catalog import Catalog, dims_of, dims_text, envs_of

ATTRIBUTES: dict[str, tuple[Callable[[Catalog, Iterable[str]], list[str]], str]] = {
    "dimension": (dims_of, "维度"),
    "environment": (envs_of, "环境"),
}


def covered(cat: Catalog, codes: Iterable[str], attribute: str) -> list[str]:
    return ATTRIBUTES[attribute][0](cat, codes)


def unit(attribute: str) -> str:
    return ATTRIBUTES[attribute][1]


def names(attribute: str, values: list[str]) -> str:
    if attribute == "dimension":
        return dims_text(values)
    return "、".join(env_label(e) for e in values) or "无"


def attribute_of(cat: Catalog, code: str, attribute: str) -> str | None:
    return cat.dim(code) if attribute == "dimension" else cat.env(code)


def school_text(n: int, shown: str, want: int, unit_word: str, short: str) -> str:
    """"学校范围覆盖 2 个环境（…），要求至少 2 个，符合。", or "…，还差 1 个环境。"."""
    msg = f"学校范围覆盖 {n} 个{unit_word}（{shown}），要求至少 {want} 个"
    return msg + ("，符合。" if n >= want else f"，{short} {want - n} 个{unit_word}。")


def kind_functions(scope: str, attribute: str) -> tuple[Callable[..., None], Callable[..., int | None], Callable[..., None]]:
    """``require``, ``requirement`` and ``target`` of a kind asking for a coverage of one attribute: the number goes
    into the need (``need.cover[scope][attribute]``), back into the answer, and into what a school's range must
    cover for it."""

    def require(need: Any, value: Any, ctx: Any) -> None:
        need.cover.setdefault(scope, {})[attribute] = int(value)

    def requirement(need: Any) -> int | None:
        return need.covers(scope, attribute)

    def target(need: Any, t: Any) -> None:
        t.cover[attribute] = max(t.cover.get(attribute, 0), need.covers(scope, attribute) or 0)

    return require, requirement, target
