#!/usr/bin/env bash
# Tools from Debian: Chromium (browser tests), poppler-utils (pdffonts, pdftoppm) and a
# Japanese font (some source titles are Japanese).
# Installs them when missing and we are root; otherwise says how, and the tests that need them skip.
set -euo pipefail
# Usage: ensure-tools.sh book   (what the PDF needs)   |   ensure-tools.sh test   (everything)
missing=()
if [[ ${1:-test} == test ]]; then
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  command -v pdffonts >/dev/null 2>&1 || missing+=(poppler-utils)
fi
# Japanese glyphs in some source titles (Japanese ministry pages); the PDF refuses missing glyphs.
fc-list 2>/dev/null | grep -qi "IPAGothic" || missing+=(fonts-ipafont-gothic)
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
