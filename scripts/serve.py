"""Serve the built site the way production does: nginx with scripts/deploy/nginx/tisheng-site.conf.

Used by `make serve`, the browser tests and the benchmark. Falls back to Python's http.server (same MIME types
and cache headers, no gzip) only when nginx is not installed, and says so.
"""

from __future__ import annotations

import argparse
import http.server
import shutil
import socket
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
SITE_RULES = ROOT / "scripts" / "deploy" / "nginx" / "tisheng-site.conf"
MIME_TYPES = Path("/etc/nginx/mime.types")


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def write_nginx_conf(workdir: Path, site: Path, host: str, port: int, extra: str = "") -> Path:
    workdir.mkdir(parents=True, exist_ok=True)
    conf = workdir / "nginx.conf"
    conf.write_text(
        f"""daemon off;
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log {workdir}/access.log;
    client_body_temp_path {workdir}/client_body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    sendfile on;
    server {{
        listen {host}:{port};
        server_name localhost;
        root {site};
        {extra}
        include {SITE_RULES};
    }}
}}
""",
        encoding="utf-8",
    )
    return conf


def wait_for_port(host: str, port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex((host, port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"服务器没有在 {timeout:g} 秒内监听 {host}:{port}")


def start_nginx(site: Path, host: str, port: int, workdir: Path, extra: str = "") -> subprocess.Popen[bytes]:
    binary = nginx_binary()
    if binary is None:
        raise FileNotFoundError("没有找到 nginx：请运行 sudo apt-get install nginx")
    conf = write_nginx_conf(workdir, site, host, port, extra)
    proc = subprocess.Popen([binary, "-c", str(conf), "-e", str(workdir / "error.log")])
    try:
        wait_for_port(host, port)
    except TimeoutError:
        proc.terminate()
        raise RuntimeError((workdir / "error.log").read_text(errors="replace")[-2000:]) from None
    return proc


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript"}

    def end_headers(self) -> None:
        immutable = "/assets/pyodide/" in self.path or "/assets/tisheng/" in self.path
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if immutable else "no-cache")
        super().end_headers()


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
