"""The sign-off sheet every staff list prints (考核结果签名表, 学时核对签名表…): each school's teachers numbered by
序号 from 1, the columns the tool gives, then the blank ones a teacher fills in by hand."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

SAY = "意见（可表述、申诉）"  # where the document gives a teacher her say (x县某校 二 原则4: “有意见可表述”)


def sheets(title: str, profile: dict[str, Any], columns: Sequence[str], people: Iterable[tuple[str, list[Any]]],
           *, say: bool = False, note: str = "", sources: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """``people``: (school, the cells of ``columns``) for every teacher, in list order."""
    blank = [""] * ((1 if say else 0) + 2)
    schools: dict[str, list[list[Any]]] = {}
    for school, cells in people:
        rows = schools.setdefault(school or "（未填学校）", [])
        rows.append([len(rows) + 1, *cells, *blank])
    return {
        "title": title,
        "profile_title": profile.get("title"),
        "columns": ["序号", *columns, *([SAY] if say else []), "教师签名", "日期"],
        "sign_from": 1 + len(columns),  # the first column left blank for the teacher
        "schools": [{"school": s, "rows": r} for s, r in schools.items()],
        "note": note,
        "sources": list(sources),
    }
