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

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_data  # noqa: E402
import build_runtime  # noqa: E402
import guide  # noqa: E402

# The calculators' questions. Labels and hints are page text; every number a verdict uses comes from the engine.
FIELDS: dict[str, list[dict[str, str]]] = {
    "hours": [
        {"name": "online", "label": "线上研修学时", "hint": "在培训平台上完成的网络课程学时，例如 25 或 12.5。"},
        {"name": "practice", "label": "实践应用学时", "hint": "线下实践、校本研修、微能力点实践认证等学时。"},
        {"name": "ratio_base", "label": "“实践应用不少于50%”的算法",
         "hint": "文件没有说明 50% 以哪个总数为基数（见“文件之间的出入”）。只在所选文件规定了实践占比时起作用。",
         "options": [("required", "按要求的总学时计（默认：实践不少于 25 学时）"), ("actual", "按实际完成的总学时计")]},
    ],
}
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
