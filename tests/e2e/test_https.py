"""Over https, as scripts/deploy/nginx/tisheng-https.conf serves the site (HTTP/2, the build's brotli files): the
browser gets the engine's big files as brotli, answers from the snapshot, and keeps them for the next visit."""

from __future__ import annotations

import socket
import subprocess

import pytest

import serve  # noqa: E402  (scripts/)
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, StillBrowser
from tests.e2e.test_offline import VERSIONED, requests_in
from tests.helpers import SITE

ENGINE_TIMEOUT = 120_000  # ms; not a speed assertion
URL = "/tools/hours/?profile=kaiyuan-2024&online=20&practice=30"


@pytest.fixture(scope="module")
def https_site(browser, tmp_path_factory):
    """nginx over https with a certificate of its own, and a Chromium that trusts that certificate (as a school's
    browsers trust its own): a page with a certificate error would be kept out of the HTTP cache."""
    why = serve.https_ready()
    if why:
        pytest.fail(f"{why}; scripts/system.sh test installs what is missing")
    work = tmp_path_factory.mktemp("https")
    work.chmod(0o755)
    cert, key, spki = serve.self_signed(work / "tls")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = serve.start_nginx(SITE, "127.0.0.1", port, work / "nginx", tls=(cert, key))
    trusting = browser.browser_type.launch(executable_path=CHROMIUM,
                                           args=[*CHROMIUM_ARGS, f"--ignore-certificate-errors-spki-list={spki}"])
    try:
        yield {"url": f"https://127.0.0.1:{port}", "log": work / "nginx" / "access.log",
               "browser": StillBrowser(trusting)}
    finally:
        trusting.close()
        proc.terminate()
        proc.wait(timeout=10)


def test_the_engine_comes_as_brotli_and_answers(https_site):
    bundle = next((SITE / "assets" / "tisheng").iterdir())
    parts = sorted(p.name for p in bundle.glob("snapshot.*.bin"))
    ctx = https_site["browser"].new_context(base_url=https_site["url"], service_workers="block")
    encodings: dict[str, str | None] = {}
    ctx.on("response", lambda r: encodings.__setitem__(r.url.rsplit("/", 1)[-1], r.headers.get("content-encoding")))
    try:
        page = ctx.new_page()
        page.goto(URL)
        page.wait_for_selector("#result[data-status='fail']", timeout=ENGINE_TIMEOUT)
        assert page.get_attribute("html", "data-engine-start") == "snapshot"
        assert "还差 5 学时线上研修" in page.inner_text("#result")
    finally:
        ctx.close()
    assert encodings.get("pyodide.asm.wasm") == "br"
    assert {name: encodings.get(name) for name in parts} == {name: "br" for name in parts}
    assert all((bundle / f"{name}.br").stat().st_size < (bundle / f"{name}.gz").stat().st_size for name in parts)


def test_the_second_visit_over_https_fetches_no_engine_file(https_site):
    ctx = https_site["browser"].new_context(base_url=https_site["url"], service_workers="block")
    try:
        page = ctx.new_page()
        page.goto(URL)
        page.wait_for_selector("#result[data-status='fail']", timeout=ENGINE_TIMEOUT)
        page.wait_for_selector("html[data-theme=started][data-search=started]", state="attached")
        page.wait_for_load_state("networkidle")
        assert any("/assets/pyodide/" in path for path, _ in requests_in(https_site["log"]))
        https_site["log"].write_text("")
        page.goto(URL.replace("online=20", "online=25"))
        page.wait_for_selector("#result[data-status='pass']", timeout=ENGINE_TIMEOUT)
        page.wait_for_load_state("networkidle")
        again = [path for path, _ in requests_in(https_site["log"]) if VERSIONED.search(path)]
    finally:
        ctx.close()
    assert not again, f"versioned files fetched again over https: {again}"


def test_the_https_example_is_a_working_nginx_config(tmp_path):
    """tisheng-https.conf as a school would install it (its snippets beside it, its own certificate paths): nginx
    accepts it, with the log format of tisheng.conf, and it serves brotli where the tests do."""
    example = serve.SITE_HTTPS.read_text(encoding="utf-8")
    plain = serve.SITE_EXAMPLE.read_text(encoding="utf-8")
    for line in plain.split("\nserver {", 1)[0].splitlines():
        if line.strip() and not line.startswith("#"):
            assert line in example, line
    assert "include /etc/nginx/snippets/tisheng-brotli.conf;" in example
    cert, key, _ = serve.self_signed(tmp_path / "tls")
    deploy = serve.SITE_RULES.parent
    text = (example.replace("/etc/nginx/snippets/", f"{deploy}/").replace("/var/www/tisheng/site", str(SITE))
            .replace("/var/log/nginx/", f"{tmp_path}/").replace("/etc/ssl/certs/tisheng.crt", str(cert))
            .replace("/etc/ssl/private/tisheng.key", str(key)))
    (tmp_path / "site.conf").write_text(text, encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(
        f"load_module {serve.BROTLI_MODULE};\npid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        f"events {{}}\nhttp {{ include {serve.MIME_TYPES}; include {tmp_path}/site.conf; }}\n", encoding="utf-8")
    checked = subprocess.run([serve.nginx_binary(), "-t", "-c", str(tmp_path / "nginx.conf"), "-e",
                              str(tmp_path / "error.log")], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
