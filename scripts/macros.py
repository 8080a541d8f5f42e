"""mkdocs-macros module: builds the data snapshot and the browser bundle, and renders pages from data/.

Pages call these macros; no rule's number is typed into a page by hand.
"""

from __future__ import annotations

import html
import importlib
import sys
from pathlib import Path
from typing import Any, Callable, NamedTuple

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_data  # noqa: E402
import build_runtime  # noqa: E402
import forms  # noqa: E402
import guide  # noqa: E402


class PageContext(NamedTuple):
    """What a tool module's register(env, ctx) may read."""

    data: dict[str, Any]
    runtime: dict[str, Any]
    esc: Callable[[Any], str]  # html.escape with quotes, for a macro that still writes HTML itself
    site_root: Callable[[], str]
    render: Callable[..., str]  # render(partial, **context): a partial of site_src/overrides as HTML


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
    prefetch = ExtraScriptValue(runtime["tisheng"] + "prefetch.js")  # guide pages fetch the engine once idle
    prefetch.defer = True
    env.conf["extra_javascript"].append(prefetch)

    def site_root() -> str:
        url = env.page.url if env.page else ""
        depth = len([p for p in url.split("/") if p])
        return "../" * depth if depth else "./"

    guide.register(env, data)

    try:
        forms.load_all()  # every declaration is checked, also one no page uses yet
    except forms.FormError as exc:
        raise PluginError(str(exc)) from None
    partials = forms.renderer(env.conf["theme"].dirs)

    @env.macro
    def tool_form(name: str) -> str:
        """A tool page from its declaration, site_src/forms/<name>.yaml, drawn by partials/tool/ (see forms.py)."""
        try:
            return forms.render(partials, forms.load(name), data, root=site_root(), assets=runtime["tisheng"],
                                echarts=runtime["echarts"])
        except forms.FormError as exc:
            raise PluginError(str(exc)) from None

    @env.macro
    def local_contact() -> str:
        """The host's contact (mkdocs.yml extra.contact) as every page draws it; nothing when the host sets none."""
        return forms.render_partial(partials, "partials/contact.html", config=env.conf)

    @env.macro
    def document_finder() -> str:
        """The home page's “找到你执行的文件”: province → city or county → school (partials/finder.html)."""
        return forms.render_partial(partials, "partials/finder.html",
                                    f=guide.Guide(data, "index.md", site_root(), runtime).finder())

    # A tool's other page macros (rule tables, notes) live in scripts/tool_<name>.py with `register(env, ctx)`, so one
    # tool's page can change without touching another's; ctx is read-only (no module hands another anything through it).
    ctx = PageContext(data=data, runtime=runtime, esc=lambda text: html.escape(str(text), quote=True),
                      site_root=site_root,
                      render=lambda template, **context: forms.render_partial(partials, template, **context))
    for path in sorted(Path(__file__).resolve().parent.glob("tool_*.py")):
        module = importlib.import_module(path.stem)
        if hasattr(module, "register"):
            module.register(env, ctx)


def on_post_build(env: Any) -> None:
    site = Path(env.conf["site_dir"])
    build_runtime.install(site)
    build_runtime.service_worker(site)
