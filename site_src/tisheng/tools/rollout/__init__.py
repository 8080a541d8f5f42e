"""名额分配: split a programme's teachers (or schools) over its years by the shares a plan states, or check a
published quota table against those shares.

Two modes share one input:
- ``plan``: groups (districts or schools) with their teacher counts, the years and the shares, optional pilot
  quotas taken first. The answer is a quota table whose every row adds up to the group's teachers and whose every
  year adds up to the largest-remainder rounding of that year's share — see :func:`rounding.controlled_rounding`.
- ``check``: a published table (or, for a profile that has one, the document's own table) against the shares it
  claims; a year fails when it is more than ``tolerance`` people (default 1) away from its share, a row fails when
  its years do not add up to its teachers.

Shares may be fractions (0.3), percents (30) or text ("30%"): text ending in % is a percent; plain numbers are
read as percents when any of them is above 1, and as fractions otherwise. They must add up to 100%.

Where each part lives:
    rounding   largest remainder and the controlled rounding of a whole table (pure integer arithmetic)
    values     years, whole numbers, names, blanks; shares: the years and their shares; request: the rest
    context    what the profile says about rollout (``Ctx``)
    targets    the base the shares are of, each year's target and deviation, and their findings
    plan       plan mode; check: check mode; messages: the notes beside a verdict
    answer     ``evaluate``, putting it together
The answer as a workbook is ``tisheng.exports.rollout``.
"""

from __future__ import annotations

from .answer import evaluate
from .rounding import controlled_rounding, largest_remainder, within_rounding
from .shares import read_shares
from .values import read_year

__all__ = ["controlled_rounding", "evaluate", "largest_remainder", "read_shares", "read_year", "within_rounding"]
