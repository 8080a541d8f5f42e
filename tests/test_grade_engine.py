"""The grade engine module by module: the Steps record, placing a total in its band, the composition with its
deductions and bonus, and the five-area standard and evidence rule (tisheng/tools/grade/)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tisheng.core import snapshot
from tisheng.core.inputs import Errors
from tisheng.tools import grade
from tisheng.tools.grade import bands, composition, modes, standard
from tisheng.tools.grade.steps import Steps

SCHOOL = snapshot.profile("school-assessment-2022")["grading"]
RULE = {"source": {"doc": "school-assessment-2022", "quote": "原文"}}


def _strict(section: dict[str, Any]) -> dict[str, Any]:
    return {**section, "level_aggregation": {**section["level_aggregation"], "value": "strict"}}


def test_steps_without_detail_record_nothing_but_what_is_written_in_full():
    quiet = Steps(detail=False)
    quiet.add("sum", "相加：80 分", RULE, Decimal("80"))
    quiet.note("grade.x", "说明", RULE)
    assert quiet.steps == [] and quiet.notes == []
    quiet.in_full().add("band", "80 分 → 优秀", RULE, None, band="excellent")
    assert [(s["step"], s["band"], s["source"]["quote"]) for s in quiet.steps] == [("band", "excellent", "原文")]
    loud = Steps()
    loud.add("sum", "相加：80 分", RULE, Decimal("80.0"))
    assert loud.steps[0]["value"] == 80.0 and isinstance(loud.steps[0]["value"], float)


def test_a_total_is_kept_within_0_100_banded_as_it_is_and_shown_in_its_band():
    """The document draws its lines at 60 and 80 and says nothing of rounding: 79.95 is 合格, shown as 79.95."""
    rule, bs, _ = bands.band_rule(SCHOOL, {}, Errors())
    steps = Steps()
    raw, clamped, score, band = bands.place(Decimal("79.95"), rule, bs, steps)
    assert (raw, clamped, score, band["band"]) == (Decimal("79.95"), None, Decimal("79.95"), "pass")
    assert [s["step"] for s in steps.steps] == ["round", "band"]
    steps = Steps()
    _, clamped, score, _ = bands.place(Decimal("104"), rule, bs, steps)
    assert (clamped, score) == ("high", Decimal("100.0")) and steps.notes[0]["rule"] == "grade.clamp"
    _, clamped, score, band = bands.place(Decimal("-3"), rule, bs, Steps(detail=False))
    assert (clamped, score, band["band"]) == ("low", Decimal("0.0"), "fail")


def test_the_composition_weights_both_parts_then_deducts_and_adds_the_bonus():
    errors, steps = Errors(), Steps()
    total, extra = composition.score_composition(
        SCHOOL, {"peer": 80, "leader": 90, "w_peer": 40, "w_leader": 60, "late": 2}, errors, steps)
    assert total == Decimal("84") and not errors  # 80×40% + 90×60% − 2×1
    assert extra["weights"] == {"values": {"peer": 0.4, "leader": 0.6}, "from": "user"}
    assert extra["deductions"] == {"late": 2} and extra["bonus"] == 0.0
    assert [s["step"] for s in steps.steps] == ["final_composition.peer", "final_composition.leader",
                                                "final_composition.sum", "deductions.late", "subtotal"]
    errors = Errors()
    assert composition.score_composition(SCHOOL, {"peer": 80, "leader": 90}, errors, Steps()) is None
    assert errors.items[0]["field"] == "input.weights" and "合计 100%" in errors.items[0]["message"]


def test_the_standard_and_the_evidence_fail_a_teacher_only_under_the_strict_reading():
    data = {"areas": "prep1,teaching1,tutoring1,data1", "own_image": "否"}  # nothing of 研修活动, no own image
    findings: list[Any] = []
    band, reasons = standard.standard_and_evidence(SCHOOL, data, findings, Steps(), "excellent")
    assert band == "excellent" and reasons[0].startswith("另：")
    assert [f["met"] for f in findings if f["rule"].startswith("grade.standard_areas.")] == [True] * 4 + [False]
    findings = []
    band, reasons = standard.standard_and_evidence(_strict(SCHOOL), data, findings, Steps(), "excellent")
    assert band == "fail" and len(reasons) == 2 and "从严" in reasons[0]


def test_a_staff_list_gets_the_same_numbers_without_the_words():
    prof = snapshot.profile("school-assessment-2022")
    data = {"peer": 85, "leader": 78, "w_peer": 40, "w_leader": 60, "absent": 1, "bonus": 2}
    full, quick = grade.evaluate(prof, data), grade.evaluate(prof, data, detail=False)
    for key in ("score", "band", "score_band", "raw_score", "clamped", "components", "deductions", "bonus"):
        assert full[key] == quick[key], key
    assert full["steps"] and not any(s["step"].startswith("final_composition") for s in quick["steps"])
    assert modes.mode(prof) == "composition" and modes.mode(snapshot.profile("kaiyuan-2024")) == "given"
