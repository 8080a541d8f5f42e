"""A document's date against the day the user reads it (学时自查, 材料自查, 我的考核进度 say it alike).

Every document on the site has its last date in 2021–2024, so on most days a teacher asks, her deadline has passed.
An answer then says that first, with the day it judged by (which she can change), then what the document says
happens after the date, or that it says nothing and whom to ask, and only then what is still missing. The words
are data/vocabulary.yaml's `late`.
"""

from __future__ import annotations

import datetime as dt

from . import vocabulary


def date_zh(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def said(what: str, due: dt.date, today: dt.date, *, after: str | None = None, last: bool = False,
         ask: bool = True) -> str:
    """One sentence on `what`'s date `due` as of `today`; when it has passed, what happens after it (`after`, the
    document's own words) or whom to ask (unless `ask` is false: nothing is left to do). `last`: every date of the
    document has passed and this is the last."""
    words = vocabulary.get().late
    days = (due - today).days
    fill = {"what": what, "date": date_zh(due), "today": date_zh(today), "days": abs(days)}
    if days > 0:
        return words["ahead"].format(**fill)
    if days == 0:
        return words["today"].format(**fill)
    return words["all_passed" if last else "passed"].format(**fill) + ((after or words["silent"]) if ask else "")


def passed(due: dt.date, today: dt.date) -> bool:
    return due < today


def brief(answer: str, passed: bool) -> str:
    """The answer short enough for the bar that stays in view while she types: a passed date only mentioned."""
    return answer + (vocabulary.get().late["brief"] if passed else "")
