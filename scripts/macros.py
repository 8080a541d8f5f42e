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
import forms  # noqa: E402
import guide  # noqa: E402

DEFAULT_PROFILE = "national-2019"


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

    try:
        forms.load_all()  # every declaration is checked, also one no page uses yet
    except forms.FormError as exc:
        raise PluginError(str(exc)) from None
    partials = forms.renderer(env.conf["theme"].dirs)

    @env.macro
    def tool_form(name: str) -> str:
        """A tool page from its declaration, site_src/forms/<name>.yaml, drawn by partials/tool/ (see forms.py)."""
        try:
            decl = forms.load(name)
        except forms.FormError as exc:
            raise PluginError(str(exc)) from None
        return forms.render(partials, decl, data, root=site_root(), assets=runtime["tisheng"],
                            echarts=runtime["echarts"])

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
        module = importlib.import_module(path.stem)
        if hasattr(module, "register"):
            module.register(env, ctx)


def on_post_build(env: Any) -> None:
    site = Path(env.conf["site_dir"])
    build_runtime.install(site)
    build_runtime.service_worker(site)
