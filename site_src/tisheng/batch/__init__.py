"""Whole staff lists: a file in, every teacher's verdict out, the same in the browser (Pyodide) and the CLI.

Bad rows (no name, text in a number column, negative hours, a name twice) are listed with their row numbers
while every good row is still checked. ``columns`` reads the header, ``hours`` and ``grade`` are the runners,
``signoff`` the grade sign-off sheet, ``export`` the CSV/XLSX downloads, ``templates`` the blank lists. Callers
outside the engine go through ``tisheng.api.batch`` / ``tisheng.api.export``.
"""

from __future__ import annotations

from .columns import COLUMNS, Column, grade_columns, header_test, map_header, parse_number
from .export import safe_cell, to_csv, to_xlsx
from .runner import RUNNERS, run, run_table
from .templates import template

__all__ = ["COLUMNS", "RUNNERS", "Column", "grade_columns", "header_test", "map_header", "parse_number", "run",
           "run_table", "safe_cell", "template", "to_csv", "to_xlsx"]
