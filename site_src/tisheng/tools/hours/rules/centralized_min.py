"""A minimum of one kind of hours (hours.centralized_min)."""

from ..check import minimum

SECTION, KEY = "hours", "centralized_min"
VALUE = "number"
compile = minimum(SECTION, KEY, "centralized")
