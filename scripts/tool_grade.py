"""Sources for the declarations of 成绩计算 (site_src/forms/grade.yaml) and 批量计算成绩 (grade-batch.yaml), and the
grade page's rules table and notes (drawn by partials/tool/grade_rules.html and admonition.html).

Each document's questions follow its `grading` rules: a profile's component ids, deduction ids and labels come from
data/, so a new profile with grading gets its fields without touching this file. The names are the engine's input
keys, so the URL query, the request and the error fields (`input.<name>`) all agree. Questions are data here (the
declaration format of scripts/forms.py); the partials draw them.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ENGINE = str(Path(__file__).resolve().parent.parent / "site_src")
if ENGINE not in sys.path:
    sys.path.insert(0, ENGINE)

from tisheng.core.model import required  # noqa: E402
from tisheng.tools import grade as engine  # noqa: E402
from tool_hours import profile_option, readings  # noqa: E402


def _fmt(x: float) -> str:
    return str(int(x)) if float(x) == int(x) else f"{x:g}"


def _number(name: str, label: str, hint: str, **more: Any) -> dict[str, Any]:
    return {"name": name, "kind": "number", "label": label, "hint": hint, **more}


def _select(name: str, label: str, hint: str, options: list[tuple[str, str]], **more: Any) -> dict[str, Any]:
    return {"name": name, "kind": "select", "label": label, "hint": hint,
            "options": [{"value": v, "label": t} for v, t in options], **more}


def _weights(parts: list[dict[str, Any]], **more: Any) -> list[dict[str, Any]]:
    """A weight question for each part of the final score whose weight the document leaves open."""
    names = {"peer": "w_peer", "leader": "w_leader"}
    return [_number(names.get(p["id"], f"w_{p['id']}"), f"{p['label']}的权重（%）",
                    "文件没有规定，请按学校规定填写；两部分合计 100，例如 50 和 50（也可写 0.5）。", unit="%", **more)
            for p in parts if p.get("weight") is None]


def _bands_reading(pid: str, section: dict[str, Any]) -> list[dict[str, Any]]:
    """The batch page's one reading: the score at the boundary of two bands (the batch grades by score)."""
    rule = section.get("bands") or {}
    readings = rule.get("readings") or []
    if len(readings) < 2:
        return []
    default = next((r for r in readings if r["id"] == rule.get("reading")), readings[0])
    options = [("", f"按本站默认：{default['label']}")] + [(r["id"], r["label"]) for r in readings
                                                       if r["id"] != default["id"]]
    quote = "；".join(f"“{r['source']['quote']}”" for r in readings)
    if any(r.get("value") is None for r in readings):  # a document with no lines of its own (XX学校)
        return [_select("reading", "等次分数线", "本文件没有等次分数线。原文：" + quote + "。", options, marks=["option"],
                        dom_id=f"reading-{pid}")]
    edge = next((b["min"] for b in rule.get("value") or [] if b.get("band") == "excellent"), None)
    at = f"{_fmt(edge)} 分" if edge is not None else "分数线上的分数"
    return [_select("reading", f"{at}算优秀还是合格", f"原文两段都含{at}：{quote}。", options, marks=["option"],
                    dom_id=f"reading-{pid}")]


def _areas(section: dict[str, Any]) -> list[dict[str, Any]]:
    rule = section.get("standard_areas") or {}
    if not rule.get("value"):
        return []
    level = (rule.get("level_rule") or {}).get("value") or {}
    return [{"name": "areas", "kind": "areas", "label": f"五方面考核标准（{rule['source']['section']}，可选）",
             "hint": f"勾选证据中包含的项目。每个方面“{level.get('pass') or ''}”为合格，“{level.get('fail') or ''}”"
                     "为不合格；一项都不勾则只按分数定等次。",
             "options": [{"value": a["id"], "label": a["label"],
                          "items": [{"value": f"{a['id']}{i}", "label": item}
                                    for i, item in enumerate(a.get("items") or [], start=1)]} for a in rule["value"]]}]


def _composition(section: dict[str, Any]) -> list[dict[str, Any]]:
    parts = section["final_composition"]["value"]
    out = [_number(p["id"], f"{p['label']}得分", "0–100 分。", unit="分") for p in parts] + _weights(parts)
    for d in (section.get("deductions") or {}).get("value") or []:
        out.append(_number(d["id"], f"{d['label']}（次数）", f"{d['per']} {_fmt(d['points'])} 分；没有就不填。"
                           f"原文：“{d['source']['quote']}”。", unit="次"))
    if section.get("bonus"):
        out.append(_number("bonus", "获奖加分", "信息技术应用比赛获奖的加分。文件说“按学校绩效考核方案加分”，"
                           "没有给分值，请按学校规定填写；没有就不填。", unit="分"))
    own = next((r for r in (section.get("evidence_rules") or {}).get("value") or [] if r.get("id") == "own_image"), None)
    if own:
        out.append(_select("own_image", "证据是否包含教师本人影像", own["rule"] + "。",
                           [("", "（未填）"), ("是", "是，包含本人影像"), ("否", "否，不含本人影像")]))
    return out + _areas(section)


def questions(profile: dict[str, Any]) -> list[dict[str, Any]]:
    """What the single-teacher form asks for one document, from its grading rules (ids are the engine's input names)."""
    section = profile.get("grading") or {}
    how = engine.mode(profile)
    out: list[dict[str, Any]] = []
    if how == "components":
        out = [_number(c["id"], f"{c['label']}（占 {_fmt(c['weight'] * 100)}%）",
                       "0–100 分。考核内容：" + "；".join(required(x)[0] for x in c.get("requires") or []) + "。", unit="分")
               for c in section["components"]["value"]]
    elif how == "composition":
        out = _composition(section)
    elif how == "given" and (section.get("grade_levels") or {}).get("value"):  # 张楼: an assessor's 等次
        levels = section["grade_levels"]
        who = levels.get("assessor") or "学校"
        # its own id: 开原's 认证等次 is a `band` question too, in another document's set on the same page
        out = [_select("band", f"{who}评定的等次", f"本文件没有分数线，由{who}评定等次，请照评定结果填写。",
                       [("", "（请选择）"), *((lv["label"], lv["label"]) for lv in levels["value"])],
                       dom_id="band-levels")]
    elif how == "given":  # the document grades by the 等次 the certification gives; its rules are school-wide
        out = [_select("band", "微能力点认证等次", "填写认证给出的等次。本文件对全校的合格率和优秀率另有要求，"
                       "请用“批量计算成绩”检查全校名单。",
                       [("", "（请选择）"), ("优秀", "优秀"), ("合格", "合格"), ("不合格", "不合格")])]
    return out


def _title(prof: dict[str, Any]) -> str:
    return prof.get("short_title") or prof["title"]


def _ids(data: dict[str, Any]) -> list[str]:
    return engine.grading_profiles(data["profiles"])


def grade_profiles(data: dict[str, Any], decl: dict[str, Any]) -> list[dict[str, str]]:
    """The documents with a way to grade (by parts, by the certification's 等次 with school-wide rates)."""
    return [profile_option(pid, data["profiles"][pid]) for pid in _ids(data)]


def teacher_sets(data: dict[str, Any], decl: dict[str, Any]) -> list[dict[str, Any]]:
    """One fieldset per document that grades a teacher; grade.js shows the chosen one."""
    return [{"element": "fieldset", "class": "ts-grade-set", "attrs": {"data-profile": pid},
             "legend": _title(data["profiles"][pid]), "questions": questions(data["profiles"][pid])}
            for pid in _ids(data)]


def batch_sets(data: dict[str, Any], decl: dict[str, Any]) -> list[dict[str, Any]]:
    """The batch's settings per document: the weights it leaves open and its boundary reading (batch.js enables
    the chosen document's)."""
    out = []
    for pid in _ids(data):
        section = data["profiles"][pid]["grading"]
        qs = _weights((section.get("final_composition") or {}).get("value") or [], marks=["option"])
        qs += _bands_reading(pid, section)
        if qs:
            out.append({"class": "ts-batch-options", "attrs": {"data-profiles": pid}, "questions": qs})
    return out


def batch_columns(data: dict[str, Any], decl: dict[str, Any]) -> str:
    """The file question's hint: the columns each document's list needs."""
    hint_parts = []
    for pid in _ids(data):
        prof = data["profiles"][pid]
        section = prof["grading"]
        how = engine.mode(prof)
        if how == "components":
            cols = [c["label"] for c in section["components"]["value"]]
        elif how == "composition":
            cols = [p["label"] for p in section["final_composition"]["value"]] + ["迟交资料次数、迟到次数、旷到次数、加分（可选）"]
        elif (section.get("grade_levels") or {}).get("value"):
            cols = ["等次（" + "/".join(x["label"] for x in section["grade_levels"]["value"]) + "）"]
        else:
            cols = ["等次（优秀/合格/不合格）"]
        hint_parts.append(f"{_title(prof)}：姓名、学校、{'、'.join(cols)}")
    return "第一行为列名。" + "；".join(hint_parts) + "。可下载模板（各方案的列都在，只填所选方案用到的列）："


def teacher_readings(data: dict[str, Any], decl: dict[str, Any]) -> list[dict[str, str]]:
    """The readings that change one teacher's grade (a document that grades by the given 等次 has only school-wide
    ones, which the staff list offers)."""
    return [o for o in readings(data, decl) if engine.mode(data["profiles"][o["profile"]]) != "given"]


SOURCES = {"grade-readings": teacher_readings, "grade-profiles": grade_profiles, "grade-sets": teacher_sets,
           "grade-batch-sets": batch_sets, "grade-batch-columns": batch_columns}


def _rules(section: dict[str, Any], how: str) -> list[str]:
    """One document's grading rules in a few lines: weights, deductions, bands, school-level rates."""
    bits = []
    if how == "components":
        bits.append("、".join(f"{c['label']} {_fmt(c['weight'] * 100)}%" for c in section["components"]["value"]))
    if how == "composition":
        bits.append("、".join(p["label"] for p in section["final_composition"]["value"]) + "（权重未规定）")
        bits.append("；".join(f"{d['label']}{d['per']}{_fmt(d['points'])} 分"
                             for d in section.get("deductions", {}).get("value") or []))
    if section.get("bands"):
        b = section["bands"]
        bits.append("；".join(f"{x['label']} {engine.band_range(x)}" for x in b["value"])
                    + ("（借用 x县某校方案）" if b.get("borrowed_from") else ""))
    for key, what in (("school_pass_rate_min", "各校合格率不低于"), ("school_excellent_rate_max", "优秀率不超过")):
        if section.get(key):
            bits.append(f"{what} {_fmt(section[key]['value'] * 100)}%")
    levels = section.get("grade_levels") or {}
    if how == "given" and levels.get("value"):
        bits.append(f"{levels.get('assessor') or '学校'}评定" + "、".join(x["label"] for x in levels["value"]) + "，没有分数线")
    return [b for b in bits if b]


def rules_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The rules table: each grading document with its rules."""
    return [{"profile": pid, "title": _title(prof), "rules": _rules(prof["grading"], engine.mode(prof))}
            for pid, prof in data["profiles"].items() if engine.mode(prof)]


def open_points(data: dict[str, Any]) -> list[dict[str, str]]:
    """What the documents leave open or state twice, from conflicts.yaml and the profiles' notes."""
    conflicts = {c["id"]: c for c in data.get("conflicts") or []}
    items = []
    for cid in ("final-weights-open", "grade-80-boundary"):
        c = conflicts.get(cid)
        if c:
            quotes = "；".join(f"“{r['source']['quote']}”" for r in c.get("readings") or [])
            items.append({"strong": c["title"], "text": f"：{c['summary']}（原文：{quotes}）"
                                                          f"本站做法：{c.get('tool_behaviour', '')}"})
    for prof in data["profiles"].values():
        bands = (prof.get("grading") or {}).get("bands") or {}
        if bands.get("borrowed_from") and not bands.get("inherited_from"):
            items.append({"strong": f"{_title(prof)}没有等次分数线", "text": f"：{bands.get('note', '')}"})
    items.append({"text": f"成绩始终在 {int(engine.SCORE_MIN)}–{int(engine.SCORE_MAX)} 分之间，保留一位小数（四舍五入），"
                          "按保留后的分数定等次；扣分后低于下限或加分后超过上限时按边界计，结果中会说明。"})
    return items


def sign_items(data: dict[str, Any]) -> list[dict[str, str]]:
    """The sign-off rule of seed 000 (a), quoted from data."""
    items = [{"text": "计算完成后，结果下方有“考核结果签名表”，点“打印签名表”即按 A4 纸每校一页打印，留有教师签名栏。"}]
    for prof in data["profiles"].values():
        evidence = (prof.get("grading") or {}).get("evidence_rules") or {}
        for r in evidence.get("value") or []:
            if r.get("id") in ("sign_results", "unsigned_valid") and not evidence.get("inherited_from"):
                items.append({"text": f"{r['rule']}。依据：《{_title(prof)}》{r['source']['section']}",
                              "quote": r["source"]["quote"]})
    return items


def register(env: Any, ctx: Any) -> None:
    @env.macro
    def grade_rules_table() -> str:
        return ctx.render("partials/tool/grade_rules.html", rows=rules_rows(ctx.data), root=ctx.site_root())

    @env.macro
    def grade_open_points() -> str:
        return ctx.render("partials/tool/admonition.html", kind="warning", title="文件没有写清的地方，由你来定",
                          items=open_points(ctx.data))

    @env.macro
    def grade_sign_note() -> str:
        return ctx.render("partials/tool/admonition.html", kind="note", title="签名表", items=sign_items(ctx.data))
