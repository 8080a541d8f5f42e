"""One check per rule a document states about what a teacher hands in. Each returns checklist lines:
``state`` is done | missing (a rule checked), ask (a rule that needs an answer she has not given), or info."""

from __future__ import annotations

from typing import Any

from ...core.inputs import Errors, number
from ...core.model import cite, fmt, in_force, required, stated
from . import read
from .chars import count as count_chars

Line = dict[str, Any]


def line(rule_id: str, rule: dict[str, Any], state: str, label: str, message: str, **extra: Any) -> Line:
    src = {k: v for k, v in cite(rule).items() if k != "reference"}
    out: Line = {"rule": rule_id, "label": label, "state": state, "message": message, "source": src,
                 "inherited_from": rule.get("inherited_from")}
    if rule.get("caveat"):
        out["caveat"] = rule["caveat"]
    if rule.get("reading"):
        out["reading"] = rule["reading"]
    out.update(extra)
    return out


def _ask(rule_id: str, rule: dict[str, Any], label: str, question: str, field: str) -> Line:
    return line(rule_id, rule, "ask", label, question, field=field)


def _range(v: dict[str, Any], unit: str) -> str:
    lo, hi = v.get("min"), v.get("max")
    if lo is not None and hi is not None:
        return f"{fmt(lo)}-{fmt(hi)}{unit}"
    return f"不少于{fmt(lo)}{unit}" if lo is not None else f"不超过{fmt(hi)}{unit}"


def _within(x: float, v: dict[str, Any]) -> bool:
    return (v.get("min") is None or x >= v["min"]) and (v.get("max") is None or x <= v["max"])


HOURS_INPUT = ("online", "practice", "centralized", "records", "as_of", "today", "ratio_base")


def prerequisite(profile: dict[str, Any], data: dict[str, Any], errors: Errors) -> list[Line]:
    """Hours before submitting: the document's hour rules, judged by the hours tool itself on her online and practice
    hours, so that this line and the hours line never disagree; with only a total, what the total can decide."""
    rule = in_force(profile.get("grading") or {}, "prerequisite_hours")
    if rule is None:
        return []
    from ..hours import answer as hours  # the hours tool's own check, compiled from the same rules

    section = profile.get("hours") or {}
    checks = hours.compile_rules(section)
    wanted = "、".join(c.rule_text() for c in checks) or "文件规定的学时"
    label = f"先完成学时（{wanted}），再提交成果参加考核"
    rid = "grading.prerequisite_hours"
    def given(k: str) -> bool:  # 0 is an answer (she has done none), not a blank
        return data.get(k) is not None and str(data[k]).strip() != ""

    if not any(given(k) for k in ("online", "practice", "records", "hours_done")):
        return [_ask(rid, rule, label, "你的线上研修和实践应用各完成了多少学时？（学时自查可以帮你算）", "online")]
    if any(given(k) for k in ("online", "practice", "records")):
        given = {k: data[k] for k in HOURS_INPUT if k in data}
        res = hours.evaluate(profile, given)
        if not res.get("ok"):
            for e in res.get("errors") or []:
                errors.add(e["field"], e["message"])
            return []
        done = res["status"] == "pass"
        return [line(rid, rule, "done" if done else "missing", label,
                     res["headline"] + ("" if done else "完成之前不能参加考核。"), tool="hours")]
    total = number(data, "hours_done", "已完成的学时", errors, required=False, unit=" 学时")
    if total is None:
        return []
    short = [c for c in checks if c.phase == 3 and c.gap({}, total)]
    if short:
        return [line(rid, rule, "missing", label, f"已完成 {fmt(total)} 学时，还差 {fmt(short[0].gap({}, total))} 学时；"
                     "完成之前不能参加考核。", tool="hours")]
    if any(c.phase != 3 for c in checks):
        return [_ask(rid, rule, label, f"已完成 {fmt(total)} 学时；文件还要求{wanted}：请分别填写线上研修和实践应用学时。",
                     "online")]
    return [line(rid, rule, "done", label, f"已完成 {fmt(total)} 学时，达到要求。", tool="hours")]


def hand_in_items(g: dict[str, Any]) -> list[tuple[str, str, dict[str, Any], str, str]]:
    """(item id, label, rule, rule id, short label for a column) for every item a document lists to hand in:
    张楼's list, XX学校's components."""
    out: list[tuple[str, str, dict[str, Any], str, str]] = []
    rule = stated(g, "hand_in")
    for it in (rule or {}).get("value") or []:
        label = it["label"] + (f"{it['count']}{it.get('unit', '')}" if it.get("count") else "")
        holder = {**(rule or {}), "source": it["source"]} if it.get("source") else (rule or {})  # its own phrase
        out.append((str(it["id"]), label, holder, f"grading.hand_in.{it['id']}", str(it.get("short") or label)))
    comps = stated(g, "components")
    for comp in (comps or {}).get("value") or []:
        for n, req in enumerate(comp.get("requires") or [], 1):
            holder = {**(comps or {}), "source": comp.get("source") or (comps or {}).get("source")}
            words, task = required(req)
            if task:
                holder["task"] = True
            out.append((f"{comp['id']}-{n}", f"{comp['label']}：{words}", holder, f"grading.components.{comp['id']}-{n}",
                        f"{comp['label']}第{n}项"))
    return out


# What a listed item asks and says: a material is 备齐, a thing to do (按时参加集中培训) is 做到.
_ASKED = {False: ("已备齐这项材料吗？（未勾选）", "已备齐。", "还没有备齐。"),
          True: ("做到了吗？（未勾选）", "已做到。", "还没有做到。")}


def hand_in(g: dict[str, Any], data: dict[str, Any], errors: Errors) -> list[Line]:
    listed = hand_in_items(g)
    if not listed:
        return []
    if data.get("items") in (None, ""):
        return [line(rid, rule, "ask", label, _ASKED[bool(rule.get("task"))][0], field="items", item=iid)
                for iid, label, rule, rid, _ in listed]
    have = read.items(data, {iid: label for iid, label, *_ in listed}, errors)
    return [line(rid, rule, "done" if iid in have else "missing", label,
                 _ASKED[bool(rule.get("task"))][1 if iid in have else 2], item=iid)
            for iid, label, rule, rid, _ in listed]


def _counted(g: dict[str, Any], data: dict[str, Any], errors: Errors, key: str, field: str, label: str,
             noun: str) -> list[Line]:
    rule = stated(g, key)
    if not rule or rule.get("value") is None:
        return []
    v = rule["value"] if isinstance(rule["value"], dict) else {"min": rule["value"]}
    unit = rule.get("unit") or "个"
    want = f"{label}{_range(v, unit)}"
    got = read.count(data, field, noun, unit, errors)
    if got is None:
        return [_ask(f"grading.{key}", rule, want, f"你{noun}有几{unit}？", field)]
    ok = _within(got, v)
    msg = f"{noun} {got} {unit}，" + ("符合。" if ok else (
        f"还差 {fmt(v['min'] - got)} {unit}。" if v.get("min") is not None and got < v["min"]
        else f"多了 {fmt(got - v['max'])} {unit}，文件要求{_range(v, unit)}。"))
    return [line(f"grading.{key}", rule, "done" if ok else "missing", want, msg, actual=got)]


def packages(g: dict[str, Any], data: dict[str, Any], errors: Errors) -> list[Line]:
    return _counted(g, data, errors, "evidence_packages", "packages", "提交微能力证据包", "已准备的证据包")


def peer_reviews(g: dict[str, Any], data: dict[str, Any], errors: Errors) -> list[Line]:
    return _counted(g, data, errors, "peer_reviews_min", "peer_reviews", "评价他人提交的成果", "已完成的互评")


def minutes_text(seconds: float) -> str:
    whole = int(round(seconds))
    m, s = divmod(whole, 60)
    return f"{m} 分 {s} 秒" if s else f"{m} 分钟"


def clip(g: dict[str, Any], data: dict[str, Any], errors: Errors) -> list[Line]:
    rule = in_force(g, "clip_minutes")
    if rule is None:
        return []
    v = rule["value"]
    label = f"课堂实录视频 {_range(v, '分钟')}"
    secs = number(data, "clip_seconds", "视频时长（秒）", errors, required=False, maximum=86400, unit=" 秒")
    mins = number(data, "clip_minutes", "视频时长（分钟）", errors, required=False, maximum=1440, unit=" 分钟")
    if secs is None and mins is not None:
        secs = mins * 60
    if secs is None:
        return [_ask("grading.clip_minutes", rule, label, "请选择课堂实录视频文件（只在本机读取时长），或填写时长（分钟）。",
                     "clip_minutes")]
    lo, hi = (v.get("min") or 0) * 60, (v.get("max") * 60 if v.get("max") is not None else None)
    ok = secs >= lo and (hi is None or secs <= hi)
    msg = f"视频时长 {minutes_text(secs)}，" + ("在要求的范围内。" if ok else (
        f"比要求的 {fmt(v['min'])} 分钟短 {minutes_text(lo - secs)}。" if secs < lo
        else f"比要求的 {fmt(v['max'])} 分钟长 {minutes_text(secs - (hi or 0))}，请剪短。"))
    return [line("grading.clip_minutes", rule, "done" if ok else "missing", label, msg, actual_seconds=round(secs, 3))]


def _texts_counts(data: dict[str, Any], errors: Errors) -> tuple[list[dict[str, int]] | None, bool]:
    texts = read.statements(data, errors)
    if texts is not None:
        return [count_chars(t) for t in texts], True
    given = read.statement_chars(data, errors)
    return ([{"given": n} for n in given] if given is not None else None), False


def statements(g: dict[str, Any], data: dict[str, Any], errors: Errors) -> list[Line]:
    rule = in_force(g, "self_statement_chars_min")
    if rule is None:
        return []
    need = int(rule["value"])
    how = stated(g, "self_statement_counting")
    way = str((how or {}).get("value") or "han")
    label = f"每个阶段的自述说明不少于{need}字"
    counts, pasted = _texts_counts(data, errors)
    out: list[Line] = []
    if counts is None:
        out.append(_ask("grading.self_statement_chars_min", rule, label,
                        "请把自述说明粘贴到框中（只在本机计数，不会放进链接）。", "statements"))
    else:
        out.append(_statement_line(rule, how, need, way, counts, pasted, label))
    out += _stages(g, data, errors, len(counts) if counts is not None else None)
    return out


def _statement_line(rule: dict[str, Any], how: dict[str, Any] | None, need: int, way: str,
                    counts: list[dict[str, int]], pasted: bool, label: str) -> Line:
    per: list[dict[str, Any]] = []
    parts = []
    for i, c in enumerate(counts, 1):
        used = c.get("given", c.get(way, 0))
        short = max(0, need - used)
        per.append({**c, "used": used, "short": short})
        if pasted:
            text = f"第{i}份：只计汉字 {c['han']} 字，连字母、数字和标点 {c['visible']} 字"
        else:
            text = f"第{i}份：所填 {used} 字"
        parts.append(text + (f"，还差 {short} 字" if short else "，够了"))
    ok = all(p["short"] == 0 for p in per)
    way_text = "按只计汉字数" if way == "han" else "按汉字、字母、数字和标点一起数"
    msg = "；".join(parts) + "。" + (f"（{way_text}）" if pasted else "（按所填字数，本站无法再数）")
    extra = {"statements": per, "counting": way}
    src_rule = {**rule, "reading": (how or {}).get("reading")} if how else rule
    return line("grading.self_statement_chars_min", src_rule, "done" if ok else "missing", label, msg, **extra)


def _stages(g: dict[str, Any], data: dict[str, Any], errors: Errors, have: int | None) -> list[Line]:
    rule = stated(g, "self_statement_stages")
    if not rule:
        return []
    label = "自述说明的份数（每个阶段一份）"
    need = read.count(data, "stages", "学校规定的阶段数", "个", errors)
    if need is None:
        return [_ask("grading.self_statement_stages", rule, label,
                     "文件没有说共有几个阶段：学校规定了几个阶段？填写后检查份数够不够。", "stages")]
    if have is None:
        return [line("grading.self_statement_stages", rule, "info", label, f"学校规定 {need} 个阶段，需要 {need} 份说明。")]
    ok = have >= need
    msg = f"学校规定 {need} 个阶段，已有 {have} 份说明" + ("，份数够了。" if ok else f"，还差 {need - have} 份。")
    return [line("grading.self_statement_stages", rule, "done" if ok else "missing", label, msg)]
