"""MkDocs hooks: a document is one YAML file. Every profile in data/profiles/ gets its page and its place under
“政策文件” in the navigation, generated here; nothing about a profile is kept by hand in mkdocs.yml or docs/."""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_data  # noqa: E402
import build_runtime  # noqa: E402
import serve  # noqa: E402

SECTION = "政策文件"  # the nav section whose entries this hook writes
LEVEL_ORDER = ("national", "province", "city", "county", "school")


@functools.cache  # on_config and on_files both ask; data/ is read once per build
def _profiles() -> tuple[str, ...]:
    """Profile ids from the national framework down to the schools, then by document date, then by id."""
    profiles = build_data.load_all()["profiles"]

    def key(pid: str) -> tuple[int, str, str]:
        p = profiles[pid]
        level = p.get("level")
        return (LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER), str(p.get("date") or ""), pid)

    return tuple(sorted(profiles, key=key))


def on_config(config: Any) -> Any:
    for entry in config["nav"] or []:
        if isinstance(entry, dict) and SECTION in entry:
            entry[SECTION] = [f"profiles/{pid}.md" for pid in _profiles()]
    config["extra"]["csp"] = meta_policy()  # site_src/overrides/main.html: each page's second <meta>
    return config


# ---- Content-Security-Policy: one line in scripts/deploy/nginx/tisheng-site.conf, sent as a header by nginx and the
# fallback server, and written into every page so that it holds on any server.

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


@functools.cache
def policy() -> str:
    found = dict(serve.security_headers()).get("Content-Security-Policy")
    if not found:
        raise PluginError(f"{serve.SITE_RULES} 中没有 Content-Security-Policy 一行。")
    return found


def meta_policy() -> str:
    """The policy a <meta> may carry: frame-ancestors only works as a header (a meta with it is ignored, with a
    console warning)."""
    return "; ".join(d.strip() for d in policy().split(";") if not d.strip().startswith("frame-ancestors"))


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def check_policy(output: str, where: str) -> str:
    """Every inline script the page runs must be allowed by its hash, and the page must carry the policy."""
    meta = CSP_META.search(output)
    if not meta or html.unescape(meta[1]) != meta_policy():
        raise PluginError(f"{where}：页面没有内容安全策略（Content-Security-Policy）的 <meta>，请检查 site_src/overrides/main.html。")
    missing = {script_hash(m[2]) for m in INLINE_SCRIPT.finditer(output) if "application/json" not in m[1]}
    missing -= {token.rstrip(";") for token in policy().split()}
    if missing:
        raise PluginError(f"{where}：页面里有内嵌脚本不在内容安全策略之内（Material 升级后常见）。请把 {' '.join(sorted(missing))} "
                          f"加到 {serve.SITE_RULES.name} 的 Content-Security-Policy 一行的 script-src 中。")
    return output


def on_post_template(output: str, template_name: str, config: Any) -> str:
    return check_policy(output, template_name) if template_name.endswith(".html") else output


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    for pid in _profiles():
        uri = f"profiles/{pid}.md"
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, content=f'{{{{ profile_page("{pid}") }}}}\n'))
    return files


ENGINE_CSS = re.compile(r'<link rel="stylesheet" href="([^"]*assets/tisheng/[0-9a-f]+/)site\.css">')
BUNDLE = re.compile(r'<script defer src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


def on_post_page(output: str, page: Any, config: Any) -> str:
    """A tool page's theme waits for its engine: Material's search builds its index after the engine has started
    (site_src/js/workers/search-later.js), and Material's bundle runs then too, or as soon as the reader does
    something outside the form (theme.js). Until then the bundle is only fetched."""
    output = check_policy(output, page.url or "index")
    if not page.url.startswith("tools/"):
        return output
    head, sep, rest = output.partition('<script id="__config" type="application/json">')
    material = "/workers/" + build_runtime.search_worker() + '"'
    if not sep or material not in rest.split("</script>", 1)[0]:
        raise PluginError(f"{page.url}：页面配置里没有 Material 的搜索脚本 {material}，请检查主题的版本。")
    output = head + sep + rest.replace(material, "/workers/" + build_runtime.search_later()[0] + '"', 1)
    if "data-tool=" not in output:  # no engine here, nothing to wait for
        return output
    output, held = BUNDLE.subn(r'<link rel="preload" as="script" href="\1" data-theme-later>', output, count=1)
    if not held:
        raise PluginError(f"{page.url}：页面中没有 Material 的脚本（bundle），请检查 site_src/overrides/main.html。")
    output, early = ENGINE_CSS.subn(r'\g<0>\n<script src="\1start.js" async></script>', output, count=1)
    if not early:
        raise PluginError(f"{page.url}：页面中没有本站的样式表（site.css），无法提前启动计算引擎。")
    return output


# nginx's own error pages (scripts/deploy/nginx: error_page) are replaced by these: no asset of the site but their
# own stylesheet, so they show even when the request never reached a page of the site. {links}: ERROR_LINKS, named as
# the navigation names them (mkdocs.yml nav).
ERROR_LINKS = ("tools/hours.md", "tools/batch.md")
ERROR_PAGES = {
    "400": ('服务器无法处理这个请求',
            '<p>这个链接或请求的格式不对，服务器没有处理。请检查链接是否完整，或从首页重新打开要用的页面。</p>\n{links}'),
    "414": ('链接太长，服务器无法打开',
            '<p>这个链接超出了服务器能接收的长度，所以打不开。填写的内容没有丢失在服务器上：本站从不把填写的内容发送到服务器。</p>\n<p>请打开对应的工具页重新填写。内容很多时（例如几百条培训记录），工具页不会把它们写进链接，而是提示你勾选“在本机记住”或下载结果文件来保存和转交。</p>\n{links}'),
    "50x": ('网站暂时无法访问',
            '<p>服务器出现了问题，请稍后刷新重试。若一直如此，请联系本校或本单位的网站管理员。</p>\n{links}'),
}
ERROR_TEMPLATE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta name="referrer" content="no-referrer">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - 提升工程 2.0 政策指南与自查工具</title>
<link rel="stylesheet" href="/errors/errors.css">
</head>
<body>
<header>提升工程 2.0 政策指南与自查工具</header>
<main>
<h1>{title}</h1>
{body}
</main>
</body>
</html>
"""


# A stylesheet of their own (the policy allows no inline style), beside them: no other asset of the site.
ERROR_STYLE = """body { font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; line-height: 1.7; margin: 0;
  color: #1f1f1f; background: #fff; }
header { background: #3f51b5; color: #fff; padding: .8rem 1.2rem; font-weight: bold; }
main { max-width: 40rem; margin: 2rem auto; padding: 0 1.2rem; }
a { color: #3040a0; }
"""


def nav_titles(nav: Any) -> dict[str, str]:
    """Each page of mkdocs.yml's nav by its file: the name the menu gives it."""
    found: dict[str, str] = {}
    for entry in nav or []:
        if isinstance(entry, dict):
            for title, value in entry.items():
                if isinstance(value, str):
                    found[value] = title
                else:
                    found.update(nav_titles(value))
    return found


def error_links(config: Any) -> str:
    titles = nav_titles(config["nav"])
    links = ['<a href="/">回到首页</a>']
    for uri in ERROR_LINKS:
        if uri not in titles:
            raise PluginError(f"mkdocs.yml 的导航中没有 {uri}，错误页无法给它命名。")
        links.append(f'<a href="/{uri.removesuffix(".md")}/">{html.escape(titles[uri])}</a>')
    return "<p>" + " · ".join(links) + "</p>"


def on_post_build(config: Any) -> None:
    out = Path(config["site_dir"]) / "errors"
    out.mkdir(parents=True, exist_ok=True)
    (out / "errors.css").write_text(ERROR_STYLE, encoding="utf-8")
    for name, (title, body) in ERROR_PAGES.items():
        body = body.format(links=error_links(config))
        page = ERROR_TEMPLATE.format(title=title, body=body, policy=html.escape(meta_policy()))
        (out / f"{name}.html").write_text(check_policy(page, f"errors/{name}.html"), encoding="utf-8")
    build_runtime.precompress_site(Path(config["site_dir"]))  # last: every file the site has, written
