#!/usr/bin/env bash
# Writes a small site with one of each fault check.py must find, into DIR: a page with
# no lang, a broken link, a link to a missing anchor, an image and an SVG without a
# text alternative, and a line too wide for a phone.
set -euo pipefail
dir=$1
rm -rf "$dir"
mkdir -p "$dir/en"
head='<!DOCTYPE html><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
printf '%s<html><body><p><a href="en/a.html">a</a></p></body></html>\n' "$head" >"$dir/index.html"
printf '%s<html lang="en"><body><a href="missing.html">gone</a> <a href="b.html#nowhere">anchor</a></body></html>\n' "$head" >"$dir/en/a.html"
printf '%s<html lang="en"><body><img src="x.png"><svg width="10" height="10"></svg><pre>%s</pre></body></html>\n' \
  "$head" "$(printf 'w%.0s' {1..200})" >"$dir/en/b.html"
