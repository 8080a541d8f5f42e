"""A minimum of all hours together (hours.total_min)."""

from __future__ import annotations

from typing import Any

from ..check import Total

SECTION, KEY = "hours", "total_min"
VALUE = "number"
ASK = "number"


def compile(rule: dict[str, Any], section: dict[str, Any], options: dict[str, Any]) -> Total:
    return Total(f"{SECTION}.{KEY}", "any", float(rule["value"]), rule)
