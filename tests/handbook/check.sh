#!/usr/bin/env bash
# The BiH handbook, read as a person would: built by `putokaz doc`, built again to show
# the same bytes come out, built once more as a municipality reviewing a local threshold,
# then every page opened in headless Chromium at a phone's width (check.py). Installs
# Debian's chromium and chromium-driver when missing (about 80 MB to fetch), and Selenium
# in a virtual environment of its own. Screenshots go to
# ${PUTOKAZ_BUILD_DIR:-target}/handbook/screenshots.
#
# PUTOKAZ_HANDBOOK_BROWSER=no is for a machine that cannot install Chromium: nothing is
# installed, and check.py reads the same pages from their HTML (links, anchors, lang, text
# alternatives) but cannot measure a page against a phone's width; the run says so.
#
# Usage: tests/handbook/check.sh [PUTOKAZ_BINARY]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-target/debug/putokaz}
out=${PUTOKAZ_BUILD_DIR:-target}/handbook
started=$SECONDS

rm -rf "$out/site" "$out/again" "$out/review" "$out/broken"
"$bin" doc core/protocols/bih --out "$out/site"
"$bin" doc core/protocols/bih --out "$out/again" >/dev/null
diff -r "$out/site" "$out/again" >/dev/null || { echo "two builds of one pack differ"; exit 1; }
grep -q 'class="ok"' "$out/site/en/checks.html" || { echo "the pack's tests or laws do not pass in the handbook"; exit 1; }

# A municipality trying its own absence threshold against the shipped pack: the local
# value is on every page, and "what changed" names the parameter and the cases it moves.
"$bin" doc core/protocols/bih --set absence_threshold=50 --since core/protocols/bih --lang en --out "$out/review" >/dev/null
grep -q 'class="local"' "$out/review/en/index.html" || { echo "the review build does not say it shows a local value"; exit 1; }
grep -q 'absence_threshold</code></a></th><td>75</td><td>50</td>' "$out/review/en/changes.html" \
  || { echo "what changed does not show the threshold going from 75 to 50"; exit 1; }

browser=${PUTOKAZ_HANDBOOK_BROWSER:-yes}
case $browser in
yes | no) ;;
*) echo "PUTOKAZ_HANDBOOK_BROWSER is yes or no"; exit 2 ;;
esac
install_started=$SECONDS
if [ "$browser" = yes ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "chromium and chromium-driver are missing and installing them needs root;"
      echo "install them, or set PUTOKAZ_HANDBOOK_BROWSER=no to read the pages without a browser"
      exit 1
    fi
    echo "installing chromium and chromium-driver from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  if [ ! -x "$out/venv/bin/python" ]; then
    python3 -m venv "$out/venv"
  fi
  "$out/venv/bin/pip" install -q --disable-pip-version-check -r tests/handbook/requirements.txt
  python=$out/venv/bin/python
  reader="headless chromium at a phone's width; screenshots in $out/screenshots"
  read_with=()
  faults=("needs horizontal scrolling")
else
  echo "PUTOKAZ_HANDBOOK_BROWSER=no: pages read from their HTML; widths on a phone NOT checked, no screenshots"
  python=python3
  reader="the html parser, widths NOT checked"
  read_with=(--no-browser)
  faults=()
fi
installed=$((SECONDS - install_started))

# The checker first shows that it finds each fault, on a small site made to have them.
bash tests/handbook/broken.sh "$out/broken"
if "$python" tests/handbook/check.py "${read_with[@]}" "$out/broken" >"$out/broken.txt"; then
  echo "check.py passed a site with faults"; exit 1
fi
for fault in "no lang attribute" "broken link missing.html" "missing anchor b.html#nowhere" \
  "image without alt" "SVG without a text alternative" "${faults[@]}"; do
  grep -q "$fault" "$out/broken.txt" || { echo "check.py missed: $fault"; cat "$out/broken.txt"; exit 1; }
done

"$python" tests/handbook/check.py "${read_with[@]}" "$out/site" "$out/screenshots"
# The review's own pages (what changed, with a local value) are read the same way.
"$python" tests/handbook/check.py "${read_with[@]}" "$out/review"
echo "handbook: $((SECONDS - started)) s in all, of which $installed s installing; pages read in $reader"
