"""Checks of rule values that build_data runs on every profile: each rule's value against its type in
``data/vocabulary.yaml``, and the numbers the grade tool computes with."""

from __future__ import annotations

import re
from typing import Any, Protocol

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Reporter(Protocol):
    def err(self, where: str, key: str, what: str) -> None: ...


def _num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _window_ok(w: Any, kinds: list[str]) -> bool:
    return isinstance(w, dict) and w.get("kind") in kinds and bool(w.get("start") or w.get("end")) and all(
        isinstance(w.get(k), str) and DATE_RE.match(w[k]) for k in ("start", "end") if w.get(k) is not None
    ) and isinstance(w.get("binding"), bool)


def check_types(c: Reporter, where: str, vocab: dict[str, Any], name: str, section: dict[str, Any]) -> None:
    """Each rule's value against the type its key has in the vocabulary; in a `closed` section, unknown keys."""
    sec = next(s for s in vocab["sections"] if s["id"] == name)
    types = {r["key"]: r.get("type") for r in sec["rules"]}
    kinds = [k["id"] for k in vocab["hour_kinds"]]
    for key, rule in section.items():
        kind = types.get(key)
        if kind is None and sec.get("closed"):
            c.err(where, f"{name}.{key}", f"未知的{sec['title']}规则；可用：{', '.join(types)}")
            continue
        value = rule.get("value") if isinstance(rule, dict) else None
        if value is None:
            continue
        at = f"{name}.{key}.value"
        if kind in ("number", "fraction") and not _num(value):
            c.err(where, at, f"必须是数字，现在是 {value!r}")
        elif kind == "fraction" and not 0 < value <= 1:
            c.err(where, at, "比例写成 0 到 1 之间的小数，例如 0.5 表示 50%")
        elif kind == "number" and value < 0:
            c.err(where, at, "不能为负数")
        elif kind == "date" and not (isinstance(value, str) and DATE_RE.match(value)):
            c.err(where, at, "日期写成 YYYY-MM-DD（或 YYYY-MM、YYYY）")
        elif kind == "boolean" and not isinstance(value, bool):
            c.err(where, at, "必须是 true 或 false")
        elif kind == "windows":
            for i, w in enumerate(value if isinstance(value, list) else [None]):
                if not _window_ok(w, kinds):
                    c.err(where, f"{at}[{i}]", f"写成 {{kind: {'|'.join(kinds)}, start, end（YYYY-MM-DD，至少一个）, "
                                               "binding: true|false}")
