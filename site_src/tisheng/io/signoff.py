"""The sign-off sheet every staff list prints (考核结果签名表, 学时核对签名表…): each school's teachers numbered by
序号 from 1, the columns the tool gives, then the blank ones a teacher fills in by hand."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

SAY = "意见（可表述、申诉）"  # where the document gives a teacher her say (x县某校 二 原则4: “有意见可表述”)


def sheets(title: str, profile: dict[str, Any], columns: Sequence[str], people: Iterable[tuple[str, list[Any]]],
           *, say: bool = False, note: str = "", sources: Sequence[dict[str, Any]] = (),
           wide: str | None = None) -> dict[str, Any]:
    """``people``: (school, the cells of ``columns``) for every teacher, in list order; ``wide``: the column of
    ``columns`` that holds sentences rather than a word or a figure (it is printed wider)."""
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
        "wide": 1 + list(columns).index(wide) if wide else None,
        "schools": [{"school": s, "rows": r} for s, r in schools.items()],
        "note": note,
        "sources": list(sources),
    }


def as_sheet(so: dict[str, Any]) -> tuple[str, list[str], list[list[Any]], list[int]]:
    """The sheet as one worksheet of a download: every school's rows under a 学校 column."""
    rows: list[list[Any]] = []
    for sch in so["schools"]:
        rows += [[sch["school"], *r] for r in sch["rows"]]
    widths = {"序号": 6, "姓名": 10, "学科": 8, "日期": 12, "教师签名": 16}
    return ("签名表", ["学校", *so["columns"]], rows,
            [18, *(widths.get(c, 24 if c.startswith(("意见", "缺")) else 9) for c in so["columns"])])
