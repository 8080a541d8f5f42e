"""Where the hours' period begins (hours.period_start): records before it are not counted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..dates import first_day

SECTION, KEY = "hours", "period_start"
VALUE = "date"
ASK = "date"


def window_start(rule: dict[str, Any], as_of: dt.date) -> dt.date | None:
    return first_day(rule.get("value"))
