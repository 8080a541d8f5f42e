"""Which columns each tool's staff list has (each tool's own runner declares them), and the reading of a header and a
cell they share (``tisheng.io.roster``)."""

from __future__ import annotations

from collections.abc import Sequence

from ..io.roster import Column, check_duplicate, getter, header_test, map_header, parse_number
from ..tools.grade.columns import ALL as GRADE_ALL
from ..tools.grade.columns import grade_columns
from ..tools.hours.batch import HOURS_COLUMNS

COLUMNS: dict[str, Sequence[Column]] = {"hours": HOURS_COLUMNS, "grade": GRADE_ALL}

__all__ = ["COLUMNS", "Column", "check_duplicate", "getter", "grade_columns", "header_test", "map_header",
           "parse_number"]
