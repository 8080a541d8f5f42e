"""学时自查: does a teacher's training time meet a profile's hour rules? Each rule is applied by its kind
(``rules/``, through ``tisheng.core.registry``); this module reads the input, sums dated records inside the window
the rules allow, and says the answer in one sentence with the shortest way to pass."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...core import late, registry, vocabulary
from ...core.inputs import Errors, date, number
from ...core.inputs import today as judged_on
from ...core.model import Finding, finding, fmt, in_force
from .check import KINDS, Check, share_of
from .rules import practice_ratio_min

MAX_RECORDS = 2000


def read_input(data: dict[str, Any], errors: Errors) -> dict[str, float]:
    amounts: dict[str, float] = {}
    for kind, label in KINDS.items():
        value = number(data, kind, f"{label}学时", errors, required=kind != "centralized", unit=" 学时")
        if value is not None:
            amounts[kind] = value
    return amounts


def read_records(
    data: dict[str, Any], section: dict[str, Any], errors: Errors, today: dt.date
) -> tuple[dict[str, float], list[dict[str, Any]], dict[str, Any]]:
    """Sum dated records inside the window the profile allows; report every record left out and why."""
    raw = data.get("records")
    if not isinstance(raw, list):
        errors.add("input.records", "records 必须是培训记录的列表。")
        return {}, [], {}
    if len(raw) > MAX_RECORDS:
        errors.add("input.records", f"培训记录最多 {MAX_RECORDS} 条。")
        return {}, [], {}
    parsed = _parse_records(raw, errors)
    as_of = date(data, "as_of", "核算日期", errors, required=False)
    if errors:
        return {}, [], {}
    deadline = min(_bounds(section, "window_end"), default=None)
    if as_of is None:
        as_of = deadline or max((d for _, d, _, _ in parsed), default=today)
    end = min(as_of, deadline) if deadline else as_of
    start = max(_bounds(section, "window_start", as_of), default=None)
    amounts = {k: 0.0 for k in KINDS}
    excluded: list[dict[str, Any]] = []
    for i, day, kind, hours in parsed:
        reason = None
        if start and day < start:
            reason = f"早于计算起点 {start.isoformat()}"
        elif day > end:
            reason = f"晚于截止日期 {deadline.isoformat()}" if deadline and day > deadline else f"晚于核算日期 {end.isoformat()}"
        if reason:
            excluded.append({"index": i, "date": day.isoformat(), "kind": kind, "hours": hours, "reason": reason})
        else:
            amounts[kind] += hours
    window = {"start": start.isoformat() if start else None, "end": end.isoformat(), "as_of": as_of.isoformat(),
              "counted": [(day, kind, hours) for i, day, kind, hours in parsed
                          if not any(e["index"] == i for e in excluded)]}
    return amounts, excluded, window


def _parse_records(raw: list[Any], errors: Errors) -> list[tuple[int, dt.date, str, float]]:
    parsed: list[tuple[int, dt.date, str, float]] = []
    for i, rec in enumerate(raw):
        where = f"records[{i}]"
        if not isinstance(rec, dict):
            errors.add(f"input.{where}", f"第 {i + 1} 条记录格式不对。")
            continue
        day = date(rec, "date", f"第 {i + 1} 条记录的日期", errors, prefix=f"input.{where}")
        written = str(rec.get("kind", "")).strip()
        kind = vocabulary.get().hour_kind_aliases().get(vocabulary.fold(written), written)
        if kind not in KINDS:
            errors.add(f"input.{where}.kind", f"第 {i + 1} 条记录的类别必须是线上研修、实践应用或集中培训。")
        hours = number(rec, "hours", f"第 {i + 1} 条记录的学时", errors, prefix=f"input.{where}", unit=" 学时")
        if day is not None and kind in KINDS and hours is not None:
            parsed.append((i, day, kind, hours))
    return parsed


def _bounds(section: dict[str, Any], edge: str, *args: Any) -> list[dt.date]:
    """Where the rules in force let dated records begin (``window_start``) or end (``window_end``)."""
    out = []
    for k in registry.kinds("hours", having=edge):
        if (rule := in_force(section, k.key)) is not None and (day := getattr(k, edge)(rule, *args)) is not None:
            out.append(day)
    return out


def compile_rules(section: dict[str, Any], ratio_base: str = "required") -> list[Check]:
    """The profile's hour rules in force, compiled by their kinds."""
    options = {"ratio_base": ratio_base}
    return [check for k in registry.kinds("hours", having="compile")
            if (rule := in_force(section, k.key)) is not None and (check := k.compile(rule, section, options))]


def extra_to_pass(checks: list[Check], amounts: dict[str, float]) -> tuple[dict[str, float], float]:
    """The fewest extra hours that meet every count rule together: per kind, and a remainder of any kind.

    A kind's minimum can only be met by that kind and a share only by its kind, so each is added first (phase 1,
    then 2); the total takes what is left (phase 3), as the kind of a share read against the hours done if there
    is one (any other kind would lower that share)."""
    extra = {kind: 0.0 for kind in KINDS}

    def after() -> dict[str, float]:
        return {k: amounts.get(k, 0.0) + extra[k] for k in KINDS}

    remainder = 0.0
    for phase in (1, 2, 3):
        for check in (c for c in checks if c.phase == phase):
            now = after() if phase > 1 else amounts
            gap = check.gap(now, sum(now.values()))
            if check.fills in extra:
                extra[check.fills] = max(extra[check.fills], gap) if phase == 1 else extra[check.fills] + gap
            else:
                remainder += gap
    share = share_of(checks)
    if remainder and share is not None and share.takes_remainder:
        extra[share.fills] += remainder
        remainder = 0.0
    return {k: v for k, v in extra.items() if v}, remainder


def _deadline(section: dict[str, Any]) -> dt.date | None:
    found = [d for k in registry.kinds("hours", having="deadline")
             if (rule := in_force(section, k.key)) is not None and (d := k.deadline(rule)) is not None]
    return min(found) if found else None


def todo_text(extra: dict[str, float], remainder: float) -> str:
    """The fewest extra hours that pass, in the words every surface uses (the answer's first sentence, its summary,
    a staff list's 说明, 我的考核进度, the evidence prerequisite): "再完成 5 学时线上研修和 3 学时实践应用"."""
    parts = [f"{fmt(h)} 学时{KINDS[k]}" for k, h in extra.items()]
    if not parts and not remainder:
        return ""
    todo = "再完成 " + ("、".join(parts[:-1]) + "和 " + parts[-1] if len(parts) > 1 else "".join(parts))
    if remainder:
        todo = (todo + "，另外再完成" if parts else "再完成") + f"任意 {fmt(remainder)} 学时（线上研修、实践应用都算）"
    return todo


def what_to_do(checks: list[Check], amounts: dict[str, float]) -> str:
    """All a teacher must still do: the fewest extra hours, and what no extra hours can mend (a kind's cap)."""
    total = sum(amounts.values())
    cannot = [c.shortfall_text(g) for c in checks if c.phase == 0 and (g := c.gap(amounts, total))]
    return "；".join(x for x in [todo_text(*extra_to_pass(checks, amounts)), *cannot] if x)


def _headline(status: str, title: str, extra: dict[str, float], remainder: float,
              window_unmet: list[Finding], deadline: dt.date | None, today: dt.date) -> str:
    """The answer in one plain sentence: what is done, or the shortest way to pass. The deadline is said against the
    day the user reads it (today unless she says another); one that has passed before she is done is the answer's
    `late`, which every page shows before the answer."""
    if deadline is None:
        return _answer(status, title, extra, remainder, window_unmet, "")
    if late.passed(deadline, today) and status != "pass":  # the passed date is the answer's `late`, said before it
        return _answer(status, title, extra, remainder, window_unmet, "")
    return _answer(status, title, extra, remainder, window_unmet, late.said("完成学时", deadline, today, ask=False))


def _answer(status: str, title: str, extra: dict[str, float], remainder: float,
            window_unmet: list[Finding], deadline: str) -> str:
    if status == "pass":
        return f"已达到{title}的学时要求。" + deadline
    parts = [f"{fmt(h)} 学时{KINDS[k]}" for k, h in extra.items()]
    if parts or remainder:
        todo = todo_text(extra, remainder)
        todo += "，即可达标" if remainder and parts else "即可达标"
        if window_unmet:
            todo += "；另有时间要求未达到，见下方"
        return todo + "。" + deadline
    if window_unmet:
        return "学时数已够，但" + window_unmet[0]["message"].split("（")[0] + "，有记录不在这段时间内。" + deadline
    return f"尚未达到{title}的学时要求，见下方各条。" + deadline


def evaluate(profile: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    errors = Errors()
    today = judged_on(data, errors, label="按哪一天判断截止日期")
    section: dict[str, Any] = profile.get("hours") or {}
    excluded: list[dict[str, Any]] = []
    window: dict[str, Any] = {}
    if "records" in data:
        amounts, excluded, window = read_records(data, section, errors, today)
    else:
        amounts = read_input(data, errors)
    ratio_base = practice_ratio_min.read_base(data, errors)
    if errors:
        return {"ok": False, "errors": errors.items}

    total = sum(amounts.values())
    checks = compile_rules(section, ratio_base)
    findings = _rule_findings(checks, amounts, total)
    notes = [k.note(rule) for k in registry.kinds("hours", having="note") if (rule := in_force(section, k.key))]
    counted = window.pop("counted", None) if window else None
    for k in registry.kinds("hours", having="window_findings"):
        if (rule := in_force(section, k.key)) is not None:
            findings += k.window_findings(rule, counted, notes)
    share = share_of(checks)
    if isinstance(share, practice_ratio_min.Ratio):
        notes.append(share.note(ratio_base))
    if excluded:
        listed = "；".join(f"{e['date']} {KINDS[e['kind']]} {fmt(e['hours'])} 学时（{e['reason']}）" for e in excluded[:10])
        notes.insert(0, {"rule": "hours.records", "source": {}, "inherited_from": None,
                         "message": f"有 {len(excluded)} 条记录不在计算期间内，未计入：{listed}{'……' if len(excluded) > 10 else ''}。"})
    status = "pass" if findings and all(f["met"] for f in findings) else "fail"
    title = profile.get("short_title") or profile.get("title") or profile["id"]
    extra, remainder = extra_to_pass(checks, amounts)
    as_of = window.get("as_of") if window else None
    # the deadline is said against the day asked about; records counted to a day of her own are said against that day
    day = dt.date.fromisoformat(as_of) if as_of and data.get("as_of") and not data.get("today") else today
    unmet_windows = [f for f in findings if not f["met"] and f["rule"] == "hours.windows"]
    due = _deadline(section)
    headline = (_headline(status, title, extra, remainder, unmet_windows, due, day)
                if findings else f"{title}没有规定学时要求，无法判断。")
    late_now = status != "pass" and due is not None and late.passed(due, day)
    # the bar that stays in view while she types: the answer alone, a passed date only mentioned
    brief = late.brief(_answer(status, title, extra, remainder, unmet_windows, ""), late_now) if findings else headline
    return {
        "ok": True,
        "status": status,
        "headline": headline,
        "brief": brief,  # the headline short enough for the bar that stays in view
        **({"late": late.said("完成学时", due, day)} if late_now and due is not None else {}),  # said first
        "summary": _summary(title, status, findings, what_to_do(checks, amounts)),
        "more": None,  # the summary says what the headline says (the rules unmet are listed below it)
        "findings": findings,
        "notes": notes,
        "totals": {"total": total, **{k: amounts.get(k, 0.0) for k in KINDS}},
        **({"excluded": excluded, "window": window} if window else {}),
    }


def _rule_findings(checks: list[Check], amounts: dict[str, float], total: float) -> list[Finding]:
    """A finding per compiled rule."""
    findings: list[Finding] = []
    for check in checks:
        gap = check.gap(amounts, total)
        actual, required = check.measure(amounts, total)
        findings.append(finding(check.rule_id, check.rule, not gap, check.message(amounts, total, gap),
                                required=required, actual=actual, shortfall=gap))
    return findings


def _summary(title: str, status: str, findings: list[Finding], todo: str) -> str:
    if not findings:
        return f"{title}没有规定学时要求，无法判断。"
    if status == "pass":
        return f"符合{title}的学时要求。"
    parts = ([todo] if todo else []) + [
        f["message"].split("（")[0] for f in findings if not f["met"] and f["rule"] == "hours.windows"]
    return f"尚未达到{title}的学时要求：" + "；".join(parts) + "。"