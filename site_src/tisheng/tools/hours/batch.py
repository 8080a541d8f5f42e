"""The hours runner: every teacher's online, practice and centralized hours against the profile's compiled checks
(the same ``Check`` objects the single check uses)."""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import Any

from ...io.roster import MAX_NUMBER, NAME, SCHOOL, SUBJECT, Column, check_duplicate, parse_number
from ...core.model import cite, fmt
from ...io.signoff import sheets
from .answer import compile_rules, what_to_do
from .check import Check

KINDS = ("online", "practice", "centralized")
HOURS_COLUMNS = (
    NAME, SCHOOL, SUBJECT,
    Column("online", "线上学时", ("线上研修学时", "线上研修", "网络研修学时", "网络研修", "线上", "online"), True, True),
    Column("practice", "实践学时", ("实践应用学时", "实践应用", "线下实践学时", "线下实践", "实践", "practice"), True, True),
    Column("centralized", "集中培训学时", ("集中培训", "集中学时", "centralized"), True),
)


def _fields(index: dict[str, int], kinds: list[tuple[str, str]]) -> Callable[[list[str]], list[str]]:
    """name, school, subject and each hour kind's text from a row, stripped."""
    wanted = [index.get(k) for k in ("name", "school", "subject")] + [index[k] for k, _ in kinds]
    present = [i for i in wanted if i is not None]
    # One C-level fetch of the columns a row needs; short rows (trailing empty cells) take the slow path.
    take = operator.itemgetter(*present, 0) if present else (lambda cells: ("",))

    def fields(cells: list[str]) -> list[str]:
        try:
            got = iter(take(cells))
        except IndexError:
            got = iter([cells[i] if i < len(cells) else "" for i in present])
        return [next(got).strip() if i is not None else "" for i in wanted]

    return fields


def _amounts(kinds: list[tuple[str, str]], texts: list[str], numbers: dict[str, float | None],
             problems: list[str]) -> dict[str, float]:
    amounts: dict[str, float] = {}
    for (kind, label), text in zip(kinds, texts):
        if not text:
            if kind != "centralized":
                problems.append(f"缺少{label}")
            continue
        value = numbers[text] if text in numbers else numbers.setdefault(text, parse_number(text))
        if value is None:
            problems.append(f"{label}“{text[:20]}”不是数字")
        elif value < 0:
            problems.append(f"{label}不能为负数（{text}）")
        elif value > MAX_NUMBER:
            problems.append(f"{label} {text} 超出合理范围")
        else:
            amounts[kind] = value
    return amounts


def run(profile: dict[str, Any], index: dict[str, int], rows: Sequence[tuple[int, list[str]]],
        options: dict[str, Any] | None = None) -> dict[str, Any]:
    checks = compile_rules(profile.get("hours") or {})
    labels = {c.key: c.label for c in HOURS_COLUMNS}
    kinds = [(k, labels[k]) for k in KINDS if k in index]
    # 集中培训 is a column of the results where the list has it or the document counts it, not a 0 for everyone
    shown = 3 if "centralized" in index or any(c.fills == "centralized" for c in checks) else 2
    fields = _fields(index, kinds)
    seen: dict[tuple[str, str], int] = {}
    verdicts: dict[tuple[float, float, float], tuple[float, str, str]] = {}
    numbers: dict[str, float | None] = {}
    out: list[list[Any]] = []
    bad: list[dict[str, Any]] = []
    for number, cells in rows:
        name, school, subject, *texts = fields(cells)
        problems: list[str] = [] if name else ["缺少姓名"]
        amounts = _amounts(kinds, texts, numbers, problems)
        check_duplicate(seen, school, name, number, problems)
        if problems:
            bad.append({"row": number, "name": name, "school": school, "problems": problems})
            continue
        hours_key = (amounts.get("online", 0.0), amounts.get("practice", 0.0), amounts.get("centralized", 0.0))
        verdict = verdicts.get(hours_key)
        if verdict is None:  # staff lists repeat the same hours a lot: each combination is checked once
            total = sum(hours_key)
            failing = any(c.gap(amounts, total) for c in checks)
            todo = what_to_do(checks, amounts) if failing else ""  # the single check's words
            verdict = verdicts[hours_key] = (total, "fail" if failing else "pass", todo)
        out.append([number, name, school, subject, *hours_key[:shown], *verdict])
    return _result(profile, checks, out, bad, shown)


STATUS_LABELS = {"pass": "达标", "fail": "未达标"}


def _result(profile: dict[str, Any], checks: list[Check], out: list[list[Any]], bad: list[dict[str, Any]],
            shown: int) -> dict[str, Any]:
    status_col = 5 + shown
    passed = sum(1 for r in out if r[status_col] == "pass")
    kinds = ["线上研修", "实践应用", "集中培训"][:shown]
    return {
        "status": "pass" if out and passed == len(out) and not bad else "fail",
        "columns": ["行号", "姓名", "学校", "学科", *kinds, "总学时", "结果", "说明"],
        "rows": out,
        "status_col": status_col,
        "status_labels": STATUS_LABELS,
        "export_name": "学时检查结果",
        "signoff": sheets("学时核对签名表", profile, ["姓名", "学科", *kinds, "总学时", "结果"],
                          ((r[2], [r[1], r[3], *r[4:4 + shown], fmt(r[4 + shown]), STATUS_LABELS[r[status_col]]])
                           for r in out)),
        "bad_rows": bad,
        "summary": {"checked": len(out), "pass": passed, "fail": len(out) - passed, "bad": len(bad),
                    "pass_rate": round(passed / len(out), 4) if out else 0.0},
        "chart": _chart(checks, out, status_col),
        "rules": [{"rule": c.rule_id, "text": c.rule_text(), "source": cite(c.rule),
                   "inherited_from": c.rule.get("inherited_from")} for c in checks],
    }


def _chart(checks: list[Check], out: list[list[Any]], status_col: int) -> dict[str, Any]:
    """Total hours in bands of ten, up to ten past the total the profile asks for."""
    need = max((c.need for c in checks if c.phase == 3), default=50.0)  # the total's
    top = int(max(need + 10, 60) // 10 * 10)
    categories = [f"{lo}–{lo + 9}" for lo in range(0, top, 10)] + [f"{top} 以上"]
    dist_pass, dist_fail = [0] * len(categories), [0] * len(categories)
    for r in out:
        slot = min(int(r[status_col - 1] // 10), len(categories) - 1)
        (dist_pass if r[status_col] == "pass" else dist_fail)[slot] += 1
    return {"title": "总学时分布", "categories": categories, "pass": dist_pass, "fail": dist_fail}
