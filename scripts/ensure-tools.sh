#!/usr/bin/env bash
# System packages from Debian that a fresh machine lacks.
#   book: what the PDF needs: libharfbuzz-subset0 (WeasyPrint subsets fonts with it) and a
#         Japanese font (some source titles are Japanese; the PDF refuses missing glyphs).
#   test: the above, plus Chromium (browser tests), poppler-utils (pdfinfo, pdftoppm) and,
#         from the npm registry, the current axe-core (accessibility test).
# Installs them when missing and we are root; otherwise says how, and the tests that need them skip.
set -euo pipefail
missing=()
have_lib() { [[ -n $(ldconfig -p | awk -v lib="$1" '$1 == lib {print $1}') ]]; }
have_lib libharfbuzz-subset.so.0 || missing+=(libharfbuzz-subset0)
# No pipe into `grep -q` here: under pipefail an early grep exit kills fc-list with SIGPIPE and
# the font would be reported missing at random.
fonts=$(fc-list : family 2>/dev/null || true)
[[ $fonts == *IPAGothic* ]] || missing+=(fonts-ipafont-gothic)
if [[ ${1:-test} == test ]]; then
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
fi
# Current axe-core for the accessibility test, pinned in tests/axe/package-lock.json (npm registry).
if [[ ${1:-test} == test && ! -f tests/axe/node_modules/axe-core/axe.min.js ]]; then
  if command -v npm >/dev/null 2>&1; then
    echo "[tools] installing axe-core (npm ci in tests/axe) ..."
    npm ci --prefix tests/axe --no-audit --no-fund --loglevel=error >/dev/null
  else
    echo "[tools] npm is missing: the accessibility test will SKIP (Debian: apt-get install npm)"
  fi
fi
[[ ${#missing[@]} -eq 0 ]] && exit 0
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "[tools] installing ${missing[*]} with apt-get ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  echo "[tools] installed ${missing[*]}"
else
  echo "[tools] missing: ${missing[*]}."
  echo "[tools] to install them: sudo apt-get install ${missing[*]}"
  echo "[tools] tests that need them will SKIP."
fi
