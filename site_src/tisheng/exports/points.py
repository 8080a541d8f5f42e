"""TEMPORARY adapter in branch h2-door (replaced by h1's ``exports/points.py`` at merge): today's
``tools.points.export_range`` body, taking the evaluated response instead of evaluating the request itself."""

from __future__ import annotations

from typing import Any

from .. import xlsx
from ..tools import points as p


def workbook(response: dict[str, Any], school: str) -> tuple[bytes, str]:
    """The school's range as .xlsx and its file name; ValueError (Chinese) when there is no range to export."""
    res = response
    if not res.get("range_points"):
        raise ValueError("没有可导出的学校范围。")
    rows: list[list[Any]] = []
    for i, pt in enumerate(res["range_points"], start=1):
        rows.append([i, pt["code"], pt["name"] or "（名称未知）", pt["env_label"], pt["dimension_label"],
                     p._status_text(pt), p._room_text(pt)])
    checks: list[list[Any]] = [["结论", "符合" if res["status"] == "pass" else "尚未符合", res.get("summary") or "", ""]]
    for f in res["findings"]:
        verdict = "符合" if f["met"] else ("提醒" if f.get("advisory") else "未达到")
        checks.append([p.RULE_LABELS.get(f["rule"], f["rule"]), verdict, f["message"], p._source_text(f.get("source"))])
    for s in res.get("suggestions") or []:
        checks.append(["建议", "提醒" if s.get("advisory") else "建议", s.get("message") or "", ""])
    rooms = res.get("classrooms") or {}
    room_rows: list[list[Any]] = [[p.ROOMS[k], rooms.get(k)] for k in p.ROOMS] if rooms else [["未填写", None]]
    body = xlsx.write([
        ("学校范围", ["序号", "编号", "能力点名称", "环境", "维度", "核对情况", "学校有此环境的教室"], rows, p.EXPORT_WIDTHS),
        ("检查结果", ["规则", "结论", "说明", "依据"], checks, (28, 10, 80, 60)),
        ("教室情况", ["教室类型", "间数"], room_rows, (20, 8)),
    ])
    return body, f"学校能力点范围-{p._short_title(res.get('profile'))}.xlsx"
