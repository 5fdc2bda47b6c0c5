#!/usr/bin/env python3
"""Turns the conformance vectors and the malformed-input catalogue into line-based
fixtures that the C tests read without a JSON library.

    python3 tests/c/make_fixtures.py OUT_DIR

writes OUT_DIR/vectors.txt and OUT_DIR/malformed.txt (run.sh passes target/c-tests/fixtures
and tells the tests where through PUTOKAZ_C_FIXTURES). Standard library only.

Format: one record per line, tokens separated by single spaces. A text token is "x"
followed by the hex of its UTF-8 bytes ("x" alone is the empty text) or "-" for absent;
numbers and keywords are written as they are. Nothing is dropped silently: a part of a
vector that the typed API cannot express becomes an `untyped PATH WHY` line, which the C
test reports.
"""
import json
import os
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
U32 = 2**32 - 1
U64 = 2**64 - 1


def t(value):
    """A text token."""
    if value is None:
        return "-"
    data = value if isinstance(value, bytes) else value.encode("utf-8")
    if b"\x00" in data:
        raise SystemExit("a text holds a NUL byte, which a C string cannot carry: " + repr(data[:60]))
    return "x" + data.hex()


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


class Vector:
    """The typed-API steps for one case, and what they cannot express."""

    def __init__(self, case):
        self.case = case
        self.steps = []
        self.untyped = []  # (json path, why, container, key)
        self.observations = 0  # observations added so far by the typed steps

    def miss(self, path, why, container, key):
        self.untyped.append((path, why, container, key))

    def text_field(self, obj, key, path, setter):
        if key not in obj or obj[key] is None:
            return
        if isinstance(obj[key], str):
            self.steps.append(f"{setter} {t(obj[key])}")
        else:
            self.miss(path, "not a text", obj, key)

    def build(self):
        c = self.case
        if not isinstance(c.get("id"), str) or not isinstance(c.get("reported_at"), str):
            raise SystemExit("a vector case needs a text id and reported_at")
        self.steps.append(f"new {t(c['id'])} {t(c['reported_at'])}")
        for key, value in c.items():
            path = "$." + key
            if key in ("id", "reported_at"):
                continue
            if key in ("municipality", "reporter"):
                self.text_field(c, key, path, key)
            elif key == "subject" and isinstance(value, dict):
                self.subject(value)
            elif key == "observations" and isinstance(value, list):
                for i, o in enumerate(value):
                    self.observation(o, f"$.observations[{i}]")
            elif key == "events" and isinstance(value, list):
                for i, e in enumerate(value):
                    self.event(e, f"$.events[{i}]")
            elif key == "consents" and isinstance(value, list):
                for i, e in enumerate(value):
                    self.consent(e, f"$.consents[{i}]")
            elif key == "discretionary_override" and isinstance(value, dict):
                self.override(value)
            elif value is not None:
                self.miss(path, "no typed setter for this field", c, key)
        return self

    def subject(self, s):
        for key, value in s.items():
            path = "$.subject." + key
            if value is None:
                continue
            if key in ("birth_date", "sex", "citizenship"):
                self.text_field(s, key, path, key)
            elif key == "age" and is_int(value) and 0 <= value <= U32:
                self.steps.append(f"age {value}")
            elif (key == "age_range" and isinstance(value, dict) and set(value) == {"min", "max"}
                  and all(is_int(value[k]) and 0 <= value[k] <= U32 for k in ("min", "max"))):
                self.steps.append(f"age_range {value['min']} {value['max']}")
            elif key == "appears_minor" and isinstance(value, bool):
                self.steps.append(f"appears_minor {int(value)}")
            else:
                self.miss(path, "no typed setter for this value", s, key)

    def observation(self, o, path):
        if not isinstance(o, dict) or not isinstance(o.get("indicator"), str) or "value" not in o:
            self.miss(path, "not an observation the typed API can record", None, None)
            return
        ind, v = t(o["indicator"]), o["value"]
        if v is None:
            self.steps.append(f"observe_unknown {ind}")
        elif isinstance(v, bool):
            self.steps.append(f"observe_bool {ind} {int(v)}")
        elif is_int(v) and 0 <= v <= U64:
            self.steps.append(f"observe_count {ind} {v}")
        elif isinstance(v, str):
            self.steps.append(f"observe_enum {ind} {t(v)}")
        else:
            self.miss(path + ".value", "no typed observe_* for this value", None, None)
            return
        # putokaz_case_set_observed numbers observations in the order they were added.
        index = self.observations
        self.observations += 1
        source = {k: o[k] for k in ("observed_at", "observed_by") if k in o}
        if source:
            if all(isinstance(x, (str, type(None))) for x in source.values()):
                self.steps.append(f"observed {index} {t(source.get('observed_at'))} {t(source.get('observed_by'))}")
            else:
                for key in source:
                    self.miss(f"{path}.{key}", "not a text", o, key)
        for key in o:
            if key not in ("indicator", "value", "observed_at", "observed_by"):
                self.miss(f"{path}.{key}", "unknown observation field", o, key)

    def event(self, e, path):
        if (not isinstance(e, dict) or not isinstance(e.get("kind"), str) or not isinstance(e.get("at"), str)
                or not isinstance(e.get("by"), (str, type(None)))):
            self.miss(path, "not an event the typed API can record", None, None)
            return
        self.steps.append(f"event {t(e['kind'])} {t(e['at'])} {t(e.get('by'))}")
        for key in e:
            if key not in ("kind", "at", "by"):
                self.miss(f"{path}.{key}", "unknown event field", e, key)

    def consent(self, e, path):
        if (not isinstance(e, dict) or not isinstance(e.get("scope"), str) or not isinstance(e.get("given"), bool)
                or not isinstance(e.get("at"), (str, type(None)))):
            self.miss(path, "not a consent the typed API can record", None, None)
            return
        self.steps.append(f"consent {t(e['scope'])} {int(e['given'])} {t(e.get('at'))}")
        for key in e:
            if key not in ("scope", "given", "at"):
                self.miss(f"{path}.{key}", "unknown consent field", e, key)

    def override(self, o):
        if (set(o) != {"direction", "reason", "reviewer"} or o["direction"] not in ("raise", "lower")
                or not isinstance(o["reason"], str) or not isinstance(o["reviewer"], str)):
            self.miss("$.discretionary_override", "not an override the typed API can record", None, None)
            return
        self.steps.append(f"override {o['direction']} {t(o['reason'])} {t(o['reviewer'])}")

    def reduced(self):
        """The case without the keys the typed API cannot set, or None when an untyped
        part cannot be taken out by removing one key."""
        if any(container is None for _, _, container, _ in self.untyped):
            return None
        copy = json.loads(json.dumps(self.case))
        # Remove by walking the same paths in the copy.
        for path, _, _, _ in self.untyped:
            node, parts = copy, split_path(path)
            for p in parts[:-1]:
                node = node[p]
            node.pop(parts[-1], None)
        return copy


def split_path(path):
    """"$.observations[2].observed_at" -> ["observations", 2, "observed_at"]."""
    parts = []
    for piece in path[2:].split("."):
        while "[" in piece:
            name, rest = piece.split("[", 1)
            if name:
                parts.append(name)
            index, piece = rest.split("]", 1)
            parts.append(int(index))
        if piece:
            parts.append(piece)
    return parts


def utf8(data):
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def vectors(out):
    cases = os.path.join(ROOT, "tests", "vectors", "cases")
    names = sorted(n for n in os.listdir(cases) if n.endswith(".json"))
    lines = ["# generated by tests/c/make_fixtures.py from tests/vectors; do not edit", f"count {len(names)}"]
    for name in names:
        with open(os.path.join(cases, name), encoding="utf-8") as f:
            v = json.load(f)
        vec = Vector(v["case"]).build()
        lines.append(f"vector {t(name)}")
        lines.append(f"pack {t(v['pack'])}")
        lines.append(f"as_of {t(v['as_of'])}")
        lines.append(f"lang {t(v.get('lang'))}")
        lines.append(f"expected {t('tests/vectors/expected/' + name)}")
        lines.append(f"json {t(compact(v['case']))}")
        lines.extend(vec.steps)
        for path, why, _, _ in vec.untyped:
            lines.append(f"untyped {t(path)} {t(why)}")
        if vec.untyped:
            reduced = vec.reduced()
            lines.append(f"reduced_json {t(None if reduced is None else compact(reduced))}")
        lines.append("end")
    with open(os.path.join(out, "vectors.txt"), "w", encoding="ascii") as f:
        f.write("\n".join(lines) + "\n")
    return len(names)


def malformed(out):
    base_dir = os.path.join(ROOT, "tests", "malformed")
    with open(os.path.join(base_dir, "catalogue.json"), encoding="utf-8") as f:
        cat = json.load(f)
    with open(os.path.join(base_dir, "base-pack.toml"), encoding="utf-8") as f:
        base = f.read()
    lines = ["# generated by tests/c/make_fixtures.py from tests/malformed; do not edit",
             f"marker {t(cat['marker'])}", f"as_of {t(cat['as_of'])}", f"pack {t(cat['pack'])}",
             f"base_pack {t(base)}",
             f"count {len(cat['cases'])} {len(cat['packs'])} {len(cat['as_of_errors'])}"]
    for e in cat["cases"]:
        head = f"case {t(e['name'])} {t(e.get('expect_c', e['expect']))}"
        langs = e.get("languages")
        if langs is not None and "c" not in langs:
            lines.append(f"{head} not_for_c {t(','.join(langs))}")
        elif "input" in e:
            lines.append(f"{head} input {t(e['input'])} utf8")
        elif "input_hex" in e:
            data = bytes.fromhex(e["input_hex"])
            lines.append(f"{head} input {t(data)} {'utf8' if utf8(data) else 'not_utf8'}")
        elif "generate" in e:
            g = e["generate"]
            number = next((g[k] for k in ("depth", "bytes", "count") if k in g), None)
            if not is_int(number) or set(g) - {"kind", "field", "depth", "bytes", "count"}:
                raise SystemExit(f"{e['name']}: a generate entry this script does not know: {g}")
            lines.append(f"{head} generate {t(g['kind'])} {t(g.get('field'))} {number}")
        else:
            raise SystemExit(f"{e['name']}: no input")
    for e in cat["packs"]:
        if "replace_all" in e:
            text = e["replace_all"]
        else:
            if e["find"] not in base:
                raise SystemExit(f"{e['name']}: base-pack.toml lacks {e['find']!r}")
            text = base.replace(e["find"], e["replace"], 1)
        lines.append(f"pack_entry {t(e['name'])} {t(e['expect'])} {t(text)}")
    for e in cat["as_of_errors"]:
        lines.append(f"as_of_error {t(e['name'])} {t(e['as_of'])} {t(e['expect'])}")
    with open(os.path.join(out, "malformed.txt"), "w", encoding="ascii") as f:
        f.write("\n".join(lines) + "\n")
    return len(cat["cases"])


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: make_fixtures.py OUT_DIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    n = vectors(out)
    m = malformed(out)
    print(f"fixtures: {n} vectors, {m} malformed cases")


if __name__ == "__main__":
    main()
