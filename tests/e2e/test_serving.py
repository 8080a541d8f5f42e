"""The nginx config does what production needs: right MIME types, gzip, long cache only for versioned assets."""

from __future__ import annotations

import re
import urllib.request

from tests.helpers import SITE


def head(url: str, gzip: bool = False):
    req = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip else {})
    with urllib.request.urlopen(req, timeout=10) as resp:
        resp.read()
        return resp.headers


def test_pyodide_assets_typed_and_cached(base_url):
    pyodide_dir = next((SITE / "assets" / "pyodide").iterdir()).name
    wasm = head(f"{base_url}/assets/pyodide/{pyodide_dir}/pyodide.asm.wasm")
    assert wasm["Content-Type"] == "application/wasm"
    assert "immutable" in wasm["Cache-Control"]
    mjs = head(f"{base_url}/assets/pyodide/{pyodide_dir}/pyodide.asm.mjs", gzip=True)
    assert mjs["Content-Type"].startswith("text/javascript")
    assert mjs["Content-Encoding"] == "gzip"


def test_html_is_revalidated(base_url):
    page = head(f"{base_url}/tools/hours/", gzip=True)
    assert page["Cache-Control"] == "no-cache"
    assert page["Content-Type"].startswith("text/html")
    assert page["Content-Encoding"] == "gzip"


def test_engine_bundle_is_versioned(base_url):
    html = urllib.request.urlopen(f"{base_url}/tools/hours/", timeout=10).read().decode()
    match = re.search(r'<script type="module" src="[./]*(assets/tisheng/[0-9a-f]{10}/hours\.js)"', html)
    assert match, "the tool page must load its script from a content-hashed path"
    assert "immutable" in head(f"{base_url}/{match.group(1)}")["Cache-Control"]


def test_no_outside_host_in_built_pages():
    pattern = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", re.I)
    offenders = [str(p.relative_to(SITE)) for p in SITE.rglob("*.html") if pattern.search(p.read_text("utf-8"))]
    assert not offenders, offenders
