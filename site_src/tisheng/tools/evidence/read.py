"""The answers a teacher gives the evidence check, read with every problem collected in Chinese."""

from __future__ import annotations

import re
from typing import Any

from ...core.catalogs import norm_code
from ...core.inputs import Errors, number, whole_number

MAX_TEXT = 100_000  # a self-statement is a few hundred characters; a pasted book is a mistake
YES = {"true", "yes", "y", "1", "是", "有", "已", "已完成", "已通过", "包含", "on"}
NO = {"false", "no", "n", "0", "否", "无", "没有", "未", "未完成", "未通过", "不包含", "off"}
LEVELS = {"优秀": "excellent", "优": "excellent", "excellent": "excellent", "合格": "pass", "pass": "pass",
          "不合格": "fail", "不及格": "fail", "fail": "fail"}
SPLIT = re.compile(r"[,，、;；\s]+")


def count(data: dict[str, Any], key: str, label: str, unit: str, errors: Errors) -> int | None:
    return whole_number(data, key, label, errors, unit=f" {unit}")


def yes_no(data: dict[str, Any], key: str, label: str, errors: Errors) -> bool | None:
    raw = data.get(key)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    errors.add(f"input.{key}", f"“{label}”请回答“是”或“否”，现在填的是“{str(raw)[:20]}”。")
    return None


def tokens(raw: Any) -> list[str] | None:
    """A list given as a JSON list or as text separated by commas (the form and the URL send text)."""
    if raw is None or raw == "":
        return []
    if isinstance(raw, str):
        return [t for t in SPLIT.split(raw.strip()) if t]
    if isinstance(raw, list) and all(isinstance(t, (str, int, float)) and not isinstance(t, bool) for t in raw):
        return [str(t).strip() for t in raw if str(t).strip()]
    return None


def items(data: dict[str, Any], known: dict[str, str], errors: Errors) -> set[str]:
    got = tokens(data.get("items"))
    if got is None:
        errors.add("input.items", "已备齐的材料应是材料的列表。")
        return set()
    bad = [t for t in got if t not in known]
    if bad:
        errors.add("input.items", f"无法识别的材料“{bad[0][:20]}”。请在列出的材料中勾选。")
    return {t for t in got if t in known}


def points(data: dict[str, Any], codes: set[str], errors: Errors, items: dict[str, list[str]]) -> list[str]:
    """National codes; a document's own item (张楼: 1-2) stands for the codes it covers."""
    got = tokens(data.get("points"))
    if got is None:
        errors.add("input.points", "所选能力点应写成能力点编号，例如 A1,A5。")
        return []
    out: list[str] = []
    for raw in got:
        code = norm_code(raw)
        if code in items:
            out += [c for c in items[code] if c not in out]
        elif code not in codes:
            errors.add("input.points", f"能力点“{raw[:12]}”不在本文件所用的能力点目录中，请填写 A1、B2 这样的编号。")
        elif code not in out:
            out.append(code)
    return out


def levels(data: dict[str, Any], codes: set[str], errors: Errors) -> dict[str, list[str]]:
    """Each point's piece levels: {"A5": ["优秀", "合格"]}, or text "A5:优秀,合格;A7:优秀", or "优秀,合格" for one point."""
    raw = data.get("levels")
    if raw is None or raw == "" or raw == {}:
        return {}
    parts: list[tuple[str, Any]]
    if isinstance(raw, dict):
        parts = [(str(k), v) for k, v in raw.items()]
    elif isinstance(raw, str):
        parts = []
        for chunk in (c for c in re.split(r"[;；\n]+", raw) if c.strip()):
            code, sep, rest = chunk.partition(":") if ":" in chunk else chunk.partition("：")
            parts.append((code.strip(), rest) if sep else ("", chunk))
    else:
        errors.add("input.levels", "证据等次应写成“能力点:等次,等次”，例如 A5:优秀,合格。")
        return {}
    out: dict[str, list[str]] = {}
    for code_raw, value in parts:
        code = norm_code(code_raw) if code_raw else ""
        if code and code not in codes:
            errors.add("input.levels", f"能力点“{code_raw[:12]}”不在本文件所用的能力点目录中。")
            continue
        marks = tokens(value)
        bad = [m for m in marks or [] if m.lower() not in LEVELS]
        if marks is None or bad or not marks:
            shown = bad[0][:12] if bad else ""
            errors.add("input.levels", f"证据等次只能填优秀、合格或不合格{f'，现在有“{shown}”' if shown else ''}。")
            continue
        out[code] = [LEVELS[m.lower()] for m in marks]
    return out


def statements(data: dict[str, Any], errors: Errors) -> list[str] | None:
    raw = data.get("statements")
    if raw is None or raw == "" or raw == []:
        return None
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(t, str) for t in raw):
        errors.add("input.statements", "自述说明应是粘贴的文字。")
        return None
    if any(len(t) > MAX_TEXT for t in raw):
        errors.add("input.statements", f"一份说明超过 {MAX_TEXT} 个字符，请只粘贴说明本身。")
        return None
    texts = [t for t in raw if t.strip()]
    return texts or None


def statement_chars(data: dict[str, Any], errors: Errors) -> list[int] | None:
    """字数 already counted (a staff list has no texts), one per statement."""
    got = tokens(data.get("statement_chars"))
    if got is None:
        errors.add("input.statement_chars", "说明字数应是数字，多份用逗号分隔，例如 320,305。")
        return None
    out = []
    for t in got:
        if not re.fullmatch(r"\d{1,6}", t):
            errors.add("input.statement_chars", f"说明字数应是整数，多份用逗号分隔；现在有“{t[:12]}”。")
            return None
        out.append(int(t))
    return out or None
