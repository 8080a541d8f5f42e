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


class Coverage:
    """The parts of a kind that asks for a coverage of one attribute (``scope``: whose points, the teacher's or the
    school's range): the number goes into the need (``require``), back into the answer (``requirement``), into what a
    school's range must cover (``target``); a teacher's choice is tested by it (``fits``) and its ask said (``want``)."""

    def __init__(self, scope: str, attribute: str):
        self.scope, self.attribute = scope, attribute

    def require(self, need: Any, value: Any, ctx: Any) -> None:
        need.cover.setdefault(self.scope, {})[self.attribute] = int(value)

    def requirement(self, need: Any) -> int | None:
        return need.covers(self.scope, self.attribute)

    def target(self, need: Any, t: Any) -> None:
        t.cover[self.attribute] = max(t.cover.get(self.attribute, 0), need.covers(self.scope, self.attribute) or 0)

    def fits(self, ctx: Any, need: Any, codes: list[str], counted: list[str]) -> bool:
        want = need.covers(self.scope, self.attribute)
        return want is None or len(covered(ctx.cat, counted, self.attribute)) >= want

    def want(self, need: Any) -> str | None:
        n = need.covers(self.scope, self.attribute)
        return f"至少 {n} 个{unit(self.attribute)}" if n else None

    def school_finding(self, rule: dict[str, Any] | None, ctx: Any, need: Any, codes: list[str], scope: str,
                       short: str) -> tuple[dict[str, Any], list[str], str] | None:
        """For a school's own coverage rule: (the rule, what the range covers, the sentence), or None."""
        want = need.covers("school", self.attribute)
        if scope != "school" or rule is None or want is None:
            return None
        got = covered(ctx.cat, codes, self.attribute)
        return rule, got, school_text(len(got), names(self.attribute, got), want, unit(self.attribute), short)
