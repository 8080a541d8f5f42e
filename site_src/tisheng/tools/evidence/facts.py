"""Yes/no facts, the piece→point level rule, and what a document does with a point's level."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...core import late
from ...core.inputs import Errors, date
from ...core.inputs import today as judged_on
from ...core.model import fmt, pct, stated
from . import read
from .levels import LABELS, point_level
from .rules import Line, line


def _yes_no_line(rule_id: str, rule: dict[str, Any], label: str, question: str, field: str,
                 data: dict[str, Any], errors: Errors, no_message: str) -> Line:
    got = read.yes_no(data, field, question, errors)
    if got is None:
        return line(rule_id, rule, "ask", label, question, field=field)
    return line(rule_id, rule, "done" if got else "missing", label, "是。" if got else no_message, field=field)


def evidence_rules(g: dict[str, Any], data: dict[str, Any], errors: Errors) -> list[Line]:
    rule = stated(g, "evidence_rules")
    out: list[Line] = []
    for i, item in enumerate((rule or {}).get("value") or []):
        holder = {**(rule or {}), "source": item.get("source") or (rule or {}).get("source")}
        rid = f"grading.evidence_rules.{item.get('id') or i}"
        if item.get("field") and item.get("question"):
            out.append(_yes_no_line(rid, holder, str(item["rule"]), str(item["question"]), str(item["field"]),
                                    data, errors, "否：按文件规定，这一条不满足。"))
        else:
            out.append(line(rid, holder, "info", str(item["rule"]), str(item["rule"]) + "。"))
    return out


def whiteboard(g: dict[str, Any], data: dict[str, Any], errors: Errors) -> list[Line]:
    rule = stated(g, "whiteboard_pass_rate_min")
    if not rule or rule.get("value") is None or not rule.get("field"):
        return []
    label = f"任课教师{pct(rule['value'])}通过交互式电子白板（一体机）考核"
    return [_yes_no_line("grading.whiteboard_pass_rate_min", rule, label, str(rule.get("question") or label),
                         str(rule["field"]), data, errors, "还没有通过：学校要求任课教师全部通过。")]


def point_levels(g: dict[str, Any], pts: list[str], given: dict[str, list[str]], names: dict[str, str]) -> list[Line]:
    rule = stated(g, "point_grade_rule")
    if not rule or rule.get("value") is None:
        return []
    label = "能力点的等次：全部证据优秀才为优秀，任一证据不合格即不合格"
    keys = list(dict.fromkeys([*pts, *given]))
    if not given:
        return [line("grading.point_grade_rule", rule, "ask", label,
                     "有证据的等次时，逐个能力点填写每份证据的等次（优秀、合格或不合格），这里按考核规范合成能力点的等次。",
                     field="levels")]
    out: list[Line] = []
    for code in keys:
        pieces = given.get(code)
        shown = f"能力点{code}" + (f"（{names[code]}）" if names.get(code) else "") if code else "这个能力点"
        if not pieces:
            out.append(line(f"grading.point_grade_rule.{code}", rule, "ask", f"{shown}的等次",
                            "还没有填写这个能力点的证据等次。", field="levels", point=code))
            continue
        lv = point_level(pieces, rule["value"])
        text = "、".join(LABELS[p] for p in pieces)
        why = {"excellent": "每份证据都是优秀", "fail": "有证据不合格",
               "pass": "证据都在合格以上，但不全是优秀"}[lv]
        out.append(line(f"grading.point_grade_rule.{code}", rule, "missing" if lv == "fail" else "done",
                        f"{shown}的等次", f"{len(pieces)} 份证据：{text}；{why}，能力点为{LABELS[lv]}。",
                        point=code, level=lv, level_label=LABELS[lv]))
    return out


def forms(g: dict[str, Any]) -> list[Line]:
    rule = stated(g, "evidence_forms")
    if not rule or not rule.get("value"):
        return []
    return [line("grading.evidence_forms", rule, "info", "证据可以是什么",
                 "考核规范说证据形式可能是" + "、".join(rule["value"]) + "等；每个能力点具体交什么，以该能力点的“提交指南”为准。")]


def deadline(g: dict[str, Any], data: dict[str, Any], errors: Errors) -> list[Line]:
    rule = stated(g, "evidence_deadline")
    if not rule:
        return []
    if rule.get("value") is None:  # when to hand in, with no date: say so, judge nothing late
        what = rule.get("label") or "提交材料"
        return [line("grading.evidence_deadline", rule, "info", "什么时候上交", f"{what}；文件没有写截止日。")]
    due = dt.date.fromisoformat(rule["value"])
    # the day she names (as_of), else the reader's today the page sends; the clock only on the command line
    today = date(data, "as_of", "今天的日期", errors, required=False) or judged_on(data, errors)
    what = rule.get("label") or "提交材料"
    passed = late.passed(due, today)
    return [line("grading.evidence_deadline", rule, "info", f"提交期限 {late.date_zh(due)}",
                 late.said(what, due, today, ask=passed), due=rule["value"], field="as_of", past=passed)]


def document_use(g: dict[str, Any]) -> list[Line]:
    """What the document does with a point's level; where it says nothing, say so rather than assume."""
    out: list[Line] = []
    levels = stated(g, "grade_levels")
    if levels and levels.get("value"):
        names = "、".join(str(x["label"]) for x in levels["value"])
        who = levels.get("assessor") or "学校"
        out.append(line("grading.grade_levels", levels, "info", "谁评定你的等次",
                        f"{who}评定{names}；文件没有说能力点的等次怎样计入这一评定。", tool="grade"))
    # a deduction for handing in late (about: hand_in) is said where she checks her hand-ins, not only in 成绩计算
    for d in ((stated(g, "deductions") or {}).get("value") or []):
        if isinstance(d, dict) and d.get("about") == "hand_in":
            out.append(line(f"grading.deductions.{d['id']}", {"source": d.get("source")}, "info", "按时上交",
                            f"{d['label']}，{d['per']}扣 {fmt(abs(d['points']))} 分（从成绩中扣除）。", tool="grade"))
    rate = stated(g, "school_excellent_rate_max")
    if rate and rate.get("value") is not None:
        # counted as the reading in force counts it (teachers by default), never as a count of points regardless
        how = next((str(r.get("label")) for r in rate.get("readings") or [] if r.get("id") == rate.get("reading")), "")
        out.append(line("grading.school_excellent_rate_max", rate, "info", "全校优秀率的上限",
                        f"各校微能力点认证优秀率不超过{pct(rate['value'])}" + (f"，{how}" if how else "") +
                        "：全校评为优秀的名额有限。", tool="grade"))
    bands = stated(g, "bands")
    if bands and bands.get("value") and not bands.get("borrowed_from"):
        lines = "，".join(f"{b['label']}{_band(b)}" for b in bands["value"])
        out.append(line("grading.bands", bands, "info", "证据的综合评分",
                        f"文件要求对证据综合评分：{lines}；没有说能力点的等次怎样折成分数。", tool="grade"))
    return out


def _band(b: dict[str, Any]) -> str:
    if b.get("min") is None:
        return f"{fmt(b['max'])}分以下"
    return f"{fmt(b['min'])}-{fmt(b['max'])}分"
