"""Page macro for /tools/rollout/ (名额分配): the editable table, presets from the profiles' rollout data, #result.

The page's questions and hints are page text; every year, share, pilot and table row a preset fills in comes from
the data snapshot (data/profiles/*.yaml rollout sections and data/tables/), and every verdict from the engine
(tisheng.tools.rollout) running in the browser's worker. site_src/js/rollout.js binds the page.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from typing import Any

MAX_URL_ROWS = 30  # groups beyond this are not written into the shareable link (rollout.js reads data-max-url-rows)


def _value(section: dict[str, Any], key: str) -> Any:
    rule = section.get(key)
    return rule.get("value") if isinstance(rule, dict) else None


def _percent(v: Any) -> str:
    """0.3 → "30", 0.35 → "35", 0.125 → "12.5" (exact; the page shows shares as percents)."""
    f = Fraction(str(v)) * 100
    return str(f.numerator) if f.denominator == 1 else f"{float(f):g}"


def _place(profile: dict[str, Any]) -> str:
    short = str(profile.get("short_title") or profile.get("title") or profile.get("id"))
    return re.sub(r"[（(].*?[）)]", "", short).strip() or short


def presets(data: dict[str, Any]) -> dict[str, Any]:
    """What the preset buttons fill in, and each profile's noun (教师 or 学校), from the snapshot."""
    nouns: dict[str, str] = {}
    items: list[dict[str, Any]] = []
    for pid, prof in data["profiles"].items():
        section = prof.get("rollout") or {}
        nouns[pid] = "学校" if _value(section, "basis") == "schools" else "教师"
        shares = _value(section, "shares")
        if not isinstance(shares, dict) or not shares:
            continue
        pilot = _value(section, "pilot")
        pilot_groups = {}
        pilot_year = ""
        if isinstance(pilot, dict) and pilot.get("groups"):
            pilot_year = str(pilot.get("year") or "")
            for g in pilot["groups"]:
                pilot_groups[str(g.get("name_simplified") or g.get("name"))] = int(g["teachers"])
        base = section.get("share_base") if isinstance(section.get("share_base"), dict) else {}
        common = {
            "profile": pid,
            "years": [str(y) for y in shares],
            "shares": [_percent(v) for v in shares.values()],
            "pilot": pilot_year,
            "base": str(base.get("reading") or ""),
            "title": str(prof.get("title") or pid),
        }
        table = None
        stem = str(_value(section, "table") or "").rsplit(".", 1)[0]
        if stem and isinstance(data.get("tables", {}).get(stem), dict):
            table = data["tables"][stem]["rows"]
        # The document's own districts, for a plan started from an empty list (names in simplified characters).
        rows = [{"name": r.get("name_simplified") or r["name"], "teachers": str(r["teachers"]),
                 "pilot": str(pilot_groups.get(r.get("name_simplified") or r["name"], "")) if pilot_year else ""}
                for r in table or []]
        items.append({"id": f"plan-{pid}", "mode": "plan", "label": f"按{_place(prof)}方案", "rows": rows, **common})
        if table:
            years = ([pilot_year] if pilot_year else []) + common["years"]
            check_rows = [{"name": r.get("name_simplified") or r["name"], "teachers": str(r["teachers"]),
                           "by_year": {y: str(r.get(y) or "") for y in years}} for r in table]
            items.append({"id": f"check-{pid}", "mode": "check", "label": f"载入{_place(prof)}公布的表格",
                          "rows": check_rows, **common})
    return {"presets": items, "nouns": nouns}


def _describe(p: dict[str, Any]) -> str:
    years = p["years"]
    span = f"{years[0]}—{years[-1]} 年" if len(years) > 1 else f"{years[0]} 年"
    text = f"{span}按 {'%、'.join(p['shares'])}%"
    if p["pilot"]:
        text = f"{p['pilot']} 年试点，" + text
    if p["mode"] == "check":
        text = f"核对文件中的任务表（{len(p['rows'])} 行）：" + text
    return text


def register(env: Any, ctx: Any) -> None:
    esc = ctx.esc

    @env.macro
    def rollout_examples() -> str:
        """“广安市方案：2014 年试点，2015—2017 年按 30%、35%、35%；…” from the data, for the page's introduction."""
        return "；".join(f"{p['label'].removeprefix('按')}：{_describe(p)}"
                        for p in presets(ctx.data)["presets"] if p["mode"] == "plan")

    @env.macro
    def rollout_form() -> str:
        root = ctx.site_root()
        rt = ctx.runtime
        info = presets(ctx.data)
        buttons = []
        for p in info["presets"]:
            buttons.append(
                f'<li><button type="button" data-preset="{esc(p["id"])}" '
                f'aria-describedby="preset-{esc(p["id"])}-hint">{esc(p["label"])}</button> '
                f'<span class="ts-hint" id="preset-{esc(p["id"])}-hint">{esc(_describe(p))}'
                f'（《{esc(p["title"])}》）</span></li>'
            )
        payload = json.dumps(info, ensure_ascii=False).replace("<", "\\u003c")
        parts = [
            f'<div class="ts-rollout" data-tool="rollout" data-site-root="{root}" '
            f'data-echarts="{root}{rt["echarts"]}echarts.min.js" data-max-url-rows="{MAX_URL_ROWS}">',
            *ctx.error_summary,
            '<form class="ts-form ts-rollout-form" novalidate>',
            '<fieldset class="ts-field ts-modes"><legend>要做什么</legend>',
            '<p class="ts-error" id="mode-error" hidden></p>',
            '<div class="ts-choice"><input type="radio" name="mode" id="mode-plan" value="plan" checked>',
            '<label for="mode-plan">按比例排名额：填人数，算出每个单位每年的名额</label></div>',
            '<div class="ts-choice"><input type="radio" name="mode" id="mode-check" value="check">',
            '<label for="mode-check">核对已公布的任务表：填表中各年名额，看是否符合所述比例</label></div>',
            "</fieldset>",
            '<div class="ts-field ts-presets"><p class="ts-presets-title" id="presets-title">按文件快速填入</p>',
            '<ul aria-labelledby="presets-title">', *buttons, "</ul>",
            '<p class="ts-hint" id="preset-status" role="status"></p></div>',
            *ctx.profile_select("rollout"),
            '<fieldset class="ts-field ts-years"><legend>推进年份与各年比例</legend>',
            '<p class="ts-hint" id="years-hint">每行一年。比例可写 30、30% 或 0.3，各年相加必须是 100%。</p>',
            '<p class="ts-error" id="years-error" hidden></p>',
            '<div class="ts-table-wrap"><table class="ts-edit" id="years-table">',
            '<thead><tr><th scope="col">年份</th><th scope="col">比例</th><th scope="col">'
            '<span class="ts-sr">操作</span></th></tr></thead><tbody></tbody></table></div>',
            '<button type="button" class="ts-link-button" data-add-year>＋ 添加一年</button>',
            "</fieldset>",
            '<div class="ts-field"><label for="pilot">试点年份（没有试点可不填）</label>',
            '<p class="ts-hint" id="pilot-hint">先行试点的年份，例如广安市的 2014。填写后名单中会出现“试点名额”列，'
            "试点名额先单独安排，不计入后面各年的比例。</p>",
            '<p class="ts-error" id="pilot-error" hidden></p>',
            '<input id="pilot" name="pilot" type="text" inputmode="numeric" autocomplete="off" '
            'aria-describedby="pilot-hint pilot-error"></div>',
            '<div class="ts-field" data-needs-pilot hidden><label for="share_base">比例以谁为基数</label>',
            '<p class="ts-hint" id="share_base-hint">有试点时，文件往往没写比例是占试点后剩余人数，还是占全部人数。</p>',
            '<p class="ts-error" id="share_base-error" hidden></p>',
            '<select id="share_base" name="share_base" aria-describedby="share_base-hint share_base-error">',
            '<option value="">按所选政策文件（未写明时以试点后剩余人数为基数）</option>',
            '<option value="after_pilot">以试点后剩余人数为基数</option>',
            '<option value="all_teachers">以全部人数为基数（含试点）</option></select></div>',
            '<div class="ts-field" data-mode-only="check" hidden><label for="tolerance">允许误差（人或所）</label>',
            '<p class="ts-hint" id="tolerance-hint">某年合计与比例目标相差多少以内算符合。不填为 1（整数取整造成的差）。</p>',
            '<p class="ts-error" id="tolerance-error" hidden></p>',
            '<input id="tolerance" name="tolerance" type="text" inputmode="decimal" autocomplete="off" '
            'aria-describedby="tolerance-hint tolerance-error"></div>',
            '<fieldset class="ts-field ts-groups"><legend id="groups-legend">各单位名单</legend>',
            '<p class="ts-hint" id="groups-hint">每行一个区县或学校。可以从 Excel 或 WPS 表格中选中几行几列，复制后点一下'
            "表中的格子，按 Ctrl+V 粘贴，会从这个格子开始依次填入（第一行是列名时自动跳过）。</p>",
            '<p class="ts-error" id="groups-error" hidden></p>',
            '<div class="ts-table-wrap"><table class="ts-edit" id="groups-table" aria-describedby="groups-hint">'
            '<thead></thead><tbody></tbody></table></div>',
            '<p class="ts-edit-actions"><button type="button" class="ts-link-button" data-add-row>＋ 添加一行</button>',
            '<button type="button" class="ts-link-button" data-clear-rows>清空名单</button></p>',
            '<p class="ts-hint" id="paste-status" role="status"></p>',
            "</fieldset>",
            '<div class="ts-field ts-remember"><input type="checkbox" id="remember" data-remember>',
            '<label for="remember">在这台电脑上记住填写的名单和比例（只保存在本机浏览器中）</label>',
            '<button type="button" class="ts-link-button" data-forget>清除已保存的内容</button></div>',
            '<button type="submit">计算</button>',
            "</form>",
            '<p class="ts-hint ts-link-note" id="link-note"></p>',
            '<div id="result" class="ts-result" role="status" aria-live="polite">',
            '<p class="ts-idle">填写名单、年份和比例后，这里会立即显示名额表。</p></div>',
            f'<script type="application/json" id="rollout-data">{payload}</script>',
            "</div>",
            f'<script src="{root}{rt["tisheng"]}tools.js"></script>',
            f'<script src="{root}{rt["tisheng"]}rollout.js"></script>',
        ]
        return "\n".join(parts)
