"""成绩计算: a teacher's assessment score and band under a profile's grading rules, every step cited.

Two ways of scoring come from the documents:
- weighted components (XX学校: 学校集中培训 15% + 线上自主学习 30% + 校本研修活动 30% + 成果打磨展示 25%);
- peer review + leadership evaluation (x县某校), whose weights the document leaves open, so the user gives them;
  then deductions (per occurrence) and a bonus the school sets.
Scores are on 0–100, reported to one decimal place (half up), and the band is read from the reported score.
A profile that only states school-level rates (开原) grades from a given 等次 and is checked in ``school_summary``.

Where each part lives:
    modes        which way a profile grades (components, composition, given)
    request      reading scores, weights, deductions and the five-area standard
    components   weighted components; composition: two parts, deductions and a bonus
    bands        clamping, rounding and the band, with the reading in force at a boundary
    standard     the five-area standard and the evidence rule, after the score
    school       school-level rates over a staff list, and a teacher graded from a given 等次
    steps        the cited steps and notes (``Steps``), findings; scores: the decimals
    answer       ``evaluate``, putting it together
"""

from __future__ import annotations

from .answer import evaluate
from .bands import BAND_ALIASES, BAND_LABELS, BAND_ORDER, band_of, band_range
from .modes import grading_profiles, mode
from .request import yes_no
from .scores import D, SCORE_MAX, SCORE_MIN, num, one_decimal, show
from .school import school_summary
from .steps import Steps, cite, finding

_yes_no = yes_no  # the staff-list runner (batch.py) reads a 是/否 column with it

__all__ = ["BAND_ALIASES", "BAND_LABELS", "BAND_ORDER", "D", "SCORE_MAX", "SCORE_MIN", "Steps", "band_of",
           "band_range", "cite", "evaluate", "finding", "grading_profiles", "mode", "num", "one_decimal",
           "school_summary", "show", "yes_no"]
