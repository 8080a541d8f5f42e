"""A staff list's columns: the names a school writes for each, finding them in a header, reading a cell."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..tools import grade as engine


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    synonyms: tuple[str, ...] = ()
    number: bool = False
    required: bool = False

    def names(self) -> tuple[str, ...]:
        return (self.label, *self.synonyms)


NAME = Column("name", "姓名", ("教师姓名", "名字", "教师", "name"), required=True)
SCHOOL = Column("school", "学校", ("单位", "学校名称", "所在学校", "school"))
SUBJECT = Column("subject", "学科", ("任教学科", "科目", "subject"))
HOURS_COLUMNS = (
    NAME, SCHOOL, SUBJECT,
    Column("online", "线上学时", ("线上研修学时", "线上研修", "网络研修学时", "网络研修", "线上", "online"), True, True),
    Column("practice", "实践学时", ("实践应用学时", "实践应用", "线下实践学时", "线下实践", "实践", "practice"), True, True),
    Column("centralized", "集中培训学时", ("集中培训", "集中学时", "centralized"), True),
)
MAX_NUMBER = 10000.0

# Column names a school writes for each input of the grade tool; a component's own label (from data/) always works.
GRADE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "centralized": ("集中培训", "学校集中培训得分", "centralized"),
    "online": ("线上学习", "线上自主学习得分", "online"),
    "school_activities": ("校本研修", "校本研修活动得分", "school_activities"),
    "showcase": ("成果展示", "成果打磨展示得分", "showcase"),
    "peer": ("互评", "教师互评得分", "互评得分", "peer"),
    "leader": ("领导评价", "考核领导评价得分", "领导评价得分", "leader"),
    "late_submission": ("不按时上交资料次数", "迟交资料", "迟交次数", "late_submission"),
    "late": ("迟到", "培训迟到次数", "late"),
    "absent": ("旷到", "缺席次数", "旷到（缺席）次数", "absent"),
    "bonus": ("获奖加分", "加分分值", "bonus"),
    "own_image": ("证据含本人影像", "本人影像", "own_image"),
    "w_peer": ("互评权重", "w_peer"),
    "w_leader": ("领导评价权重", "考核领导评价权重", "w_leader"),
    "band": ("认证等次", "微能力点认证等次", "考核等次", "band"),
}
GRADE_LABELS = {"late_submission": "迟交资料次数", "late": "迟到次数", "absent": "旷到次数", "bonus": "加分",
                "own_image": "证据含本人影像", "w_peer": "互评权重", "w_leader": "领导评价权重", "band": "等次"}

COLUMNS: dict[str, Sequence[Column]] = {
    "hours": HOURS_COLUMNS,
    # Every column any profile's grade list may have; the runner narrows it to the chosen profile's.
    "grade": (NAME, SCHOOL, SUBJECT, *(Column(k, GRADE_LABELS.get(k, k), v) for k, v in GRADE_SYNONYMS.items())),
}


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("（", "(").replace("）", ")").lower()


def header_test(columns: Sequence[Column]) -> Callable[[list[str]], bool]:
    wanted = {_norm(n) for n in NAME.names()}
    return lambda cells: any(_norm(c) in wanted for c in cells)


def map_header(header: list[str], columns: Sequence[Column]) -> tuple[dict[str, int], list[str]]:
    """Which cell holds which column; and the labels of required columns that are missing."""
    index: dict[str, int] = {}
    normalised = [_norm(h) for h in header]
    for col in columns:
        for name in col.names():
            if _norm(name) in normalised:
                index[col.key] = normalised.index(_norm(name))
                break
    missing = [col.label for col in columns if col.required and col.key not in index]
    return index, missing


def grade_columns(profile: dict[str, Any]) -> list[Column]:
    """The columns a staff list needs under this profile, read from its grading rules."""
    section = profile.get("grading") or {}
    how = engine.mode(profile)
    cols = [NAME, SCHOOL, SUBJECT]

    def col(key: str, label: str, required: bool, number: bool = True) -> Column:
        return Column(key, label, GRADE_SYNONYMS.get(key, (key,)), number, required)

    if how == "components":
        cols += [col(c["id"], c["label"], True) for c in section["components"]["value"]]
    elif how == "composition":
        parts = section["final_composition"]["value"]
        cols += [col(p["id"], p["label"], True) for p in parts]
        cols += [col(d["id"], GRADE_LABELS.get(d["id"], d["label"]), False)
                 for d in (section.get("deductions") or {}).get("value") or []]
        if section.get("bonus"):
            cols.append(col("bonus", GRADE_LABELS["bonus"], False))
        if any(r.get("id") == "own_image" for r in (section.get("evidence_rules") or {}).get("value") or []):
            cols.append(col("own_image", GRADE_LABELS["own_image"], False, False))
        if any(p.get("weight") is None for p in parts):
            cols += [col("w_peer", GRADE_LABELS["w_peer"], False), col("w_leader", GRADE_LABELS["w_leader"], False)]
    elif how == "given":
        cols.append(col("band", GRADE_LABELS["band"], True, False))
    return cols


def parse_number(text: str) -> float | None:
    """'25', '25.0', '２５', '25学时' → 25.0; anything else (also Python's own '2_5' and 7,000 digits) → None."""
    if "_" in text or len(text) > 64:
        return None
    try:
        value = float(text)
        return value if value == value and abs(value) != float("inf") else None
    except ValueError:
        pass
    t = unicodedata.normalize("NFKC", text).strip().removesuffix("学时").removesuffix("小时").strip()
    try:
        value = float(t)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def getter(index: dict[str, int], key: str) -> Callable[[list[str]], str]:
    i = index.get(key)
    if i is None:
        return lambda cells: ""
    return lambda cells: cells[i].strip() if i < len(cells) else ""


def check_duplicate(seen: dict[tuple[str, str], int], school: str, name: str, number: int,
                    problems: list[str]) -> None:
    """The same name twice in one school is most often a row entered twice."""
    if not name:
        return
    if (school, name) in seen:
        problems.append(f"与第 {seen[(school, name)]} 行重名（同一学校），请核对是否重复录入")
    else:
        seen[(school, name)] = number
