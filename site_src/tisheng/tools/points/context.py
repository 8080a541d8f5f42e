"""What one check knows once the request is read (``Ctx``), and what follows from the classrooms alone."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ...core.model import cite
from .catalog import Catalog


@dataclass
class Ctx:
    profile: dict[str, Any]
    rules: dict[str, Any]
    cat: Catalog
    mode: str = "teacher"
    selected: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    range: list[str] | None = None
    range_source: str | None = None
    rooms: dict[str, int | None] | None = None
    rooms_source: str | None = None
    available: set[str] | None = None
    age: int | None = None
    pri_codes: list[str] = field(default_factory=list)
    pri_dims: list[str] = field(default_factory=list)
    readings: list[str] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    items: list[tuple[str, list[str]]] | None = None  # the document's own item list: (item, national codes)
    item_rule: dict[str, Any] | None = None

    @property
    def pid(self) -> str:
        return str(self.profile.get("id"))

    @property
    def title(self) -> str:
        return str(self.profile.get("short_title") or self.profile.get("title") or self.pid)

    def note(self, rule_id: str, message: str, rule: dict[str, Any] | None = None) -> None:
        item: dict[str, Any] = {"rule": rule_id, "message": message}
        if rule is not None:
            item["source"] = cite(rule)
            item["inherited_from"] = rule.get("inherited_from")
        self.notes.append(item)


def unavailable(ctx: Ctx, codes: Iterable[str]) -> list[str]:
    if ctx.available is None:
        return []
    return [c for c in codes if ctx.cat.env(c) not in ctx.available]


def suggest_rank(ctx: Ctx, code: str) -> tuple[int, ...]:
    """Preference for suggesting a point: a classroom for it, asked for, a known name and dimension, catalog order."""
    cat = ctx.cat
    return (
        int(bool(unavailable(ctx, [code]))),
        int(code not in ctx.pri_codes),
        int(cat.dim(code) not in ctx.pri_dims),
        int(cat.points[code].get("name") is None),
        int(cat.dim(code) is None),
        cat.order[code],
    )
