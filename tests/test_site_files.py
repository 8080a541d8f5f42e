"""The built site, file by file: nothing points to another host, and nothing private from the source documents is
in any file, text or binary (the engine bundle and the memory snapshot included)."""

from __future__ import annotations

import re

import pytest

from tests.helpers import SEEDS, SITE

pytestmark = pytest.mark.skipif(not (SITE / "index.html").exists(), reason="site/ not built (make test builds it)")

URL = re.compile(r"""https?://[^\s"'<>)]+""")
# Not requests: XML namespaces, licence notes inside comments and inline data: images; and examples of the school's
# own server in the deploy guide (loopback and private addresses are not outside hosts).
NAMESPACES = ("http://www.w3.org/", "http://www.sitemaps.org/")
LOCAL = re.compile(r"https?://(localhost|127\.|10\.|192\.168\.)")
PHONE = re.compile(rb"(?<!\d)1[3-9]\d{9}(?!\d)")
EMAIL = re.compile(rb"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def own_text_files():
    for path in SITE.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".css", ".json", ".xml", ".txt", ".csv"} \
                and "pyodide" not in path.parts:
            yield path


def test_no_outside_url_in_any_page_stylesheet_or_data_file():
    offenders = []
    for path in own_text_files():
        text = re.sub(r"<!--.*?-->|/\*.*?\*/|url\([\"']?data:[^)]*\)", "",
                      path.read_text(encoding="utf-8", errors="replace"), flags=re.S)
        for url in URL.findall(text):
            if not url.startswith(NAMESPACES) and not LOCAL.match(url):
                offenders.append(f"{path.relative_to(SITE)}: {url}")
    assert not offenders, "\n".join(offenders[:20])


def test_our_scripts_reference_no_outside_host():
    bundle = next((SITE / "assets" / "tisheng").iterdir())
    for path in [*bundle.glob("*.js"), SITE / "sw.js", *SITE.glob("assets/javascripts/workers/search-later.*.js")]:
        urls = [u for u in URL.findall(path.read_text(encoding="utf-8")) if not u.startswith(NAMESPACES)]
        assert not urls, (path.name, urls)


SCRIPT_OR_STYLE = re.compile(r'<(?:script[^>]*\bsrc|link rel="stylesheet"[^>]*\bhref)="([^"]+)"')


def test_every_script_and_stylesheet_a_page_names_exists():
    """The theme override names Material's bundle by its hashed file name; after an upgrade of mkdocs-material this
    fails until site_src/overrides/main.html is brought up to date."""
    missing = []
    for page in SITE.rglob("*.html"):
        if "pyodide" in page.parts:
            continue
        for ref in SCRIPT_OR_STYLE.findall(page.read_text(encoding="utf-8")):
            path = ref.split("?")[0]
            target = (SITE / path.lstrip("/") if path.startswith("/") else page.parent / path).resolve()
            if not target.is_file():
                missing.append(f"{page.relative_to(SITE)}: {ref}")
    assert not missing, "\n".join(missing[:20])


def test_material_bundle_is_deferred_so_the_form_is_drawn_first():
    """Deferred on every page; on a tool page only fetched, and run by theme.js once the engine is up."""
    bundle = r"javascripts/bundle\.[0-9a-f]+\.min\.js"
    guide = (SITE / "guide" / "compare" / "index.html").read_text(encoding="utf-8")
    tags = re.findall(r"<script[^>]*" + bundle + r"[^>]*>", guide)
    assert len(tags) == 1 and " defer" in tags[0], tags
    for tool in ("hours", "batch", "points", "grade", "grade-batch", "rollout", "evidence", "evidence-batch", "me",
                 "rules"):
        page = (SITE / "tools" / tool / "index.html").read_text(encoding="utf-8")
        assert not re.findall(r"<script[^>]*" + bundle, page), tool
        held = re.findall(r'<link rel="preload" as="script" href="[^"]*' + bundle + '" data-theme-later>', page)
        assert len(held) == 1, tool


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source documents are not on this machine")
def test_no_phone_number_or_email_from_the_seeds_in_any_file():
    private: set[bytes] = set()
    for seed in SEEDS.glob("*.txt"):
        raw = seed.read_bytes()
        private |= set(PHONE.findall(raw)) | set(EMAIL.findall(raw))
    assert private, "the seeds are known to hold phone numbers and e-mail addresses"
    found = []
    for path in SITE.rglob("*"):
        if path.is_file() and path.suffix != ".gz":
            data = path.read_bytes()
            found += [f"{path.relative_to(SITE)}: {p.decode(errors='replace')}" for p in private if p in data]
    assert not found, found


def test_the_snapshot_holds_no_build_machine_path():
    bundle = next((SITE / "assets" / "tisheng").iterdir())
    data = b"".join(p.read_bytes() for p in sorted(bundle.glob("snapshot.*.bin")))
    assert data, "no memory snapshot was built"
    assert str(SITE.parent).encode() not in data


def test_the_browsers_engine_leaves_out_the_command_lines_own_modules():
    """The snapshot imports every module of the bundle: the command line's (argparse and the rest: 2 MB of memory in
    every tool page's start) and its calamine reader are not in it."""
    import zipfile

    bundle = next((SITE / "assets" / "tisheng").iterdir())
    names = zipfile.ZipFile(bundle / "tisheng.zip").namelist()
    assert "tisheng/api.py" in names and "tisheng/io/tabular.py" in names
    assert not {"tisheng/cli.py", "tisheng/__main__.py", "tisheng/io/xlsxfast.py"} & set(names)
    data = b"".join(p.read_bytes() for p in sorted(bundle.glob("snapshot.*.bin")))
    assert b"tisheng/cli.py" not in data and b"tisheng/api.py" in data  # the file name each module keeps


def test_the_snapshot_parts_hold_exactly_the_stretches_the_worker_places():
    """The parts are the memory's non-zero stretches end to end; the worker is told where each one goes."""
    import json

    bundle = next((SITE / "assets" / "tisheng").iterdir())
    worker = (bundle / "worker.js").read_text(encoding="utf-8")
    runs = json.loads(re.search(r"const SNAPSHOT_RUNS = (\[.*?\]);", worker).group(1))
    size = int(re.search(r'const SNAPSHOT_BYTES = Number\("(\d+)"\)', worker).group(1))
    packed = b"".join(p.read_bytes() for p in sorted(bundle.glob("snapshot.*.bin"),
                                                      key=lambda p: int(p.name.split(".")[1])))
    assert runs and sum(n for _, n in runs) == len(packed)
    assert all(a + n < b for (a, n), (b, _) in zip(runs, runs[1:])), "stretches overlap or touch"
    assert runs[-1][0] + runs[-1][1] <= size and len(packed) < size  # the zeros are left out
    block = 64 << 10
    at = 0
    for offset, n in runs:
        assert offset % block == 0
        first, last = packed[at:at + block], packed[at + n - block:at + n] if n >= block else packed[at:at + n]
        assert first.strip(b"\0") and last.strip(b"\0"), "a stretch starts or ends with a whole block of zeros"
        at += n


def test_tool_pages_build_the_search_index_after_the_engine():
    """Every tool page points Material at the waiting search worker; every other page keeps Material's own."""
    import json

    workers = SITE / "assets" / "javascripts" / "workers"
    [material] = [p.name for p in workers.glob("search.*.min.js")]
    [later] = list(workers.glob("search-later.*.min.js"))
    assert f'importScripts("{material}")' in later.read_text(encoding="utf-8")
    for page in SITE.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        found = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
        if not found:
            continue
        worker = json.loads(found.group(1))["search"].rsplit("/", 1)[-1]
        tool = page.relative_to(SITE).parts[0] == "tools"
        assert worker == (later.name if tool else material), page.relative_to(SITE)
        if tool:
            assert "// ---- theme.js" in page_script(page, html), \
                f"{page.relative_to(SITE)}: no theme.js to say when the search may start"


def page_script(page, html: str) -> str:
    """The module a built tool page loads: its own, joined with the modules it imports (scripts/page_modules.py)."""
    [src] = re.findall(r'<script type="module" src="([^"]+)"></script>', html)
    return (page.parent / src).resolve().read_text(encoding="utf-8")


FIRST_IN_HEAD = re.compile(r"<head[^>]*>\s*(<[^>]+>)", re.I)
LOADS = re.compile(r"<(link|script|style|img|iframe)\b", re.I)


def test_the_referrer_policy_comes_before_anything_a_page_loads():
    """A server that sends no Referrer-Policy header (IIS, Apache, python -m http.server as they come) leaves only the
    page's own tag: it must stand first in <head>, or the stylesheets before it are asked for with the default
    policy and carry the address, and what a teacher typed in it, as Referer. Every built page, error pages too."""
    pages = [p for p in SITE.rglob("*.html") if "pyodide" not in p.parts]
    assert len(pages) > 30 and (SITE / "errors" / "414.html") in pages and (SITE / "404.html") in pages
    wrong = []
    for path in pages:
        text = path.read_text(encoding="utf-8")
        first = FIRST_IN_HEAD.search(text)
        if not first or first.group(1) != '<meta name="referrer" content="no-referrer">':
            wrong.append(f"{path.relative_to(SITE)}: {first.group(1) if first else 'no <head>'}")
            continue
        before = text[:first.start(1)]
        if LOADS.search(before):
            wrong.append(f"{path.relative_to(SITE)}: something loads before <head>")
    assert not wrong, "\n".join(wrong[:20])


SECOND_IN_HEAD = re.compile(r"<head[^>]*>\s*<[^>]+>\s*(<[^>]+>)", re.I)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)


def test_every_page_carries_the_content_security_policy():
    """Right after the referrer policy, every built page states the policy nginx sends (less frame-ancestors, which
    only a header can carry), and every inline script it runs is allowed by its hash: a page works under it on a
    server that sends no header at all."""
    import base64
    import hashlib
    import html

    import serve  # scripts/

    policy = dict(serve.security_headers())["Content-Security-Policy"]
    meta = policy.replace("; frame-ancestors 'self'", "")
    assert meta != policy and "frame-ancestors" not in meta
    allowed = {token.rstrip(";") for token in policy.split()}
    pages = [p for p in SITE.rglob("*.html") if "pyodide" not in p.parts]
    wrong = []
    for path in pages:
        text = path.read_text(encoding="utf-8")
        second = SECOND_IN_HEAD.search(text)
        tag = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(meta)}">'
        if not second or html.unescape(second.group(1)) != html.unescape(tag):
            wrong.append(f"{path.relative_to(SITE)}: {second.group(1)[:80] if second else 'no <head>'}")
        for m in INLINE_SCRIPT.finditer(text):
            digest = "'sha256-" + base64.b64encode(hashlib.sha256(m[2].encode()).digest()).decode() + "'"
            if "application/json" not in m[1] and digest not in allowed:
                wrong.append(f"{path.relative_to(SITE)}: inline script {m[2][:40]!r} not allowed")
        if re.search(r"<style\b|\son[a-z]+=", text):
            wrong.append(f"{path.relative_to(SITE)}: an inline <style> or event handler")
    assert len(pages) > 30 and not wrong, "\n".join(wrong[:20])
