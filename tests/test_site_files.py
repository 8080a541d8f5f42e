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
    for path in [*bundle.glob("*.js"), SITE / "sw.js"]:
        assert not URL.search(path.read_text(encoding="utf-8")), path.name


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
    page = (SITE / "tools" / "hours" / "index.html").read_text(encoding="utf-8")
    tags = re.findall(r"<script[^>]*javascripts/bundle\.[0-9a-f]+\.min\.js[^>]*>", page)
    assert len(tags) == 1 and " defer" in tags[0], tags


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
