"""The catalog in use: its points (code, name, environment, dimension, how sure each is), their order, its
environments; the vocabulary of environments and dimensions; how a point or a set of points is named."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ...core import vocabulary
from ...core import catalogs
from ...core.catalogs import dimension_label, norm_code, profile_catalog


# The words live in data/vocabulary.yaml; these read it on first use.
ROOMS = vocabulary.Words(lambda v: {r["id"]: r["label"] for r in v.rooms})
NO_IT_ROOM = vocabulary.Ids(lambda v: next(("none", r["label"], *r["aliases"]) for r in v.rooms if r["id"] == "none"))
ENV_IDS = vocabulary.Ids(lambda v: v.env_ids())
DIMENSION_IDS = vocabulary.Ids(lambda v: v.dimension_ids())


@dataclass
class Catalog:
    id: str
    title: str
    uploaded: bool
    points: dict[str, dict[str, Any]]
    order: dict[str, int]
    envs: dict[str, dict[str, Any]]

    def env(self, code: str) -> str | None:
        env: str | None = self.points[code].get("env")
        return env

    def dim(self, code: str) -> str | None:
        dim: str | None = self.points[code].get("dimension")
        return dim

    def known(self, code: str, part: str) -> bool:
        """Is the point's name (part="name") or dimension confirmed, not just recalled or unknown?"""
        point = self.points[code]
        status = (point.get("status") or {}).get(part)
        return point.get(part) is not None and status in catalogs.CONFIRMED

    def sort(self, codes: Iterable[str]) -> list[str]:
        return sorted(set(codes), key=lambda c: self.order.get(c, 10**6))


def build_catalog(raw: dict[str, Any], uploaded: bool) -> Catalog:
    points: dict[str, dict[str, Any]] = {}
    for p in raw.get("points") or []:
        if isinstance(p, dict) and p.get("code"):
            points.setdefault(norm_code(p["code"]), p)
    envs = {e["id"]: e for e in raw.get("environments") or [] if isinstance(e, dict) and e.get("id")}
    return Catalog(
        id=str(raw.get("id") or "uploaded"),
        title=str(raw.get("title") or "能力点目录"),
        uploaded=uploaded,
        points=points,
        order={c: i for i, c in enumerate(points)},
        envs=envs,
    )


def point_name(cat: Catalog, code: str) -> str:
    point = cat.points[code]
    name = point.get("name")
    if name is None:
        return f"{code}（名称未知）"
    return f"{code} {name}" + ("" if cat.known(code, "name") else "（名称待核对）")


def point_names(cat: Catalog, codes: Iterable[str]) -> str:
    return "、".join(point_name(cat, c) for c in codes)


def codes_text(codes: Iterable[str]) -> str:
    return "、".join(codes) or "无"


def dims_text(dims: Iterable[str]) -> str:
    return "、".join(dimension_label(d) for d in dims) or "无"


def catalog_hint(cat: Catalog) -> str:
    codes = list(cat.points)
    shown = "、".join(codes[:40]) + ("等" if len(codes) > 40 else "")
    return f"《{cat.title}》中的编号有：{shown}（共 {len(codes)} 项）"


def dims_of(cat: Catalog, codes: Iterable[str]) -> list[str]:
    found = {cat.dim(c) for c in codes}
    return [d for d in DIMENSION_IDS if d in found]


def envs_of(cat: Catalog, codes: Iterable[str]) -> list[str]:
    found = {cat.env(c) for c in codes}
    return [e for e in ENV_IDS if e in found]


def unconfirmed(cat: Catalog, codes: Iterable[str], part: str) -> list[str]:
    return [c for c in codes if not cat.known(c, part)]


def profile_envs(profile: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The environments of the profile's own catalog (an uploaded list may not cite its environments)."""
    cat = profile_catalog(profile) or {}
    return {e["id"]: e for e in cat.get("environments") or [] if isinstance(e, dict) and e.get("id")}
