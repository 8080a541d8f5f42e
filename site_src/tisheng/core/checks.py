"""Checking a document's rules, the same for the build's data/ and a user's own file: ``Checker`` collects each
``Problem(key, what, hint)`` (``key`` the rule's path, ``what`` a plain Chinese sentence a teacher can read beside
the field, ``hint`` how a maintainer fixes the YAML), and ``check_value`` checks a value against its type. A kind of
rule adds its own checks (``validate``, see ``tisheng.core.registry``)."""

from __future__ import annotations

import math
import re
from typing import Any, NamedTuple

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Problem(NamedTuple):
    key: str
    what: str
    hint: str = ""


def num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def pct(x: float) -> str:
    return f"{round(x * 100, 4):g}%"


class Checker:
    """Collects problems; ``source_ids`` are the documents a citation may name (None: any, the user's own file)."""

    def __init__(self, source_ids: set[str] | None):
        self.source_ids = source_ids
        self.problems: list[Problem] = []

    def err(self, key: str, what: str, hint: str = "") -> None:
        self.problems.append(Problem(key, what, hint))

    def citation(self, key: str, src: Any, parts: tuple[str, ...] = ("doc", "section", "quote")) -> None:
        if not isinstance(src, dict):
            self.err(key, "依据须写明文件、条款和原文", "source 必须是 {doc, section, quote}")
            return
        for part in parts:
            if not isinstance(src.get(part), str) or not src[part].strip():
                self.err(f"{key}.{part}", "缺少或为空")
        for part in ("doc", "via"):
            ref = src.get(part)
            if self.source_ids is not None and isinstance(ref, str) and ref not in self.source_ids:
                self.err(f"{key}.{part}", f"“{ref}”不在 sources.yaml 中")

    def rule(self, key: str, rule: Any) -> None:
        if not isinstance(rule, dict):
            self.err(key, "规则必须是带 value 和 source 的映射")
            return
        if "value" not in rule:
            self.err(key, "缺少 value（文件未规定的规则写 value: null 并加 note）")
        if "source" not in rule:
            self.err(key, "缺少 source")
        if rule.get("value") is None and "value" in rule and not rule.get("note"):
            self.err(key, "value 为 null 时必须用 note 说明文件为何未规定")
        readings = rule.get("readings")
        if readings is not None:
            if not isinstance(readings, list) or not readings:
                self.err(f"{key}.readings", "必须是非空列表")
            else:
                ids = [r.get("id") for r in readings if isinstance(r, dict)]
                if rule.get("reading") not in ids:
                    self.err(f"{key}.reading", f"必须是 readings 中的一个 id：{ids}")
        self.walk(key, rule)

    def walk(self, key: str, node: Any) -> None:
        """Every `source` anywhere below a rule is a full citation."""
        if isinstance(node, dict):
            for k, v in node.items():
                path = f"{key}.{k}"
                if k == "source":
                    self.citation(path, v)
                else:
                    self.walk(path, v)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                self.walk(f"{key}[{i}]", v)


def value_in(section: dict[str, Any], key: str) -> Any:
    rule = section.get(key)
    return rule.get("value") if isinstance(rule, dict) else None


def count(v: Any) -> bool:
    """A whole number not below 0."""
    return num(v) and v >= 0 and v == int(v)


def check_value(c: Checker, where: str, kind: str | None, value: Any, hour_kinds: tuple[str, ...] = ()) -> None:
    """A value against its type: number, fraction (0 < x ≤ 1), count, date (YYYY, YYYY-MM or YYYY-MM-DD), boolean,
    windows (times for kinds of hours)."""
    if kind in ("number", "fraction") and not num(value):
        c.err(where, f"必须是数字，现在是“{value}”")
    elif kind == "fraction" and not 0 < value <= 1:
        c.err(where, "比例须在 0 到 100% 之间", "写成 0 到 1 之间的小数，例如 0.5 表示 50%")
    elif kind == "number" and value < 0:
        c.err(where, "不能为负数")
    elif kind == "count" and not count(value):
        c.err(where, f"必须是不小于 0 的整数，现在是“{value}”")
    elif kind == "date" and not (isinstance(value, str) and DATE_RE.match(value)):
        c.err(where, "日期写成 年-月-日，例如 2024-06-30", "日期写成 YYYY-MM-DD（或 YYYY-MM、YYYY）")
    elif kind == "boolean" and not isinstance(value, bool):
        c.err(where, "须写“是”或“否”", "必须是 true 或 false")
    elif kind == "windows":
        for i, w in enumerate(value if isinstance(value, list) else [None]):
            ok = isinstance(w, dict) and w.get("kind") in hour_kinds and (w.get("start") or w.get("end")) and all(
                isinstance(w.get(k), str) and DATE_RE.match(w[k]) for k in ("start", "end") if w.get(k) is not None)
            if not ok or not isinstance(w.get("binding"), bool):
                c.err(f"{where}[{i}]", "时间段须写明研修类别和起止日期",
                      f"写成 {{kind: {'|'.join(hour_kinds)}, start, end（YYYY-MM-DD，至少一个）, binding: true|false}}")
