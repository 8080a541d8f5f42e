"""学时自查: does a teacher's training time meet a profile's hour rules?"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...core import vocabulary
from ...core.inputs import Errors, date, number
from ...core.inputs import today as judged_on
from ...core.model import Finding, ceil1, cite, finding, fmt, in_force, pct

KINDS = vocabulary.Words(lambda v: v.hour_kinds)
MAX_RECORDS = 2000
# Readings of "实践应用学时不少于50%" (data/conflicts.yaml, hours-ratio-base): a share of the required total (default:
# more online hours can never turn a pass into a fail) or of the hours actually done.
RATIO_BASES = vocabulary.Words(lambda v: {w: v.value_words[w] for w in ("required", "actual")})


def read_input(data: dict[str, Any], errors: Errors) -> dict[str, float]:
    amounts: dict[str, float] = {}
    for kind, label in KINDS.items():
        value = number(data, kind, f"{label}学时", errors, required=kind != "centralized", unit=" 学时")
        if value is not None:
            amounts[kind] = value
    return amounts


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


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
    as_of = date(data, "as_of", "核算日期", errors, required=False)
    if errors:
        return {}, [], {}

    start = _date_value(section, "period_start")
    deadline = _date_value(section, "deadline")
    if as_of is None:
        as_of = deadline or max((d for _, d, _, _ in parsed), default=today)
    end = min(as_of, deadline) if deadline else as_of
    years = section.get("period_years", {}).get("value") if isinstance(section.get("period_years"), dict) else None
    if years:
        window_start = _years_before(as_of, int(years))
        start = max(start, window_start) if start else window_start
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


def _date_value(section: dict[str, Any], key: str) -> dt.date | None:
    """Data dates may be YYYY, YYYY-MM or YYYY-MM-DD: a start is its first day, a deadline its last."""
    rule = section.get(key)
    value = rule.get("value") if isinstance(rule, dict) else None
    if not isinstance(value, str):
        return None
    parts = [int(p) for p in value.split("-")]
    year, month, day = parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None
    if key != "deadline":
        return dt.date(year, month or 1, day or 1)
    if day:
        return dt.date(year, month or 12, day)
    last_month = month or 12
    following = dt.date(year + (last_month == 12), last_month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


class Check:
    """One hour rule of a profile, compiled once and applied to any number of teachers."""

    __slots__ = ("rule_id", "kind", "need", "rule", "base_total")

    def __init__(self, rule_id: str, kind: str, need: float, rule: dict[str, Any], base_total: float | None = None):
        self.rule_id, self.kind, self.need, self.rule = rule_id, kind, need, rule
        self.base_total = base_total  # ratio rules only: the required total the share is of; None = actual total

    def practice_needed(self) -> float | None:
        """Ratio read against the required total: a fixed number of practice hours."""
        return ceil1(self.need * self.base_total) if self.kind == "ratio" and self.base_total else None

    def gap(self, amounts: dict[str, float], total: float) -> float:
        """0 when met; otherwise the smallest extra hours (of this rule's kind) that meet it."""
        if self.kind == "total":
            return ceil1(self.need - total) if total < self.need else 0.0
        if self.kind == "ratio":
            practice = amounts.get("practice", 0.0)
            fixed = self.practice_needed()
            if fixed is not None:
                return ceil1(fixed - practice) if practice < fixed else 0.0
            if total == 0:
                return 0.1  # any practice at all would meet the share; 0.1 is the smallest step shown
            if practice / total >= self.need or self.need >= 1:
                return 0.0
            # Smallest extra practice x with (practice + x) / (total + x) >= need.
            return ceil1((self.need * total - practice) / (1 - self.need))
        have = amounts.get(self.kind, 0.0)
        return ceil1(self.need - have) if have < self.need else 0.0

    def shortfall_text(self, gap: float) -> str:
        if self.kind == "total":
            return f"{fmt(gap)} 学时"
        if self.kind == "ratio":
            return f"{fmt(gap)} 学时实践应用" + ("" if self.base_total else "（占比）")
        return f"{fmt(gap)} 学时{KINDS[self.kind]}"


def compile_rules(section: dict[str, Any], ratio_base: str = "required") -> list[Check]:
    checks: list[Check] = []
    total_rule = in_force(section, "total_min")
    base_total = float(total_rule["value"]) if total_rule and ratio_base == "required" else None
    for key, kind in (("total_min", "total"), ("online_min", "online"), ("practice_min", "practice"),
                      ("centralized_min", "centralized"), ("practice_ratio_min", "ratio")):
        if rule := in_force(section, key):
            checks.append(Check(f"hours.{key}", kind, float(rule["value"]), rule,
                                base_total if kind == "ratio" else None))
    return checks


def read_ratio_base(data: dict[str, Any], errors: Errors) -> str:
    raw = data.get("ratio_base", "required")
    value = str(raw).strip() if raw is not None else "required"
    value = {"": "required", "要求": "required", "实际": "actual"}.get(value, value)
    if value not in RATIO_BASES:
        errors.add("input.ratio_base", "实践应用占比的算法只能是 required（按要求的总学时）或 actual（按实际完成的总学时）。")
        return "required"
    return value


def _message(check: Check, amounts: dict[str, float], total: float, gap: float) -> str:
    need = check.need
    if check.kind == "total":
        if gap:
            return f"总学时 {fmt(total)}，要求不少于 {fmt(need)} 学时，还差 {fmt(gap)} 学时。"
        return f"总学时 {fmt(total)}，达到不少于 {fmt(need)} 学时的要求。"
    if check.kind == "ratio":
        practice = amounts.get("practice", 0.0)
        fixed = check.practice_needed()
        if fixed is not None:
            basis = f"按要求的总学时 {fmt(check.base_total or 0)} 学时的 {pct(need)} 计，实践应用应不少于 {fmt(fixed)} 学时"
            if gap:
                return f"实践应用 {fmt(practice)} 学时；{basis}，还差 {fmt(gap)} 学时实践应用。"
            return f"实践应用 {fmt(practice)} 学时，达到要求（{basis}）。"
        if total == 0:
            return f"还没有任何学时，无法计算实践应用占比（要求不少于 {pct(need)}）。"
        share = practice / total
        if gap:
            return (f"实践应用 {fmt(practice)} 学时，占总学时的 {pct(share)}，要求不少于 {pct(need)}；"
                    f"再增加 {fmt(gap)} 学时实践应用即可达到。")
        return f"实践应用占总学时的 {pct(share)}，达到不少于 {pct(need)} 的要求。"
    label, have = KINDS[check.kind], amounts.get(check.kind, 0.0)
    if gap:
        return f"{label} {fmt(have)} 学时，要求不少于 {fmt(need)} 学时，还差 {fmt(gap)} 学时{label}。"
    return f"{label} {fmt(have)} 学时，达到不少于 {fmt(need)} 学时的要求。"


def extra_to_pass(checks: list[Check], amounts: dict[str, float]) -> tuple[dict[str, float], float]:
    """The fewest extra hours that meet every count rule together: per kind, and a remainder of any kind.

    A kind's minimum can only be met by that kind and a share only by practice, so each is added first; the total
    takes what is left. Read against the hours done, a share would fall if the remainder were online hours, so the
    remainder is practice then."""
    extra = {kind: 0.0 for kind in KINDS}
    for check in checks:
        if check.kind in KINDS:
            extra[check.kind] = max(extra[check.kind], check.gap(amounts, sum(amounts.values())))

    def after() -> dict[str, float]:
        return {k: amounts.get(k, 0.0) + extra[k] for k in KINDS}

    ratio = next((c for c in checks if c.kind == "ratio"), None)
    if ratio is not None:
        now = after()
        extra["practice"] += ratio.gap(now, sum(now.values()))
    remainder = 0.0
    total = next((c for c in checks if c.kind == "total"), None)
    if total is not None:
        now = after()
        remainder = total.gap(now, sum(now.values()))
        if remainder and ratio is not None and ratio.base_total is None:
            extra["practice"] += remainder
            remainder = 0.0
    return {k: v for k, v in extra.items() if v}, remainder


def _deadline_text(section: dict[str, Any], today: dt.date) -> str:
    """"截止日期 2024 年 6 月 30 日，已过" against the day the user reads it (today unless she says another)."""
    deadline = _date_value(section, "deadline")
    if deadline is None:
        return ""
    when = f"{deadline.year} 年 {deadline.month} 月 {deadline.day} 日"
    days = (deadline - today).days
    if days < 0:
        return f"截止日期 {when}已过（按 {today.isoformat()} 计）。"
    if days == 0:
        return f"今天（{today.isoformat()}）就是截止日期 {when}。"
    return f"离截止日期 {when}还有 {days} 天。"


def _headline(status: str, title: str, extra: dict[str, float], remainder: float,
              window_unmet: list[Finding], deadline: str) -> str:
    """The answer in one plain sentence: what is done, or the shortest way to pass."""
    if status == "pass":
        return f"已达到{title}的学时要求。" + deadline
    parts = [f"{fmt(h)} 学时{KINDS[k]}" for k, h in extra.items()]
    if parts or remainder:
        todo = "再完成 " + ("、".join(parts[:-1]) + "和 " + parts[-1] if len(parts) > 1 else "".join(parts))
        if remainder:
            todo = (todo + "，另外再完成" if parts else "再完成") + f"任意 {fmt(remainder)} 学时（线上研修、实践应用都算）"
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
    ratio_base = read_ratio_base(data, errors)
    if errors:
        return {"ok": False, "errors": errors.items}

    total = sum(amounts.values())
    checks = compile_rules(section, ratio_base)
    findings, shortfalls = _rule_findings(checks, amounts, total)
    notes = _notes(section)
    counted = window.pop("counted", None) if window else None
    findings += _window_findings(section, counted, notes)
    ratio = next((c for c in checks if c.kind == "ratio"), None)
    if ratio is not None:
        notes.append(_ratio_note(ratio, ratio_base))
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
    headline = (_headline(status, title, extra, remainder,
                          [f for f in findings if not f["met"] and f["rule"] == "hours.windows"],
                          _deadline_text(section, day))
                if findings else f"{title}没有规定学时要求，无法判断。")
    return {
        "ok": True,
        "status": status,
        "headline": headline,
        "summary": _summary(title, status, findings, shortfalls),
        "findings": findings,
        "notes": notes,
        "totals": {"total": total, **{k: amounts.get(k, 0.0) for k in KINDS}},
        **({"excluded": excluded, "window": window} if window else {}),
    }


def _rule_findings(checks: list[Check], amounts: dict[str, float], total: float) -> tuple[list[Finding], list[str]]:
    """A finding per compiled rule, and what each unmet one still needs."""
    findings: list[Finding] = []
    shortfalls: list[str] = []
    for check in checks:
        gap = check.gap(amounts, total)
        if gap:
            shortfalls.append(check.shortfall_text(gap))
        actual: float = total if check.kind == "total" else amounts.get(check.kind, 0.0)
        required = check.need
        if check.kind == "ratio":
            fixed = check.practice_needed()
            if fixed is not None:  # a number of practice hours
                actual, required = amounts.get("practice", 0.0), fixed
            else:  # a share of the hours done
                actual = round(amounts.get("practice", 0.0) / total, 4) if total else 0.0
        findings.append(finding(check.rule_id, check.rule, not gap, _message(check, amounts, total, gap),
                                required=required, actual=actual, shortfall=gap))
    return findings, shortfalls


def _ratio_note(ratio: Check, ratio_base: str) -> dict[str, Any]:
    other = "actual" if ratio.base_total is not None else "required"
    return {"rule": "hours.practice_ratio_min", "source": cite(ratio.rule),
            "inherited_from": ratio.rule.get("inherited_from"), "reading": ratio_base,
            "message": f"“实践应用学时不少于{pct(ratio.need)}”本站{RATIO_BASES[ratio_base]}"
                       + ("（这样多学线上课程不会反而不达标）" if ratio_base == "required" else "")
                       + f"；文件未说明以哪个总数为基数，也可选择“{RATIO_BASES[other]}”。"}


def _summary(title: str, status: str, findings: list[Finding], shortfalls: list[str]) -> str:
    if not findings:
        return f"{title}没有规定学时要求，无法判断。"
    if status == "pass":
        return f"符合{title}的学时要求。"
    parts = (["还差 " + "；".join(shortfalls)] if shortfalls else []) + [
        f["message"].split("（")[0] for f in findings if not f["met"] and f["rule"] == "hours.windows"]
    return f"尚未达到{title}的学时要求：" + "；".join(parts) + "。"


def _day(text: str | None, last: bool) -> dt.date | None:
    if not text:
        return None
    return _date_value({"deadline" if last else "start": {"value": text}}, "deadline" if last else "start")


def _window_findings(section: dict[str, Any], counted: list[tuple[dt.date, str, float]] | None,
                     notes: list[dict[str, Any]]) -> list[Finding]:
    """A window the document sets for one kind of training: a rule of its own when it binds, else a reminder."""
    rule = in_force(section, "windows")
    out: list[Finding] = []
    for w in (rule or {}).get("value") or []:
        start, end = _day(w.get("start"), False), _day(w.get("end"), True)
        kind, what = w["kind"], w.get("label") or KINDS[w["kind"]]
        span = (f"{start.isoformat()} 至 {end.isoformat()}" if start and end
                else f"{end.isoformat()} 前" if end else f"{start.isoformat() if start else ''} 起")
        item = {"source": w.get("source") or rule.get("source"), "inherited_from": rule.get("inherited_from")}
        quote = (w.get("source") or {}).get("quote") or ""
        if counted is None:
            notes.append({"rule": "hours.windows", "source": cite(item), "inherited_from": item["inherited_from"],
                          "background": True,
                          "message": f"文件规定{what}在 {span}（“{quote}”）；按日期填写培训记录即可检查。"})
            continue
        outside = [(d, h) for d, k, h in counted if k == kind and ((start and d < start) or (end and d > end))]
        listed = "、".join(f"{d.isoformat()}（{fmt(h)} 学时）" for d, h in outside[:10]) + ("……" if len(outside) > 10 else "")
        if w.get("binding"):
            if outside:
                msg = (f"{what}应在 {span} 内完成（“{quote}”）；有 {len(outside)} 条{KINDS[kind]}记录不在此期间："
                       f"{listed}。这些学时已计入总数，但不符合这一时间要求。")
            else:
                msg = f"{KINDS[kind]}记录都在 {span}内，符合“{quote}”。"
            out.append(finding("hours.windows", item, not outside, msg, window={"kind": kind, "start": w.get("start"),
                                                                                 "end": w.get("end")},
                               outside=[d.isoformat() for d, _ in outside]))
        elif outside:
            notes.append({"rule": "hours.windows", "source": cite(item), "inherited_from": item["inherited_from"],
                          "message": f"提醒：{what}在 {span}（“{quote}”）；有 {len(outside)} 条{KINDS[kind]}记录晚于这一时间："
                                     f"{listed}。文件没有说这些学时不计，已计入；请确认相关材料按时提交。"})
    return out


def _notes(section: dict[str, Any]) -> list[dict[str, Any]]:
    """Period and deadline: what the verdict is measured against, shown beside it."""
    notes: list[dict[str, Any]] = []
    if rule := in_force(section, "period_years"):
        notes.append(
            {
                "rule": "hours.period_years",
                "background": True,  # a rule restated, not a finding about her hours: pages may fold it
                "message": f"以上学时须在 {fmt(rule['value'])} 年周期内完成"
                           + (f"（沿用上级规定；{rule['caveat']}）" if rule.get("inherited_from") and rule.get("caveat")
                              else f"（{rule['caveat']}）" if rule.get("caveat") else "") + "。",
                "source": cite(rule),
                "inherited_from": rule.get("inherited_from"),
            }
        )
    if rule := in_force(section, "deadline"):
        notes.append(
            {
                "rule": "hours.deadline",
                "background": True,
                "message": f"截止日期：{rule['value']}。",
                "source": cite(rule),
                "inherited_from": rule.get("inherited_from"),
            }
        )
    return notes
