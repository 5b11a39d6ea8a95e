#!/usr/bin/env bash
# Installs the Debian packages the product needs outside Python, only those that are missing.
# As root it installs them; otherwise it stops and prints the exact command to run.
#   scripts/system-deps.sh run    Python venv support, a Korean font, pango for WeasyPrint
#   scripts/system-deps.sh test   the above, plus Chromium for the browser tests, poppler-utils, and npm
set -euo pipefail
what=${1:-run}
need=()

python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "Python 3.11 or newer is needed as python3 (found $(python3 --version 2>&1))." >&2; exit 1; }
python3 -c 'import ensurepip, venv' 2>/dev/null || need+=(python3-venv)
command -v fc-list >/dev/null || need+=(fontconfig)
if ! command -v fc-list >/dev/null || [ -z "$(fc-list :lang=ko family 2>/dev/null)" ]; then need+=(fonts-nanum); fi
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so.0' || need+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || need+=(libpangoft2-1.0-0)
if [ "$what" = test ]; then
  [ -x /usr/bin/chromium ] || need+=(chromium)
  command -v pdffonts >/dev/null && command -v pdftoppm >/dev/null || need+=(poppler-utils)
  command -v npm >/dev/null || need+=(npm)  # installs axe-core for the accessibility checks
fi

[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fc-cache -f >/dev/null 2>&1 || true
else
  echo "These Debian packages are missing. Install them, then run make again:" >&2
  echo "  sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
