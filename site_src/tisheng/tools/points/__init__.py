"""能力点选择: a teacher's micro-ability points, or a school's range of points, checked against a profile's rules.

Teacher mode checks how many points she chose (or, where a plan sets it by age, how many her age needs), how many
dimensions they cover, whether they lie in the school's range and whether the school has classrooms for their
environments; an invalid choice comes with the smallest changes that make it valid. School mode checks (or, when no
range is given, builds) the school's range: its size, its environments and dimensions, whether teachers can make a
valid choice from it, and which points need classrooms the school does not have.

A verdict that relied on a point whose name or dimension the catalog has not confirmed says so
(``relies_on_unconfirmed``); a point whose dimension is unknown never counts towards a dimension rule.

Where each part lives, in the order a check runs:
    catalog       the catalog in use, environments and dimensions, how points are named
    readings      the profile's point rules, a rule's value under the reading in use, its conflict
    request       reading the request into a ``Ctx`` (context), every problem in Chinese
    requirements  what the rules ask, as numbers (``Need``); counting: in the document's own items
    teacher       the teacher check, and her smallest fix (search: the exact search)
    school        the school check, and the repaired range (school_range: the greedy builder)
    findings      the findings both checks share; messages: suggestions in words; headline: the answer's sentence
    answer        ``evaluate``, putting it together
The range as a workbook is ``tisheng.exports.points``.
"""

from __future__ import annotations

from .answer import evaluate
from .request import read_input

__all__ = ["evaluate", "read_input"]
