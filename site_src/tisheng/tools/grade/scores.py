"""Scores on 0–100 as exact decimals, reported to one decimal place (half up)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


SCORE_MIN = Decimal(0)
SCORE_MAX = Decimal(100)


def D(x: float | int | str) -> Decimal:
    return Decimal(str(x))


def one_decimal(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def show(x: Decimal | float) -> str:
    """A score to one decimal place, always: 85.0, 79.9."""
    return f"{one_decimal(D(x)):.1f}"


def num(x: Decimal) -> float:
    return float(x)
