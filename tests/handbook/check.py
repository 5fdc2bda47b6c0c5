"""Reads a built handbook as a person would: every page opened in headless Chromium at a
phone's width. Fails on a broken internal link (a missing file or anchor), a page without
a `lang` attribute (or with the wrong one), an image or SVG without a text alternative,
or a page whose text needs horizontal scrolling; saves screenshots of the index, one flow
diagram and one municipality page.

With --no-browser the same pages are read from their HTML instead (Python's own parser):
every check but the phone's width, and no screenshots. That is for a machine that cannot
install Chromium; the test command uses the browser unless told otherwise.

Usage: check.py [--no-browser] SITE_DIR [SCREENSHOT_DIR]
"""

import json
import os
import sys
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

PHONE = (375, 812)
DESKTOP = (1280, 900)
LANGUAGES = {"bs", "hr", "sr-Latn", "sr-Cyrl", "en"}
SVG = "{http://www.w3.org/2000/svg}"

# What the page says about itself, read from the rendered DOM.
PROBE = """
const root = document.documentElement;
const alt = (el) => {
  const label = el.getAttribute('aria-label') || '';
  const ids = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
  const labelled = ids.some((id) => { const t = document.getElementById(id); return t && t.textContent.trim(); });
  const title = el.querySelector(':scope > title');
  return label.trim() !== '' || labelled || (title !== null && title.textContent.trim() !== '');
};
return {
  lang: root.getAttribute('lang') || '',
  scrollWidth: root.scrollWidth,
  clientWidth: root.clientWidth,
  links: Array.from(document.querySelectorAll('a[href], link[href]')).map((a) => a.getAttribute('href')),
  ids: Array.from(document.querySelectorAll('[id]')).map((e) => e.id),
  imagesWithoutAlt: Array.from(document.images).filter((i) => !i.hasAttribute('alt')).map((i) => i.getAttribute('src')),
  svgsWithoutText: Array.from(document.querySelectorAll('svg')).filter((s) => !alt(s)).length,
  // What sticks out, looked for only on a page that scrolls sideways (it walks every element).
  wide: root.scrollWidth <= root.clientWidth + 1 ? [] : Array.from(document.querySelectorAll('body *'))
    .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1 || e.scrollWidth > e.clientWidth + 1)
    .slice(0, 3).map((e) => e.tagName + (e.id ? '#' + e.id : '') + ' ' + (e.textContent || '').trim().slice(0, 40)),
};
"""


def driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"):
        options.add_argument(arg)
    options.add_argument(f"--window-size={PHONE[0]},{PHONE[1]}")
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def target_of(page: Path, href: str, site: Path):
    """The file and anchor an internal link points to, or None for an external one."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
    return path, parts.fragment


def check_svg_file(path: Path, problems: list):
    root = ET.parse(path).getroot()
    title = root.find(f"{SVG}title")
    if not (root.get("aria-label") or (title is not None and (title.text or "").strip())):
        problems.append(f"{path}: SVG without a title or aria-label")


def browse(pages):
    """What each page says about itself, read in a browser of its own at a phone's width."""
    browser = driver()
    try:
        browser.set_window_size(*PHONE)
        out = {}
        for page in pages:
            browser.get(page.as_uri())
            out[page.resolve()] = browser.execute_script(PROBE)
        return out
    finally:
        browser.quit()


def screenshots(browser, site: Path, shots: Path):
    """The English index and a municipality at a phone's width, the flow diagram on its
    own at the size it is drawn."""
    shots.mkdir(parents=True, exist_ok=True)
    browser.get((site / "en" / "index.html").as_uri())
    browser.save_screenshot(str(shots / "index.png"))
    municipality = sorted((site / "en" / "municipalities").glob("*.html"))
    jajce = site / "en" / "municipalities" / "jajce.html"
    browser.get((jajce if jajce.exists() else municipality[0]).as_uri())
    browser.save_screenshot(str(shots / "municipality.png"))
    # The diagram on its own, in a window as large as the drawing.
    browser.get((site / "en" / "flow-presumed_victim.svg").as_uri())
    width, height = browser.execute_script(
        "const b = document.documentElement.getBBox(); return [Math.ceil(b.width), Math.ceil(b.height)];"
    )
    # A window's height includes what headless Chromium keeps for itself.
    browser.set_window_size(min(width, 2400) + 16, min(height, 4000) + 200)
    browser.get((site / "en" / "flow-presumed_victim.svg").as_uri())
    browser.save_screenshot(str(shots / "flow.png"))



# Elements that never have an end tag, so never hold text.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Reader(HTMLParser):
    """What a page says about itself, read from its HTML: the same facts as PROBE but the
    widths, which only a browser knows."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.links, self.ids, self.images_without_alt = [], [], []
        self.svgs = []  # per <svg>: [aria-label, aria-labelledby ids, has a titled child]
        self.texts = {}  # text of each element with an id
        self.open = []  # (tag, id, index of its svg or None, is a direct <title> of an svg)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        if tag in ("a", "link") and a.get("href") is not None:
            self.links.append(a["href"])
        if a.get("id"):
            self.ids.append(a["id"])
            self.texts.setdefault(a["id"], "")
        if tag == "img" and "alt" not in a:
            self.images_without_alt.append(a.get("src"))
        svg = None
        if tag == "svg":
            self.svgs.append([(a.get("aria-label") or "").strip(), (a.get("aria-labelledby") or "").split(), False])
            svg = len(self.svgs) - 1
        titled = tag == "title" and bool(self.open) and self.open[-1][0] == "svg"
        if tag not in VOID:
            self.open.append((tag, a.get("id"), svg if svg is not None else (self.open[-1][2] if self.open else None), titled))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                return

    def handle_data(self, data):
        for _, id_, _, _ in self.open:
            if id_:
                self.texts[id_] += data
        if self.open and self.open[-1][3] and data.strip():
            self.svgs[self.open[-2][2]][2] = True

    def info(self):
        def has_text(svg):
            label, ids, titled = svg
            return bool(label) or titled or any(self.texts.get(i, "").strip() for i in ids)

        return {
            "lang": self.lang,
            "links": self.links,
            "ids": self.ids,
            "imagesWithoutAlt": self.images_without_alt,
            "svgsWithoutText": sum(1 for svg in self.svgs if not has_text(svg)),
        }


def read_html(page: Path):
    reader = Reader()
    reader.feed(page.read_text(encoding="utf-8"))
    reader.close()
    return reader.info()


def page_problems(rel: Path, info: dict):
    problems = []
    expected = rel.parts[0] if len(rel.parts) > 1 else None
    if not info["lang"]:
        problems.append(f"{rel}: no lang attribute")
    elif expected in LANGUAGES and info["lang"] != expected:
        problems.append(f"{rel}: lang is {info['lang']}, not {expected}")
    if "scrollWidth" in info and info["scrollWidth"] > info["clientWidth"] + 1:
        problems.append(
            f"{rel}: needs horizontal scrolling at {PHONE[0]} px "
            f"({info['scrollWidth']} > {info['clientWidth']}; {info['wide']})"
        )
    for src in info["imagesWithoutAlt"]:
        problems.append(f"{rel}: image without alt: {src}")
    if info["svgsWithoutText"]:
        problems.append(f"{rel}: {info['svgsWithoutText']} SVG without a text alternative")
    return problems


def main():
    args = sys.argv[1:]
    use_browser = "--no-browser" not in args
    args = [a for a in args if a != "--no-browser"]
    site = Path(args[0]).resolve()
    shots = Path(args[1]) if len(args) > 1 and use_browser else None
    pages = sorted(site.rglob("*.html"))
    problems: list = []
    seen = {}
    started = time.monotonic()
    if use_browser:
        # One browser per core (at most two): the pages are independent, and each
        # browser spends most of its time loading and laying out.
        workers = max(1, min(2, os.cpu_count() or 1, len(pages)))
        with ThreadPoolExecutor(workers) as pool:
            for part in pool.map(browse, [pages[i::workers] for i in range(workers)]):
                seen.update(part)
        if shots is not None:
            browser = driver()
            try:
                screenshots(browser, site, shots)
            finally:
                browser.quit()
    else:
        for page in pages:
            seen[page.resolve()] = read_html(page)
    read = time.monotonic() - started
    seen = dict(sorted(seen.items()))
    for page, info in seen.items():
        problems.extend(page_problems(page.relative_to(site), info))

    for svg in sorted(site.rglob("*.svg")):
        check_svg_file(svg, problems)
    links = 0
    for page, info in seen.items():
        for href in info["links"]:
            target = target_of(page, href, site)
            if target is None:
                continue
            links += 1
            path, fragment = target
            if not path.exists():
                problems.append(f"{page.relative_to(site)}: broken link {href}")
            elif fragment and path.suffix == ".html" and fragment not in seen.get(path, {}).get("ids", []):
                problems.append(f"{page.relative_to(site)}: link to a missing anchor {href}")

    summary = {
        "pages": len(pages),
        "internal_links": links,
        "read_in": "chromium" if use_browser else "html parser (width on a phone not checked)",
        "seconds_reading": round(read, 1),
        "problems": len(problems),
    }
    print(json.dumps(summary))
    for p in problems[:50]:
        print("  " + p)
    if len(problems) > 50:
        print(f"  … and {len(problems) - 50} more")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
