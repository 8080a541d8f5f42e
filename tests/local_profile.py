"""A school plan typed in through the rules page (tisheng.local): shared by the engine, CLI and browser tests."""

from __future__ import annotations

from typing import Any

SAMPLE: dict[str, Any] = {
    "format_version": 1,
    "title": "某某小学信息技术应用能力提升工程2.0校本考核方案",
    "issuer": "某某小学", "doc_no": "某小发〔2024〕3号", "date": "2024-03-01", "level": "school",
    "extends": "kaiyuan-2024",
    "hours": {
        "total_min": {"value": 60, "unit": "学时", "source": {"section": "三(一)", "quote": "每位教师完成不少于60学时"}},
        "online_min": {"value": 30, "unit": "学时", "source": {"section": "三(一)", "quote": "其中线上研修不少于30学时"}},
        "deadline": {"value": "2024-05-31", "source": {"section": "五", "quote": "2024年5月31日前完成"}},
    },
    "points": {
        "teacher_count_min": {"value": 4, "unit": "个", "source": {"section": "三(二)", "quote": "每位教师选择4个微能力点"}},
        "teacher_dimensions_min": {"value": 3, "unit": "个", "source": {"section": "三(二)", "quote": "覆盖至少3个维度"}},
        "school_range": {"value": ["A1", "A2", "A5", "B3", "B6"],
                         "source": {"section": "三(二)", "quote": "本校选定A1、A2、A5、B3、B6五个微能力点"}},
    },
    "grading": {
        "components": {"value": [
            {"id": "c1", "label": "集中培训", "weight": 0.2},
            {"id": "c2", "label": "线上学习", "weight": 0.3},
            {"id": "c3", "label": "校本研修", "weight": 0.5}],
            "source": {"section": "四", "quote": "集中培训20%、线上学习30%、校本研修50%"}},
        "bands": {"value": [
            {"band": "excellent", "label": "优秀", "min": 85, "max": 100, "min_inclusive": True, "max_inclusive": True},
            {"band": "pass", "label": "合格", "min": 60, "max": 85, "min_inclusive": True, "max_inclusive": False},
            {"band": "fail", "label": "不合格", "min": None, "max": 60, "min_inclusive": None, "max_inclusive": False}],
            "source": {"section": "四", "quote": "85分以上为优秀"}},
    },
    "rollout": {"shares": {"value": {"2022": 0.3, "2023": 0.3, "2024": 0.4}, "source": {"section": "二", "quote": "按30%、30%、40%逐年推进"}}},
}

# What each tool answers for it (the browser test types the same answers into each tool page).
HOURS_PASS = {"online": "30", "practice": "30"}   # total 60 ≥ 60, online 30 ≥ 30, practice ≥ kaiyuan's 25
HOURS_FAIL = {"online": "25", "practice": "30"}   # online 25 < the school's 30 (kaiyuan alone would pass it)
POINTS_PASS = ["A1", "A2", "A5", "B3"]           # 4 points over 3 dimensions
POINTS_FAIL = ["A1", "A2", "A5"]                 # 3 points: kaiyuan's minimum, not the school's 4
GRADE = {"c1": "80", "c2": "90", "c3": "85"}      # 0.2×80 + 0.3×90 + 0.5×85 = 85.5 → 优秀 (the school's line is 85)
ROLLOUT = [("甲校", "100"), ("乙校", "50")]        # 30%, 30%, 40% of 150 = 45, 45, 60
