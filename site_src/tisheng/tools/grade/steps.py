"""Steps, notes and findings of one calculation, each citing its rule; ``Steps`` knows whether the words are wanted."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ...core import snapshot
from ...core.model import Finding, Source
from .scores import num


_TITLES: dict[str, str] = {}


def cite(rule: dict[str, Any]) -> Source:
    """model.cite with the document title looked up once per snapshot (a staff list cites the same rules 30,000 times)."""
    src: dict[str, Any] = dict(rule.get("source") or {})
    doc = src.get("doc")
    if doc:
        if doc not in _TITLES:
            _TITLES[doc] = snapshot.source_title(doc)
        src["title"] = _TITLES[doc]
    return src  # type: ignore[return-value]


def finding(rule_id: str, rule: dict[str, Any], met: bool, message: str, **extra: Any) -> Finding:
    f: dict[str, Any] = {"rule": rule_id, "met": met, "message": message, "source": cite(rule),
                         "inherited_from": rule.get("inherited_from")}
    if rule.get("reading"):
        f["reading"] = rule["reading"]
    f.update(extra)
    return f  # type: ignore[return-value]


def step_of(step: str, message: str, rule: dict[str, Any] | None, value: Decimal | None = None,
            **extra: Any) -> dict[str, Any]:
    s: dict[str, Any] = {"step": step, "message": message, "source": cite(rule or {})}
    if value is not None:
        s["value"] = num(value)
    s.update(extra)
    return s


def note_of(rule_id: str, message: str, rule: dict[str, Any] | None) -> dict[str, Any]:
    return {"rule": rule_id, "message": message, "source": cite(rule or {}),
            "inherited_from": (rule or {}).get("inherited_from")}


class Steps:
    """The worded record of one calculation: its steps (each with its value and source) and its notes.

    Without ``detail`` (a staff list of 30,000 rows) ``add`` and ``note`` record nothing and the numbers stay the
    same; where writing the words costs more than the sum (a step per part, per deduction), the caller writes them
    under ``if steps.detail``. ``in_full()`` is the same record written in full whatever ``detail`` says, for what
    is kept either way."""

    __slots__ = ("detail", "steps", "notes")

    def __init__(self, detail: bool = True) -> None:
        self.detail = detail
        self.steps: list[dict[str, Any]] = []
        self.notes: list[dict[str, Any]] = []

    def add(self, step: str, message: str, rule: dict[str, Any] | None, value: Decimal | None = None,
            **extra: Any) -> None:
        if self.detail:
            self.steps.append(step_of(step, message, rule, value, **extra))

    def note(self, rule_id: str, message: str, rule: dict[str, Any] | None, **extra: Any) -> None:
        if self.detail:
            self.notes.append({**note_of(rule_id, message, rule), **extra})

    def in_full(self) -> Steps:
        full = Steps(True)
        full.steps, full.notes = self.steps, self.notes
        return full
