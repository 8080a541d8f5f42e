"""TEMPORARY adapter in branch h2-door (replaced by h1's ``exports/rollout.py`` at merge): today's
``tools.rollout.to_xlsx`` and the file name ``tools.rollout.xlsx_json`` gives it."""

from __future__ import annotations

from typing import Any

from ..tools import rollout


def workbook(response: dict[str, Any]) -> tuple[bytes, str]:
    years = [y for y in response.get("year_totals") or {}]
    span = f"{years[0]}-{years[-1]}" if years else ""
    name = ("名额核对" if response.get("mode") == "check" else "名额分配") + (f"-{span}" if span else "") + ".xlsx"
    return rollout.to_xlsx(response), name
