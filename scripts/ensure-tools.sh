#!/usr/bin/env bash
# Tools the tests use from Debian: Chromium (browser tests) and poppler-utils (pdffonts, pdftoppm).
# Installs them when missing and we are root; otherwise says how, and the tests that need them skip.
set -euo pipefail
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v pdffonts >/dev/null 2>&1 || missing+=(poppler-utils)
[[ ${#missing[@]} -eq 0 ]] && exit 0
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "[tools] installing ${missing[*]} with apt-get ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  echo "[tools] installed ${missing[*]}"
else
  echo "[tools] missing: ${missing[*]}. Tests that need them will SKIP."
  echo "[tools] to enable them: sudo apt-get install ${missing[*]}"
fi
