"""A minimum of one kind of hours (hours.practice_min)."""

from ..check import minimum

SECTION, KEY = "hours", "practice_min"
VALUE = "number"
ASK = "number"
compile = minimum(SECTION, KEY, "practice")
