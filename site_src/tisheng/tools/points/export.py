"""The school's range of ability points as a workbook: the range, the checks with their sources, the classrooms."""

from __future__ import annotations

from typing import Any

from ...core import snapshot, vocabulary
from ...io import xlsx
from ...core.catalogs import text as cell_text
from .catalog import ROOMS

EXPORT_WIDTHS = (6, 10, 30, 16, 12, 22, 16)
NOTHING = "没有可导出的学校范围。"


def workbook(response: dict[str, Any], school: str) -> tuple[bytes, str]:
    """A successful points answer in school mode (with ``range_points``) as (.xlsx bytes, download name).

    ``school`` is the name the user gave; it titles the range (see :func:`title`). Raises ValueError (in Chinese)
    when the answer has no range to export."""
    if not response.get("ok") or not response.get("range_points"):
        raise ValueError(NOTHING)
    rows: list[list[Any]] = []
    for i, p in enumerate(response["range_points"], start=1):
        rows.append([i, p["code"], p["name"] or "（名称未知）", p["env_label"], p["dimension_label"], _status_text(p),
                     _room_text(p)])
    rooms = response.get("classrooms") or {}
    room_rows: list[list[Any]] = [[ROOMS[k], rooms.get(k)] for k in ROOMS] if rooms else [["未填写", None]]
    body = xlsx.write([
        ("学校范围", ["序号", "编号", "能力点名称", "环境", "维度", "核对情况", "学校有此环境的教室"], rows, EXPORT_WIDTHS),
        ("检查结果", ["规则", "结论", "说明", "依据"], _checks(response), (28, 10, 80, 60)),
        ("教室情况", ["教室类型", "间数"], room_rows, (20, 8)),
    ])
    return body, f"学校能力点范围-{_short_title(response.get('profile'))}.xlsx"


def title(response: dict[str, Any], school: str) -> str:
    """"张楼小学能力点范围（汝州市张楼小学（2021））": the school's name (or 本校) and the document."""
    name = cell_text(school)[:60]
    return f"{name or '本校'}能力点范围（{response.get('profile_title') or response.get('profile')}）"


def _checks(response: dict[str, Any]) -> list[list[Any]]:
    checks: list[list[Any]] = [["结论", "符合" if response["status"] == "pass" else "尚未符合",
                                response.get("summary") or "", ""]]
    for f in response["findings"]:
        verdict = "符合" if f["met"] else ("提醒" if f.get("advisory") else "未达到")
        checks.append([vocabulary.get().finding_label(f["rule"]) or vocabulary.get().label(*f["rule"].split(".", 1))
                       or "检查", verdict, f["message"], _source_text(f.get("source"))])
    for s in response.get("suggestions") or []:
        checks.append(["建议", "提醒" if s.get("advisory") else "建议", s.get("message") or "", ""])
    return checks


def _status_text(point: dict[str, Any]) -> str:
    parts = []
    if point["name"] is None:
        parts.append("名称未知")
    elif not point["confirmed"]["name"]:
        parts.append("名称待核对")
    if point["dimension"] is None:
        parts.append("维度未知")
    elif not point["confirmed"]["dimension"]:
        parts.append("维度待核对")
    return "、".join(parts) or "已确认"


def _room_text(point: dict[str, Any]) -> str:
    have = point.get("env_available")
    return "未填教室情况" if have is None else ("有" if have else "没有（需核对）")


def _source_text(source: dict[str, Any] | None) -> str:
    src = source or {}
    name = src.get("title") or src.get("doc") or ""
    out = f"《{name}》" if name else ""
    if src.get("section"):
        out += f" {src['section']}"
    if src.get("quote"):
        out += f"：“{src['quote']}”"
    return out


def _short_title(profile_id: Any) -> str:
    """A download's name uses the document's short title, never its id."""
    prof = snapshot.profile(str(profile_id)) or {}
    return str(prof.get("short_title") or prof.get("title") or "本校")
