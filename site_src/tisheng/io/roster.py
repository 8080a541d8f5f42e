"""A staff list's columns: the names a school writes for each, finding them in a header, reading a cell. No policy
here: each tool's runner says which columns its list has."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    synonyms: tuple[str, ...] = ()
    number: bool = False
    required: bool = False

    def names(self) -> tuple[str, ...]:
        return (self.label, *self.synonyms)


NAME = Column("name", "姓名", ("教师姓名", "名字", "教师", "name"), required=True)
SCHOOL = Column("school", "学校", ("单位", "学校名称", "所在学校", "school"))
SUBJECT = Column("subject", "学科", ("任教学科", "科目", "subject"))
MAX_NUMBER = 10000.0


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("（", "(").replace("）", ")").lower()


def header_test(columns: Sequence[Column]) -> Callable[[list[str]], bool]:
    wanted = {_norm(n) for n in NAME.names()}
    return lambda cells: any(_norm(c) in wanted for c in cells)


def map_header(header: list[str], columns: Sequence[Column]) -> tuple[dict[str, int], list[str]]:
    """Which cell holds which column; and the labels of required columns that are missing."""
    index: dict[str, int] = {}
    normalised = [_norm(h) for h in header]
    for col in columns:
        for name in col.names():
            if _norm(name) in normalised:
                index[col.key] = normalised.index(_norm(name))
                break
    missing = [col.label for col in columns if col.required and col.key not in index]
    return index, missing


def parse_number(text: str) -> float | None:
    """'25', '25.0', '２５', '25学时' → 25.0; anything else (also Python's own '2_5' and 7,000 digits) → None."""
    if "_" in text or len(text) > 64:
        return None
    try:
        value = float(text)
        return value if value == value and abs(value) != float("inf") else None
    except ValueError:
        pass
    t = unicodedata.normalize("NFKC", text).strip().removesuffix("学时").removesuffix("小时").strip()
    try:
        value = float(t)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def getter(index: dict[str, int], key: str) -> Callable[[list[str]], str]:
    i = index.get(key)
    if i is None:
        return lambda cells: ""
    return lambda cells: cells[i].strip() if i < len(cells) else ""


def check_duplicate(seen: dict[tuple[str, str], int], school: str, name: str, number: int,
                    problems: list[str]) -> None:
    """The same name twice in one school is most often a row entered twice."""
    if not name:
        return
    if (school, name) in seen:
        problems.append(f"与第 {seen[(school, name)]} 行重名（同一学校），请核对是否重复录入")
    else:
        seen[(school, name)] = number
