"""Page macros for 成绩计算 (/tools/grade/) and the options of 批量计算成绩 (/tools/grade-batch/).

The forms are generated from each profile's `grading` rules: a profile's component ids, deduction ids and labels
come from data/, so a new profile with grading gets its fields without touching this file. Field names are the
engine's input keys, so the URL query, the request and the error fields (`input.<name>`) all agree.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ENGINE = str(Path(__file__).resolve().parent.parent / "site_src")
if ENGINE not in sys.path:
    sys.path.insert(0, ENGINE)

from tisheng.readings import choices as reading_choices  # noqa: E402
from tisheng.tools import grade as engine  # noqa: E402

DEFAULT = "xx-school-2022"


def _fmt(x: float) -> str:
    return str(int(x)) if float(x) == int(x) else f"{x:g}"


def register(env: Any, ctx: Any) -> None:
    esc = ctx.esc
    profiles = ctx.data["profiles"]

    def teacher_profiles() -> list[str]:
        return [pid for pid, p in profiles.items() if engine.mode(p) in ("components", "composition", "given")]

    def select(ids: list[str], default: str, hint: str) -> list[str]:
        options = []
        for pid in ids:
            prof = profiles[pid]
            selected = " selected" if pid == default else ""
            options.append(f'<option value="{esc(pid)}"{selected}>{esc(prof.get("short_title") or prof["title"])}'
                           f' — {esc(prof["title"])}</option>')
        return [
            '<div class="ts-field"><label for="profile">适用的考核方案</label>',
            f'<p class="ts-hint" id="profile-hint">{esc(hint)}</p>',
            '<p class="ts-error" id="profile-error" hidden></p>',
            '<select id="profile" name="profile" aria-describedby="profile-hint profile-error">', *options,
            "</select></div>",
        ]

    def field(name: str, label: str, hint: str, *, kind: str = "number", options: list[tuple[str, str]] | None = None,
              cls: str = "") -> list[str]:
        n = esc(name)
        head = [f'<div class="ts-field {cls}"><label for="{n}">{esc(label)}</label>',
                f'<p class="ts-hint" id="{n}-hint">{esc(hint)}</p>',
                f'<p class="ts-error" id="{n}-error" hidden></p>']
        described = f'aria-describedby="{n}-hint {n}-error"'
        if kind == "select":
            opts = "".join(f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in options or [])
            return [*head, f'<select id="{n}" name="{n}" data-input {described}>{opts}</select></div>']
        return [*head, f'<input id="{n}" name="{n}" type="text" inputmode="decimal" autocomplete="off" data-input '
                       f'{described}></div>']

    def weight_fields(parts: list[dict[str, Any]]) -> list[str]:
        out: list[str] = []
        names = {"peer": "w_peer", "leader": "w_leader"}
        for p in parts:
            if p.get("weight") is None:
                out += field(names.get(p["id"], f"w_{p['id']}"), f"{p['label']}的权重（%）",
                             "文件没有规定，请按学校规定填写；两部分合计 100，例如 50 和 50（也可写 0.5）。")
        return out

    def reading_field(pid: str, section: dict[str, Any]) -> list[str]:
        """Where the document says two things or nothing (the 80 boundary, how the five areas combine with the
        score), the reading to use: every combination the engine offers, the defaults first."""
        options = reading_choices(profiles[pid], "grade")
        if len(options) < 2:
            return []
        quotes = []
        for key in ("bands", "level_aggregation"):
            for r in (section.get(key) or {}).get("readings") or []:
                if (r.get("source") or {}).get("quote"):
                    quotes.append(f"“{r['source']['quote']}”")
        return field("reading", "文件说法不一或未规定时，按哪种读法",
                     "默认按本站说明的读法；改选后结果按所选读法计算，并说明另一读法的结论。原文：" + "；".join(
                         dict.fromkeys(quotes)) + "。", kind="select", options=options)

    def bands_reading_field(section: dict[str, Any]) -> list[str]:
        """The batch page's one reading: the score at the boundary of two bands (the batch grades by score)."""
        rule = section.get("bands") or {}
        readings = rule.get("readings") or []
        if len(readings) < 2:
            return []
        default = next((r for r in readings if r["id"] == rule.get("reading")), readings[0])
        options = [("", f"按本站默认：{default['label']}")]
        options += [(r["id"], r["label"]) for r in readings if r["id"] != default["id"]]
        quote = "；".join(f"“{r['source']['quote']}”" for r in readings)
        edge = next((b["min"] for b in rule.get("value") or [] if b.get("band") == "excellent"), None)
        at = f"{_fmt(edge)} 分" if edge is not None else "分数线上的分数"
        return field("reading", f"{at}算优秀还是合格", f"原文两段都含{at}：{quote}。", kind="select", options=options)

    def areas_fieldset(pid: str, section: dict[str, Any]) -> list[str]:
        rule = section.get("standard_areas") or {}
        areas = rule.get("value") or []
        if not areas:
            return []
        level = (rule.get("level_rule") or {}).get("value") or {}
        out = ['<fieldset class="ts-areas" aria-describedby="areas-hint areas-error">',
               f'<legend>五方面考核标准（{esc(rule["source"]["section"])}，可选）</legend>',
               f'<p class="ts-hint" id="areas-hint">勾选证据中包含的项目。每个方面“{esc(level.get("pass") or "")}”为合格，'
               f'“{esc(level.get("fail") or "")}”为不合格；一项都不勾则只按分数定等次。</p>',
               '<p class="ts-error" id="areas-error" hidden></p>',
               '<input type="hidden" id="areas" name="areas" data-input>']
        for area in areas:
            out.append(f'<div class="ts-area" data-area="{esc(area["id"])}"><p class="ts-area-label">{esc(area["label"])}</p>')
            for i, item in enumerate(area.get("items") or [], start=1):
                iid = f'{area["id"]}{i}'
                out.append(f'<div class="ts-check"><input type="checkbox" id="area-{esc(iid)}" value="{esc(iid)}" '
                           f'data-area-item><label for="area-{esc(iid)}">{esc(item)}</label></div>')
            out.append("</div>")
        out.append("</fieldset>")
        return out

    def profile_fields(pid: str) -> list[str]:
        prof = profiles[pid]
        section = prof.get("grading") or {}
        how = engine.mode(prof)
        title = prof.get("short_title") or prof["title"]
        out = [f'<fieldset class="ts-grade-set" data-profile="{esc(pid)}">', f"<legend>{esc(title)}</legend>"]
        if how == "components":
            for c in section["components"]["value"]:
                out += field(c["id"], f"{c['label']}（占 {_fmt(c['weight'] * 100)}%）",
                             "0–100 分。考核内容：" + "；".join(c.get("requires") or []) + "。")
        elif how == "composition":
            for p in section["final_composition"]["value"]:
                out += field(p["id"], f"{p['label']}得分", "0–100 分。")
            out += weight_fields(section["final_composition"]["value"])
            for d in (section.get("deductions") or {}).get("value") or []:
                out += field(d["id"], f"{d['label']}（次数）", f"{d['per']} {_fmt(d['points'])} 分；没有就不填。"
                             f"原文：“{d['source']['quote']}”。")
            if section.get("bonus"):
                out += field("bonus", "获奖加分", "信息技术应用比赛获奖的加分。文件说“按学校绩效考核方案加分”，"
                                               "没有给分值，请按学校规定填写；没有就不填。")
            own = next((r for r in (section.get("evidence_rules") or {}).get("value") or []
                        if r.get("id") == "own_image"), None)
            if own:
                out += field("own_image", "证据是否包含教师本人影像", own["rule"] + "。", kind="select",
                             options=[("", "（未填）"), ("是", "是，包含本人影像"), ("否", "否，不含本人影像")])
            out += areas_fieldset(pid, section)
        elif how == "given":  # the document grades by the 等次 the certification gives; its rules are school-wide
            out += field("band", "微能力点认证等次", "填写认证给出的等次。本文件对全校的合格率和优秀率另有要求，"
                         "请用“批量计算成绩”检查全校名单。", kind="select",
                         options=[("", "（请选择）"), ("优秀", "优秀"), ("合格", "合格"), ("不合格", "不合格")])
        if how != "given":  # 开原 grades by the given 等次: its one reading (the 优秀率 base) is school-wide
            out += reading_field(pid, section)
        out.append("</fieldset>")
        return out

    @env.macro
    def grade_form() -> str:
        """The single-teacher calculator: one fieldset per profile that grades; grade.js shows the chosen one."""
        root = ctx.site_root()
        ids = teacher_profiles()
        parts = [f'<div class="ts-tool ts-grade" data-tool="grade" data-site-root="{root}">', *ctx.error_summary,
                 '<form class="ts-form" novalidate>',
                 *select(ids, DEFAULT if DEFAULT in ids else ids[0], "只列出规定了成绩计算办法的文件。")]
        for pid in ids:
            parts += profile_fields(pid)
        parts += [
            '<div class="ts-field ts-remember"><input type="checkbox" id="remember" data-remember>',
            '<label for="remember">在这台电脑上记住我填写的内容（只保存在本机浏览器中）</label>',
            '<button type="button" class="ts-link-button" data-forget>清除已保存的内容</button></div>',
            '<button type="submit">计算成绩</button></form>',
            '<div id="result" class="ts-result" role="status" aria-live="polite">',
            '<p class="ts-idle">填写上面的分数后，这里会立即显示成绩、等次和每一步的依据。</p></div>',
            "</div>",
            f'<script src="{root}{ctx.runtime["tisheng"]}tools.js"></script>',
            f'<script src="{root}{ctx.runtime["tisheng"]}grade.js"></script>',
        ]
        return "\n".join(parts)

    @env.macro
    def grade_rules_table() -> str:
        """What each profile's grading says, with its source: weights, deductions, bands, school-level rates."""
        rows = []
        for pid, prof in profiles.items():
            how = engine.mode(prof)
            if not how:
                continue
            section = prof["grading"]
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
            root = ctx.site_root()
            rows.append(f'<tr><td><a href="{root}profiles/{esc(pid)}/">{esc(prof.get("short_title") or prof["title"])}'
                        f'</a></td><td>{"<br>".join(esc(b) for b in bits if b)}</td></tr>')
        return ('<table class="ts-grade-rules"><thead><tr><th scope="col">文件</th><th scope="col">成绩规则</th></tr>'
                "</thead><tbody>" + "".join(rows) + "</tbody></table>")

    def admonition(kind: str, title: str, items: list[str]) -> str:
        lis = "".join(f"<li>{x}</li>" for x in items)
        return (f'<div class="admonition {kind}"><p class="admonition-title">{esc(title)}</p><ul>{lis}</ul></div>')

    @env.macro
    def grade_open_points() -> str:
        """What the documents leave open or state twice, from conflicts.yaml and the profiles' notes."""
        conflicts = {c["id"]: c for c in ctx.data.get("conflicts") or []}
        items = []
        for cid in ("final-weights-open", "grade-80-boundary"):
            c = conflicts.get(cid)
            if c:
                quotes = "；".join(f"“{esc(r['source']['quote'])}”" for r in c.get("readings") or [])
                items.append(f"<strong>{esc(c['title'])}</strong>：{esc(c['summary'])}（原文：{quotes}）"
                             f"本站做法：{esc(c.get('tool_behaviour', ''))}")
        for pid, prof in profiles.items():
            bands = (prof.get("grading") or {}).get("bands") or {}
            if bands.get("borrowed_from") and not bands.get("inherited_from"):
                items.append(f"<strong>{esc(prof.get('short_title') or prof['title'])}没有等次分数线</strong>："
                             f"{esc(bands.get('note', ''))}")
        items.append(f"成绩始终在 {int(engine.SCORE_MIN)}–{int(engine.SCORE_MAX)} 分之间，保留一位小数（四舍五入），"
                     "按保留后的分数定等次；扣分后低于下限或加分后超过上限时按边界计，结果中会说明。")
        return admonition("warning", "文件没有写清的地方，由你来定", items)

    @env.macro
    def grade_sign_note() -> str:
        """The sign-off rule of seed 000 (a), quoted from data."""
        items = []
        for pid, prof in profiles.items():
            rules = ((prof.get("grading") or {}).get("evidence_rules") or {}).get("value") or []
            for r in rules:
                if r.get("id") in ("sign_results", "unsigned_valid") and not prof["grading"]["evidence_rules"].get(
                        "inherited_from"):
                    s = r["source"]
                    items.append(f"{esc(r['rule'])}。依据：《{esc(prof.get('short_title') or prof['title'])}》"
                                 f"{esc(s['section'])}<q>{esc(s['quote'])}</q>")
        items.insert(0, "计算完成后，结果下方有“考核结果签名表”，点“打印签名表”即按 A4 纸每校一页打印，留有教师签名栏。")
        return admonition("note", "签名表", items)

    # 批量计算成绩: batch_form("grade") in macros.py reads these.
    batch_ids = [pid for pid, p in profiles.items() if engine.mode(p)]
    hint_parts = []
    for pid in batch_ids:
        prof = profiles[pid]
        section = prof["grading"]
        how = engine.mode(prof)
        if how == "components":
            cols = [c["label"] for c in section["components"]["value"]]
        elif how == "composition":
            cols = [p["label"] for p in section["final_composition"]["value"]] + ["迟交资料次数、迟到次数、旷到次数、加分（可选）"]
        else:
            cols = ["等次（优秀/合格/不合格）"]
        hint_parts.append(f"{prof.get('short_title') or prof['title']}：姓名、学校、{'、'.join(cols)}")
    root_hint = "第一行为列名。" + "；".join(hint_parts) + "。可下载模板（各方案的列都在，只填所选方案用到的列）："
    extra: list[str] = []
    for pid in batch_ids:
        section = profiles[pid]["grading"]
        parts_def = (section.get("final_composition") or {}).get("value") or []
        w = weight_fields(parts_def)
        r = bands_reading_field(section)
        if w or r:
            extra += [f'<div class="ts-batch-options" data-profiles="{esc(pid)}">', *w, *r, "</div>"]
    extra = [x.replace(" data-input ", " data-option ").replace(" data-input>", " data-option>") for x in extra]
    if not hasattr(ctx, "batch_options"):
        ctx.batch_options = {}
    ctx.batch_options["grade"] = {
        "hint": root_hint,
        "profile_select": lambda: select(batch_ids, DEFAULT if DEFAULT in batch_ids else batch_ids[0],
                                         "只列出规定了成绩计算办法或学校合格率、优秀率的文件。"),
        "fields": extra,
        "idle": "选择文件后立即在本机计算，名单不会上传到任何服务器。",
    }
