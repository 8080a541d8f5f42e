"""Serve the built site the way production does: nginx with scripts/deploy/nginx/tisheng-site.conf.

Used by `make serve`, the browser tests and the benchmark. Falls back to Python's http.server (same MIME types,
cache and security headers and error pages, no gzip) only when nginx is not installed, and says so.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import http.server
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
SITE_RULES = ROOT / "scripts" / "deploy" / "nginx" / "tisheng-site.conf"
SITE_EXAMPLE = ROOT / "scripts" / "deploy" / "nginx" / "tisheng.conf"
SITE_BROTLI = ROOT / "scripts" / "deploy" / "nginx" / "tisheng-brotli.conf"
SITE_HTTPS = ROOT / "scripts" / "deploy" / "nginx" / "tisheng-https.conf"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")  # libnginx-mod-http-brotli-static
MIME_TYPES = Path("/etc/nginx/mime.types")


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def write_nginx_conf(workdir: Path, site: Path, host: str, port: int, extra: str = "",
                     tls: tuple[Path, Path] | None = None) -> Path:
    """With `tls` (certificate, key): https and HTTP/2 with brotli, as tisheng-https.conf serves them."""
    workdir.mkdir(parents=True, exist_ok=True)
    conf = workdir / "nginx.conf"
    listen, https = f"{host}:{port}", ""
    if tls:
        listen = f"{host}:{port} ssl http2"
        https = "\n        ".join([*(line for line in _https_lines() if not line.startswith(("listen", "include"))),
                                  f"include {SITE_BROTLI};"])
        https = https.replace("/etc/ssl/certs/tisheng.crt", str(tls[0])).replace("/etc/ssl/private/tisheng.key",
                                                                                  str(tls[1]))
    conf.write_text(
        f"""{f"load_module {BROTLI_MODULE};" if tls else ""}
daemon off;
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    {_log_format()}
    access_log {workdir}/access.log tisheng_path;
    client_body_temp_path {workdir}/client_body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    sendfile on;
    server {{
        listen {listen};
        server_name localhost;
        root {site};
        {extra}
        include {SITE_RULES};
        {https}
    }}
}}
""",
        encoding="utf-8",
    )
    return conf


def _https_lines() -> list[str]:
    """The directives of the shipped https example's server block (tisheng-https.conf), one a line."""
    blocks = SITE_HTTPS.read_text(encoding="utf-8").split("\nserver {")[1:]
    body = next(block for block in blocks if "listen 443 ssl" in block).rsplit("}", 1)[0]
    return [line.strip() for line in body.splitlines() if line.strip() and not line.strip().startswith("#")
            and not line.strip().startswith(("server_name", "root", "access_log"))]


def self_signed(workdir: Path) -> tuple[Path, Path, str]:
    """A certificate for 127.0.0.1 made with openssl: (certificate, key, its public key's SHA-256 in base64, which
    Chromium's --ignore-certificate-errors-spki-list takes as trusted, HTTP cache included)."""
    workdir.mkdir(parents=True, exist_ok=True)
    cert, key = workdir / "cert.pem", workdir / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "30", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    der = subprocess.run(["openssl", "x509", "-in", str(cert), "-pubkey", "-noout"], check=True, capture_output=True)
    der = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "der"], input=der.stdout, check=True,
                         capture_output=True)
    return cert, key, base64.b64encode(hashlib.sha256(der.stdout).digest()).decode()


def https_ready() -> str | None:
    """Why this machine cannot serve the site over https with brotli, or None when it can."""
    if nginx_binary() is None:
        return "nginx is not installed"
    if not BROTLI_MODULE.exists():
        return "nginx's brotli module is not installed (apt-get install libnginx-mod-http-brotli-static)"
    if shutil.which("openssl") is None:
        return "openssl is not installed"
    return None


def _log_format() -> str:
    """The shipped example's log format (tisheng.conf: paths without their query), for the same log here."""
    text = SITE_EXAMPLE.read_text(encoding="utf-8").split("\nserver {", 1)[0]
    return "\n    ".join(line for line in text.splitlines() if line.strip() and not line.startswith("#"))


def wait_for_port(host: str, port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex((host, port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"服务器没有在 {timeout:g} 秒内监听 {host}:{port}")


def start_nginx(site: Path, host: str, port: int, workdir: Path, extra: str = "",
                tls: tuple[Path, Path] | None = None) -> subprocess.Popen[bytes]:
    binary = nginx_binary()
    if binary is None:
        raise FileNotFoundError("没有找到 nginx：请运行 sudo apt-get install nginx")
    conf = write_nginx_conf(workdir, site, host, port, extra, tls)
    proc = subprocess.Popen([binary, "-c", str(conf), "-e", str(workdir / "error.log")])
    try:
        wait_for_port(host, port)
    except TimeoutError:
        proc.terminate()
        raise RuntimeError((workdir / "error.log").read_text(errors="replace")[-2000:]) from None
    return proc


def security_headers() -> list[tuple[str, str]]:
    """The headers tisheng-site.conf adds to every response (its `add_header` lines outside any location, a value
    given directly or as a variable `set` above them): the fallback server sends the same, so a site served without
    nginx keeps the same promises."""
    head = SITE_RULES.read_text(encoding="utf-8").split("\nlocation", 1)[0]
    values = {m[1]: m[2] for m in re.finditer(r'^set\s+(\$\w+)\s+"([^"]*)";', head, re.M)}
    return [(m[1], values[m[2]] if m[2].startswith("$") else m[2].strip('"'))
            for m in re.finditer(r'^add_header\s+(\S+)\s+("[^"]*"|\$\w+)\s+always;', head, re.M)]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """The fallback server: nginx's MIME types, cache and security headers and Chinese error pages, no gzip.
    `bare` sends none of the added headers, as a plain static server (IIS, Apache, http.server) would; `log` gets a
    line per request (request line, Referer, User-Agent), as nginx's access log does."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript"}
    bare = False
    log: Any = None
    ERROR_PAGES = {404: "404.html", 414: "errors/414.html", 400: "errors/400.html"}

    def end_headers(self) -> None:
        if not self.bare:
            immutable = "/assets/pyodide/" in self.path or "/assets/tisheng/" in self.path
            self.send_header("Cache-Control", "public, max-age=31536000, immutable" if immutable else "no-cache")
            for name, value in security_headers():
                self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / self.ERROR_PAGES.get(code, "errors/50x.html" if code >= 500 else "errors/400.html")
        if self.bare or not page.is_file() or self.command == "HEAD":
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        if self.log is None:
            return super().log_message(format, *args)
        with open(self.log, "a", encoding="utf-8") as fh:
            fh.write(f'{self.address_string()} "{getattr(self, "requestline", "")}" {args[1] if len(args) > 1 else "-"} '
                     f'"{self.headers.get("Referer", "-") if self.headers else "-"}" '
                     f'"{self.headers.get("User-Agent", "-") if self.headers else "-"}"\n')


def start_python(site: Path, host: str, port: int, *, bare: bool = False,
                 log: Path | None = None) -> http.server.ThreadingHTTPServer:
    """Python's own server in a thread (the fallback, or with `bare` a server that adds no headers at all)."""
    handler = type("Handler", (_Handler,), {"bare": bare, "log": log})
    server = http.server.ThreadingHTTPServer((host, port), partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description="在本机提供已构建的站点")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    if not (SITE / "index.html").exists():
        print("site/ 还没有构建：请运行 make build", file=sys.stderr)
        return 2
    url = f"http://{args.host}:{args.port}/"
    if nginx_binary():
        proc = start_nginx(SITE, args.host, args.port, ROOT / "build" / "nginx")
        print(f"nginx 已在 {url} 提供站点（按 Ctrl+C 停止）")
        try:
            return proc.wait()
        except KeyboardInterrupt:
            proc.terminate()
            return 0
    print("未安装 nginx，改用 Python 内置服务器（无 gzip）。生产环境请用 nginx，见“部署到校内服务器”。")
    server = http.server.ThreadingHTTPServer((args.host, args.port), partial(_Handler, directory=str(SITE)))
    print(f"站点地址：{url}（按 Ctrl+C 停止）")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
