#!/usr/bin/env bash
# Installs what the build and the tests need, only when it is missing:
# npm packages (npm ci) and Debian's Chromium, epubcheck and poppler-utils.
# Never downloads a browser: .puppeteerrc.cjs turns puppeteer's download off.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "udgiv: installerer npm-pakker (npm ci) ..."
  npm ci --no-audit --no-fund --loglevel=error
fi

missing=()
[ -x "${CHROME_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
[ -f /usr/share/java/epubcheck.jar ] || missing+=(epubcheck)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)

if [ ${#missing[@]} -gt 0 ]; then
  # As root (a Debian container) apt-get runs directly; as a user with password-less sudo
  # (a GitHub-hosted runner) through sudo.
  as_root=()
  if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n env DEBIAN_FRONTEND=noninteractive)
  fi
  if { [ "$(id -u)" = "0" ] || [ ${#as_root[@]} -gt 0 ]; } && command -v apt-get >/dev/null 2>&1; then
    echo "udgiv: installerer Debian-pakker: ${missing[*]} (tager et par minutter første gang) ..."
    export DEBIAN_FRONTEND=noninteractive
    "${as_root[@]}" apt-get update -qq
    "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "udgiv: mangler systempakker: ${missing[*]}" >&2
    echo "Installér dem som administrator:  sudo apt-get install -y ${missing[*]}" >&2
    echo "(eller sæt CHROME_PATH til en eksisterende Chromium)" >&2
    exit 1
  fi
fi
