"""A minimum of one kind of hours (hours.online_min)."""

from ..check import minimum

SECTION, KEY = "hours", "online_min"
VALUE = "number"
ASK = "number"
compile = minimum(SECTION, KEY, "online")
