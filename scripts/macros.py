"""mkdocs-macros module: builds the data snapshot and the browser bundle, and renders pages from data/.

Pages call these macros; no rule's number is typed into a page by hand.
"""

from __future__ import annotations

import html
import importlib
import sys
from types import SimpleNamespace
from pathlib import Path
from typing import Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tisheng.readings import choices as reading_choices  # noqa: E402
import build_data  # noqa: E402
import build_runtime  # noqa: E402
import guide  # noqa: E402

# The calculators' questions. Labels and hints are page text; every number a verdict uses comes from the engine.
FIELDS: dict[str, list[dict[str, str]]] = {
    "hours": [
        {"name": "online", "label": "线上研修学时", "hint": "在培训平台上完成的网络课程学时，例如 25 或 12.5。"},
        {"name": "practice", "label": "实践应用学时", "hint": "线下实践、校本研修、微能力点实践认证等学时。"},
        {"name": "ratio_base", "label": "实践应用学时占比的算法",
         "hint": "文件规定了实践应用学时的最低占比，却没有说明以哪个总数为基数（见“不一致与未规定”页）。"
                 "只在所选文件规定了实践占比时起作用。",
         "options": [("required", "按要求的总学时计（默认）"), ("actual", "按实际完成的总学时计")]},
    ],
}
DEFAULT_PROFILE = "national-2019"
# Hours by dated records instead of totals (site_src/js/hours.js fills the table and the hidden `records` field,
# which is what the URL carries: records=2023-05-01:online:10,2023-09-01:practice:12).
RECORDS_FIELDS = [
    '<details class="ts-records"><summary>或者：逐条填写培训记录（按日期核对周期和截止日期）</summary>',
    '<p class="ts-hint" id="records-hint">填写了培训记录时，按记录计算，上面的两个学时数不再使用；'
    '不在文件规定的周期内或晚于截止日期的记录不计入，并会列出。</p>',
    '<p class="ts-error" id="records-error" hidden></p>',
    '<input type="hidden" id="records" name="records" data-input>',
    '<table class="ts-records-table"><caption class="ts-sr-only">培训记录</caption><thead><tr><th scope="col">日期</th>'
    '<th scope="col">类别</th><th scope="col">学时</th><th scope="col"><span class="ts-sr-only">操作</span></th>'
    '</tr></thead><tbody></tbody></table>',
    '<p><button type="button" class="ts-link-button" data-add-record>＋ 添加一条记录</button></p>',
    '<div class="ts-field"><label for="as_of">核算日期（可不填）</label>',
    '<p class="ts-hint" id="as_of-hint">按哪一天核算周期，例如 2024-06-30；不填时取文件的截止日期或最后一条记录的日期。</p>',
    '<p class="ts-error" id="as_of-error" hidden></p>',
    '<input id="as_of" name="as_of" type="date" data-input data-option aria-describedby="as_of-hint as_of-error">'
    '</div></details>',
]


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def define_env(env: Any) -> None:
    try:
        data = build_data.write_snapshot()
        runtime = build_runtime.build()
    except build_data.DataError as exc:
        raise PluginError(str(exc)) from None
    except build_runtime.BundleError as exc:
        raise PluginError(str(exc)) from None
    env.variables["snapshot"] = data
    env.variables["runtime"] = runtime
    env.conf["extra_css"].append(runtime["tisheng"] + "site.css")
    hover = ExtraScriptValue(runtime["tisheng"] + "hover.js")
    hover.defer = True
    env.conf["extra_javascript"].append(hover)

    def site_root() -> str:
        url = env.page.url if env.page else ""
        depth = len([p for p in url.split("/") if p])
        return "../" * depth if depth else "./"

    guide.register(env, data)

    def profile_select(tool: str) -> list[str]:
        options = []
        for pid, prof in data["profiles"].items():
            if tool == "hours" and not any((r or {}).get("value") is not None for r in prof.get("hours", {}).values()):
                continue
            selected = " selected" if pid == DEFAULT_PROFILE else ""
            label = f"{prof.get('short_title') or prof['title']} — {prof['title']}"
            options.append(f'<option value="{_esc(pid)}"{selected}>{_esc(label)}</option>')
        return [
            '<div class="ts-field"><label for="profile">适用的政策文件</label>',
            '<p class="ts-hint" id="profile-hint">选择你的学校或地区执行的文件；不确定时选“国家框架”。</p>',
            '<p class="ts-error" id="profile-error" hidden></p>',
            '<select id="profile" name="profile" aria-describedby="profile-hint profile-error">',
            *options,
            "</select></div>",
        ]

    def reading_field(tool: str) -> list[str]:
        """Where the chosen document says two things or leaves a rule open, the reading to use. Options belong to
        one profile each (data-profile); the page script shows only the current profile's and hides the field when
        it has none. The value is what the URL's `reading` carries (reading ids, comma-separated)."""
        opts = ['<option value="">按本站默认的读法</option>']
        for pid, prof in data["profiles"].items():
            for value, label in reading_choices(prof, tool)[1:]:
                opts.append(f'<option value="{_esc(value)}" data-profile="{_esc(pid)}">{_esc(label)}</option>')
        if len(opts) == 1:
            return []
        return [
            '<div class="ts-field" id="reading-field"><label for="reading">文件说法不一或未规定时，按哪种读法</label>',
            '<p class="ts-hint" id="reading-hint">默认按本站采用的读法（结果中会说明理由和另一读法的结论）；'
            '你的学校另有明确规定时可改选。</p>',
            '<p class="ts-error" id="reading-error" hidden></p>',
            '<select id="reading" name="reading" data-input data-option data-default="" '
            'aria-describedby="reading-hint reading-error">',
            *opts,
            "</select></div>",
        ]

    error_summary = [
        '<div class="ts-error-summary" tabindex="-1" role="alert" aria-labelledby="error-summary-title" hidden>',
        '<h2 id="error-summary-title">请检查以下内容</h2><ul></ul></div>',
    ]

    @env.macro
    def tool_form(tool: str) -> str:
        """The calculator: profile choice, questions, error summary, #result, and the page script."""
        root = site_root()
        parts = [f'<div class="ts-tool" data-tool="{_esc(tool)}" data-site-root="{root}">', *error_summary,
                 '<form class="ts-form" novalidate>', *profile_select(tool)]
        for f in FIELDS[tool]:
            n = _esc(f["name"])
            parts += [
                f'<div class="ts-field"><label for="{n}">{_esc(f["label"])}</label>',
                f'<p class="ts-hint" id="{n}-hint">{_esc(f["hint"])}</p>',
                f'<p class="ts-error" id="{n}-error" hidden></p>',
            ]
            if "options" in f:  # a choice with a default: sent with the request, but not "filled in" by itself
                default = _esc(f["options"][0][0])
                parts.append(f'<select id="{n}" name="{n}" data-input data-option data-default="{default}" '
                             f'aria-describedby="{n}-hint {n}-error">')
                parts += [f'<option value="{_esc(v)}">{_esc(label)}</option>' for v, label in f["options"]]
                parts.append("</select></div>")
            else:
                parts.append(f'<input id="{n}" name="{n}" type="text" inputmode="decimal" autocomplete="off" '
                             f'data-input aria-describedby="{n}-hint {n}-error"></div>')
        if tool == "hours":
            parts += reading_field(tool)
            parts += RECORDS_FIELDS
            parts += [  # the deadline is said against this day: today unless she asks about another
                '<div class="ts-field"><label for="today">按哪一天判断截止日期</label>',
                '<p class="ts-hint" id="today-hint">不填就按今天（本机日期）；想知道某一天时是否来得及，可改成那一天。</p>',
                '<p class="ts-error" id="today-error" hidden></p>',
                '<input id="today" name="today" type="date" data-input data-option '
                'aria-describedby="today-hint today-error"></div>',
            ]
        parts += [
            '<div class="ts-field ts-remember"><input type="checkbox" id="remember" data-remember>',
            '<label for="remember">在这台电脑上记住我填写的内容（只保存在本机浏览器中）</label>',
            '<button type="button" class="ts-link-button" data-forget>清除已保存的内容</button></div>',
            '<button type="submit">检查</button></form>',
            '<div id="result" class="ts-result" role="status" aria-live="polite">',
            '<p class="ts-idle">填写上面的内容后，这里会立即显示结果和依据。</p></div>',
            "</div>",
            f'<script src="{root}{runtime["tisheng"]}tools.js"></script>',
        ]
        if tool == "hours":
            parts.append(f'<script src="{root}{runtime["tisheng"]}hours.js"></script>')
        return "\n".join(parts)

    @env.macro
    def batch_form(tool: str) -> str:
        """Staff-list upload: template links, file input, #result with stats, chart, table and downloads.

        A tool's page module may set ``ctx.batch_options[tool]`` = {hint, profile_select (callable), fields (HTML
        lines of extra settings, controls marked data-option), idle} to change the defaults below (the hours page)."""
        root = site_root()
        opts = (getattr(ctx, "batch_options", None) or {}).get(tool, {})
        hint = opts.get("hint") or "第一行为列名：姓名、学校、学科、线上学时、实践学时。可下载模板："
        select = opts["profile_select"]() if opts.get("profile_select") else profile_select(tool)
        parts = [
            f'<div class="ts-batch" data-tool="{_esc(tool)}" data-site-root="{root}" '
            f'data-echarts="{root}{runtime["echarts"]}echarts.min.js">', *error_summary,
            '<form class="ts-form" novalidate>', *select,
            '<div class="ts-field"><label for="file">教师名单（Excel .xlsx 或 CSV）</label>',
            f'<p class="ts-hint" id="file-hint">{_esc(hint)}'
            f'<a href="{root}downloads/{_esc(tool)}-template.xlsx" download>Excel 模板</a>、'
            f'<a href="{root}downloads/{_esc(tool)}-template.csv" download>CSV 模板</a>。</p>',
            '<p class="ts-error" id="file-error" hidden></p>',
            '<input id="file" name="file" type="file" accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet,text/csv" aria-describedby="file-hint file-error"></div>',
            *opts.get("fields", []),
            *(reading_field(tool) if tool == "hours" else []),
            '<button type="submit">开始检查</button></form>',
            '<div id="result" class="ts-result" role="status" aria-live="polite">',
            f'<p class="ts-idle">{_esc(opts.get("idle") or "选择文件后立即在本机检查，名单不会上传到任何服务器。")}</p></div>',
            "</div>",
            f'<script src="{root}{runtime["tisheng"]}tools.js"></script>',
            f'<script src="{root}{runtime["tisheng"]}batch.js"></script>',
        ]
        return "\n".join(parts)


    # Each calculator's own page macros live in scripts/tool_<name>.py with `register(env, ctx)`, so one tool's page
    # can change without touching another's.
    ctx = SimpleNamespace(data=data, runtime=runtime, esc=_esc, site_root=site_root, profile_select=profile_select,
                          error_summary=error_summary)
    for path in sorted(Path(__file__).resolve().parent.glob("tool_*.py")):
        importlib.import_module(path.stem).register(env, ctx)


def on_post_build(env: Any) -> None:
    site = Path(env.conf["site_dir"])
    build_runtime.install(site)
    build_runtime.service_worker(site)
