#!/usr/bin/env python3
"""Serbian Latin -> Serbian Cyrillic, for the `sr-Latn` and `sr-Cyrl` labels of the packs.

Usage:
    python3 core/protocols/tools/translit.py TEXT...         print TEXT in Cyrillic
    python3 core/protocols/tools/translit.py < FILE          the same, line by line
    python3 core/protocols/tools/translit.py --check PATH... exit 1 if any sr-Cyrl label
                                                             is not the transliteration
                                                             of its sr-Latn label
    python3 core/protocols/tools/translit.py --write PATH... set every sr-Cyrl label of a
                                                             one-line inline table from
                                                             its sr-Latn label

PATH is a .toml file or a folder searched for .toml files. The Cyrillic labels are never
written by hand: they are produced from the Latin ones, so the two cannot disagree.
Standard library only.
"""

import argparse
import json
import os
import re
import sys
import unicodedata

LETTERS = {
    "a": "а", "b": "б", "c": "ц", "č": "ч", "ć": "ћ", "d": "д", "đ": "ђ", "e": "е",
    "f": "ф", "g": "г", "h": "х", "i": "и", "j": "ј", "k": "к", "l": "л", "m": "м",
    "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "š": "ш", "t": "т", "u": "у",
    "v": "в", "z": "з", "ž": "ж",
    "ǉ": "љ", "ǌ": "њ", "ǆ": "џ",  # the single-character digraphs of Unicode
}
DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ"}

# Words in which the letters of a digraph belong to two parts of the word and stay two
# Cyrillic letters (Pravopis: injekcija -> инјекција, nadživjeti -> надживјети). A stem
# is matched at the start of a word, case-insensitively; the digraph it holds is split.
SPLIT_STEMS = (
    "injekc", "konjug", "konjunk", "vanjezi", "tanjug",
    "nadživ", "nadžnj", "nadžup", "podžanr", "podžup",
)

WORD = re.compile(r"[^\W\d_]+")


def _split_positions(text):
    """Indexes i where text[i:i+2] looks like a digraph but is two letters."""
    out = set()
    for m in WORD.finditer(text):
        low = m.group(0).lower()
        for stem in SPLIT_STEMS:
            if low.startswith(stem):
                for dg in DIGRAPHS:
                    k = stem.find(dg)
                    if k >= 0:
                        out.add(m.start() + k)
    return out


def _upper(ch):
    return ch != ch.lower()  # also true for title-case Lj, Nj, Dž (U+01C8, U+01CB, U+01C5)


def to_cyrillic(text):
    """The Serbian Cyrillic spelling of Serbian Latin `text`. Characters that are not
    Serbian Latin letters (digits, punctuation, q, w, x, y) are kept as they are."""
    text = unicodedata.normalize("NFC", text)
    split = _split_positions(text)
    out = []
    i = 0
    while i < len(text):
        pair = text[i:i + 2]
        if len(pair) == 2 and pair.lower() in DIGRAPHS and i not in split:
            cyr = DIGRAPHS[pair.lower()]
            out.append(cyr.upper() if _upper(pair[0]) else cyr)
            i += 2
            continue
        ch = text[i]
        cyr = LETTERS.get(ch.lower())
        if cyr is None:
            out.append(ch)
        else:
            out.append(cyr.upper() if _upper(ch) else cyr)
        i += 1
    return "".join(out)


# --- pack files ---------------------------------------------------------------

STRING = r'"((?:[^"\\]|\\.)*)"'
LATN = re.compile(r'"sr-Latn"\s*=\s*' + STRING)
CYRL_AFTER = re.compile(r'(\s*,\s*"sr-Cyrl"\s*=\s*' + STRING + ")?")


def _toml_decode(s):
    return json.loads('"' + s + '"')


def _toml_encode(s):
    return s.replace("\\", "\\\\").replace('"', '\\"')


def toml_files(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    if f.endswith(".toml"):
                        yield os.path.join(root, f)
        else:
            yield p


def _pairs(node, where):
    """(where, latin, cyrillic) for every table holding an sr-Latn or sr-Cyrl key."""
    if isinstance(node, dict):
        if "sr-Latn" in node or "sr-Cyrl" in node:
            yield where, node.get("sr-Latn"), node.get("sr-Cyrl")
        for k, v in node.items():
            yield from _pairs(v, "%s.%s" % (where, k) if where else k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _pairs(v, "%s[%d]" % (where, i))


def _line_pairs(text):
    """Fallback without tomllib: one-line inline tables only."""
    for n, line in enumerate(text.splitlines(), 1):
        for m in LATN.finditer(line):
            c = CYRL_AFTER.match(line, m.end())
            yield "line %d" % n, _toml_decode(m.group(1)), (
                _toml_decode(c.group(2)) if c.group(1) else None)


def check(paths):
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        tomllib = None
    bad = checked = 0
    for path in toml_files(paths):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        pairs = _pairs(tomllib.loads(text), "") if tomllib else _line_pairs(text)
        for where, latin, cyrillic in pairs:
            if latin is None:
                print("%s: %s: sr-Cyrl label without an sr-Latn label (not checked)" % (path, where))
                continue
            if cyrillic is None:
                continue  # a missing label is reported by `putokaz check`
            checked += 1
            want = to_cyrillic(latin)
            if cyrillic != want:
                bad += 1
                print("%s: %s: sr-Cyrl %r is not the transliteration of sr-Latn %r (expected %r)"
                      % (path, where, cyrillic, latin, want))
    print("translit: %d sr-Cyrl label(s) checked, %d wrong" % (checked, bad), file=sys.stderr)
    return 1 if bad else 0


def write(paths):
    changed = 0
    for path in toml_files(paths):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        lines = text.split("\n")
        for n, line in enumerate(lines):
            pieces, pos = [], 0
            for m in LATN.finditer(line):
                c = CYRL_AFTER.match(line, m.end())
                cyr = _toml_encode(to_cyrillic(_toml_decode(m.group(1))))
                pieces.append(line[pos:m.end()])
                pieces.append(', "sr-Cyrl" = "%s"' % cyr)
                pos = c.end()
            if pieces:
                pieces.append(line[pos:])
                lines[n] = "".join(pieces)
        new = "\n".join(lines)
        if new != text:
            changed += 1
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(new)
            print("translit: wrote %s" % path, file=sys.stderr)
    print("translit: %d file(s) changed" % changed, file=sys.stderr)
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="check the sr-Cyrl labels of PATHs")
    mode.add_argument("--write", action="store_true", help="rewrite the sr-Cyrl labels of PATHs")
    ap.add_argument("args", nargs="*", metavar="TEXT|PATH")
    a = ap.parse_args(argv)
    if a.check or a.write:
        if not a.args:
            ap.error("name at least one .toml file or folder")
        missing = [p for p in a.args if not os.path.exists(p)]
        if missing:
            ap.error("no such file or folder: %s" % ", ".join(missing))
        return check(a.args) if a.check else write(a.args)
    if a.args:
        print(to_cyrillic(" ".join(a.args)))
    else:
        for line in sys.stdin:
            sys.stdout.write(to_cyrillic(line))
    return 0


if __name__ == "__main__":
    sys.exit(main())
