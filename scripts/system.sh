#!/usr/bin/env bash
# What this machine needs from Debian/Ubuntu for a step, installed when missing: `make setup`, `make serve`, `make test`
# and CI (.ci/run) all come through here, so a new machine needs only the README's two commands.
#
#   scripts/system.sh build   Node.js and npm (the engine's snapshot and Pyodide come from npm), python3-venv
#   scripts/system.sh serve   the above, and nginx (without it `make serve` falls back to Python's server)
#   scripts/system.sh test    the above, Debian's chromium, a Chinese font and faketime (the suite runs once more
#                             with the clock moved, so an answer that depends on the day fails the day it is written),
#                             and nginx's brotli module and openssl (the site is also tested over https)
#
# As root it installs what is missing with apt-get; otherwise it prints the one command to run and, where the step
# cannot go on without it, exits 1.
set -euo pipefail
step="${1:-build}"

missing=()
need() { missing+=("$@"); }
have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; }

have npm || need nodejs npm
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || need python3-venv
case "$step" in
  serve|test) have nginx || need nginx ;;
esac
if [ "$step" = test ]; then
  have chromium || need chromium
  have faketime || need faketime
  have openssl || need openssl
  [ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || need libnginx-mod-http-brotli-static
  # Without a Chinese font every screenshot and printed PDF shows empty boxes (tests/e2e/test_fonts.py fails then).
  # fonts-wqy-microhei (1.6 MB) covers every character the site shows; fonts-noto-cjk would be 57 MB.
  if ! have fc-list || [ -z "$(fc-list :lang=zh family 2>/dev/null)" ]; then need fonts-wqy-microhei; fi
fi

[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && have apt-get; then
  echo "正在安装缺少的软件：${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "这台电脑还缺少：${missing[*]}。请先运行：" >&2
echo "    sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
if [ "$step" = serve ] && [ "${missing[*]}" = nginx ]; then
  exit 0  # serve goes on with Python's own server, and says so
fi
exit 1
