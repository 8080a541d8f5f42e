"""The columns of a grade list: the names a school writes for each input of the grade tool (a component's own label,
from data/, always works), and the columns a list needs under one profile's grading rules."""

from __future__ import annotations

from typing import Any

from ...io.roster import NAME, SCHOOL, SUBJECT, Column
from . import modes

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

# Every column any profile's grade list may have; the runner narrows it to the chosen profile's.
ALL = (NAME, SCHOOL, SUBJECT, *(Column(k, GRADE_LABELS.get(k, k), v) for k, v in GRADE_SYNONYMS.items()))


def grade_columns(profile: dict[str, Any]) -> list[Column]:
    """The columns a staff list needs under this profile, read from its grading rules."""
    section = profile.get("grading") or {}
    how = modes.mode(profile)
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
