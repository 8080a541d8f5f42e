"""Scores on 0–100 as exact decimals, reported to one decimal place (half up), or to two where one would cross a band's
line (59.96 is shown as 59.96, never as "60.0 不合格")."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal


SCORE_MIN = Decimal(0)
SCORE_MAX = Decimal(100)


def D(x: float | int | str) -> Decimal:
    return Decimal(str(x))


def one_decimal(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def two_decimals_down(x: Decimal) -> Decimal:
    """Cut, not rounded, to two places: a score below a line stays below it (59.999 → 59.99)."""
    return x.quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def show(x: Decimal | float) -> str:
    """A score to one decimal place (85.0, 79.9), or two where it was reported so (59.96)."""
    d = D(x)
    return f"{d:.2f}" if d != one_decimal(d) and d == d.quantize(Decimal("0.01")) else f"{one_decimal(d):.1f}"


def num(x: Decimal) -> float:
    return float(x)
