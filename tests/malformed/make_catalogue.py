#!/usr/bin/env python3
"""Writes catalogue.json: malformed inputs with the error kind each must give.

Case entries are checked from Rust, C and Python; entries marked with `languages`
only where that language can express them (invalid UTF-8 bytes, for example). Inputs
that would be large (10 MB strings, deep nesting) are described by `generate` and built
by each runner. MARKER stands in personal fields: no error text may contain it.

An entry with `"mapping": true` must give the same kind when its input is given parsed,
as a mapping (a Python dict) rather than as text: one fault, one kind, whatever the
input's form. `pack_dirs` are packs read from a directory (the file system's part of the
limits); `as_of_errors` are `as_of` texts.
"""
import json

MARKER = "MARKER-7f3a9"
OK = {"id": "m", "reported_at": "2026-03-02T09:00:00+01:00", "municipality": "Jajce", "reporter": "school",
      "subject": {"age": 10}}


def case(**changes):
    c = json.loads(json.dumps(OK))
    for k, v in changes.items():
        if v is None:
            c.pop(k, None)
        else:
            c[k] = v
    return json.dumps(c, ensure_ascii=False)


def subj(**s):
    return case(subject=s)


def obs(*o):
    return case(observations=list(o))


def ev(*e):
    return case(events=list(e))


T = "2026-03-02T10:00:00+01:00"
entries = [
    # Not JSON, or not a case.
    ("empty input", "", "case.syntax"),
    ("only an opening brace", "{", "case.syntax"),
    ("truncated after a personal value", '{"id": "' + MARKER, "case.syntax"),
    ("garbage after the case", case() + " x", "case.syntax"),
    ("byte order mark", "\ufeff" + case(), "case.syntax"),
    ("single quotes", "{'id': 'm'}", "case.syntax"),
    ("an array", "[]", "case.schema"),
    ("null", "null", "case.schema"),
    ("a number", "42", "case.schema"),
    ("a string", '"' + MARKER + '"', "case.schema"),
    ("the case as an array", '["m", "2026-03-02T09:00:00+01:00"]', "case.schema"),
    ("the subject as an array", case(subject=["2015-09-14"]), "case.schema"),
    ("an observation as an array", case(observations=[["forced_begging", True]]), "case.schema"),
    # Fields.
    ("duplicate top-level key", '{"id": "a", "id": "' + MARKER + '", "reported_at": "2026-03-02T09:00:00+01:00"}', "case.schema"),
    ("duplicate key in subject", case()[:-1].replace('"subject": {"age": 10}', '"subject": {"age": 10, "age": 11}') + "}", "case.schema"),
    ("unknown top-level field with a name", case(name=MARKER), "case.schema"),
    ("unknown subject field", subj(first_name=MARKER), "case.schema"),
    ("missing id", case(id=None), "case.schema"),
    ("missing reported_at", case(reported_at=None), "case.schema"),
    ("empty id", case(id="  "), "case.schema"),
    ("numeric id", case(id=7), "case.schema"),
    ("observations not a list", case(observations={"a": 1}), "case.schema"),
    # Dates and times.
    ("reported_at not a date", case(reported_at=MARKER), "case.invalid_date"),
    ("reported_at without offset", case(reported_at="2026-03-02T09:00:00"), "case.invalid_date"),
    ("reported_at on 30 February", case(reported_at="2026-02-30T09:00:00+01:00"), "case.invalid_date"),
    ("reported_at in year 99999", case(reported_at="99999-03-02T09:00:00+01:00"), "case.invalid_date"),
    ("reported_at after as_of", case(reported_at="2026-03-07T09:00:00+01:00"), "case.impossible_date"),
    ("birth date not a date", subj(birth_date=MARKER), "case.invalid_date"),
    ("birth date in month 13", subj(birth_date="2016-13-01"), "case.invalid_date"),
    ("birth date after as_of", subj(birth_date="2027-01-01"), "case.impossible_date"),
    ("birth date two centuries ago", subj(birth_date="1800-01-01"), "case.impossible_date"),
    ("age of 200", subj(age=200), "case.impossible_date"),
    ("negative age", subj(age=-1), "case.schema"),
    ("fractional age", subj(age=12.5), "case.schema"),
    ("age as text", subj(age="12"), "case.schema"),
    ("age beyond any integer", subj(age=10**30), "case.schema"),
    ("age 1e309", case()[:-1].replace('"age": 10', '"age": 1e309') + "}", "case.syntax"),
    ("age range reversed", subj(age_range={"min": 15, "max": 12}), "case.impossible_date"),
    ("age range without max", subj(age_range={"min": 15}), "case.schema"),
    ("birth date and age together", subj(birth_date="2015-01-01", age=10), "case.schema"),
    # Subject values.
    ("sex not in the list", subj(age=10, sex=MARKER), "case.wrong_type"),
    ("citizenship a country name", subj(age=10, citizenship="Bosnia"), "case.wrong_type"),
    ("citizenship lower case", subj(age=10, citizenship="ba"), "case.wrong_type"),
    ("appears_minor as text", subj(appears_minor="yes"), "case.schema"),
    # Routing and roles.
    ("municipality unknown", case(municipality=MARKER), "case.unknown_municipality"),
    ("municipality without diacritics", case(municipality="Modrica"), "case.unknown_municipality"),
    ("reporter unknown", case(reporter=MARKER), "case.unknown_kind"),
    # Observations.
    ("observation without indicator", obs({"value": True}), "case.schema"),
    ("unknown indicator", obs({"indicator": MARKER, "value": True}), "case.unknown_indicator"),
    ("bool indicator given a count", obs({"indicator": "forced_begging", "value": 3}), "case.wrong_type"),
    ("bool indicator given text", obs({"indicator": "forced_begging", "value": MARKER}), "case.wrong_type"),
    ("count indicator given true", obs({"indicator": "unexcused_absences", "value": True}), "case.wrong_type"),
    ("count indicator negative", obs({"indicator": "unexcused_absences", "value": -1}), "case.schema"),
    ("count indicator fractional", obs({"indicator": "unexcused_absences", "value": 2.5}), "case.schema"),
    ("count beyond 64 bits", obs({"indicator": "unexcused_absences", "value": 18446744073709551616}), "case.schema"),
    ("observation value an object", obs({"indicator": "forced_begging", "value": {"v": MARKER}}), "case.schema"),
    ("conflicting observations", obs({"indicator": "forced_begging", "value": True}, {"indicator": "forced_begging", "value": False}), "case.conflict"),
    ("observed after as_of", obs({"indicator": "forced_begging", "value": True, "observed_at": "2026-03-08T09:00:00+01:00"}), "case.impossible_date"),
    ("observed_at not a date", obs({"indicator": "forced_begging", "value": True, "observed_at": MARKER}), "case.invalid_date"),
    ("observed_by unknown role", obs({"indicator": "forced_begging", "value": True, "observed_by": MARKER}), "case.unknown_kind"),
    # Events.
    ("event of unknown kind", ev({"kind": MARKER, "at": T}), "case.unknown_kind"),
    ("event without time", ev({"kind": "csw_notified"}), "case.schema"),
    ("event time not a date", ev({"kind": "csw_notified", "at": MARKER}), "case.invalid_date"),
    ("event after as_of", ev({"kind": "csw_notified", "at": "2026-03-09T09:00:00+01:00"}), "case.impossible_date"),
    ("event by unknown role", ev({"kind": "csw_notified", "at": T, "by": MARKER}), "case.unknown_kind"),
    # Consents and overrides.
    ("consent of unknown scope", case(consents=[{"scope": MARKER, "given": True}]), "case.unknown_kind"),
    ("consent given as text", case(consents=[{"scope": "roma_mediator", "given": "yes"}]), "case.schema"),
    ("consent recorded both ways", case(consents=[{"scope": "roma_mediator", "given": True}, {"scope": "roma_mediator", "given": False}]), "case.conflict"),
    ("override without reviewer field", case(discretionary_override={"direction": "raise", "reason": MARKER}), "case.schema"),
    ("override with blank reviewer", case(discretionary_override={"direction": "raise", "reason": MARKER, "reviewer": " "}), "case.invalid_override"),
    ("override with blank reason", case(discretionary_override={"direction": "lower", "reason": "", "reviewer": MARKER}), "case.invalid_override"),
    ("override direction unknown", case(discretionary_override={"direction": "sideways", "reason": "r", "reviewer": "s"}), "case.schema"),
]

# Issue 15: values that escaped the old scrubbing of parser messages (a quote or a
# backtick inside a value), unknown keys named in full, every text field over its limit,
# timestamps that are not RFC 3339, implausible dates, citizenships that are no country.
Q = 'x"' + MARKER + '`' + MARKER + '`'
entries += [
    ("age as text with a quote", subj(age=Q), "case.schema"),
    ("appears_minor as text with a quote", subj(appears_minor=Q), "case.schema"),
    ("age_range as text with a quote", subj(age_range=Q), "case.schema"),
    ("age_range min as text with a quote", subj(age_range={"min": Q, "max": 3}), "case.schema"),
    ("consent given as text with a quote", case(consents=[{"scope": "roma_mediator", "given": Q}]), "case.schema"),
    ("override direction with a quote", case(discretionary_override={"direction": Q, "reason": "r", "reviewer": "s"}), "case.schema"),
    ("subject as text with a quote", case(subject=Q), "case.schema"),
    ("observations as text with a quote", case(observations=Q), "case.schema"),
    ("events as text with a quote", case(events=Q), "case.schema"),
    ("consents as text with a quote", case(consents=Q), "case.schema"),
    ("discretionary_override as text with a quote", case(discretionary_override=Q), "case.schema"),
    ("observation value a list holding a quote", obs({"indicator": "forced_begging", "value": [Q]}), "case.schema"),
    ("an observation as text with a quote", case(observations=[Q]), "case.schema"),
    ("the id as a list", case(id=[Q]), "case.schema"),
    ("unknown field named with a quote", case(**{Q: 1}), "case.schema"),
    ("unknown field in an age range", subj(age_range={"min": 1, "max": 2, MARKER: 3}), "case.schema"),
    ("unknown field in an observation", obs({"indicator": "forced_begging", MARKER: True}), "case.schema"),
    ("unknown field in an event", ev({"kind": "csw_notified", "at": T, MARKER: 1}), "case.schema"),
    ("unknown field in a consent", case(consents=[{"scope": "roma_mediator", "given": True, MARKER: 1}]), "case.schema"),
    ("unknown field in an override", case(discretionary_override={"direction": "raise", "reason": "r", "reviewer": "s", MARKER: 1}), "case.schema"),
    ("a 2 KB unknown field name", case(**{MARKER * 170: 1}), "case.schema"),
    ("marker in every free text, an unknown indicator", case(id=MARKER, observations=[{"indicator": "forced_begginq", "value": True}], discretionary_override={"direction": "raise", "reason": MARKER, "reviewer": MARKER}), "case.unknown_indicator"),
    ("marker in every free text, a bad birth date", case(id=MARKER, subject={"birth_date": "2030-01-01"}, discretionary_override={"direction": "raise", "reason": MARKER, "reviewer": MARKER}), "case.impossible_date"),
    ("duplicate key in an observation", obs({"indicator": "forced_begging", "value": True})[:-3] + ', "value": false}]}', "case.schema"),
]
LONG = MARKER + "x" * (4097 - len(MARKER))
entries += [
    ("4,097-byte reported_at", case(reported_at=LONG), "case.limit"),
    ("4,097-byte birth date", subj(birth_date=LONG), "case.limit"),
    ("4,097-byte sex", subj(sex=LONG), "case.limit"),
    ("4,097-byte citizenship", subj(citizenship=LONG), "case.limit"),
    ("4,097-byte indicator", obs({"indicator": LONG, "value": True}), "case.limit"),
    ("4,097-byte observation value", obs({"indicator": "begging_location", "value": LONG}), "case.limit"),
    ("4,097-byte observed_at", obs({"indicator": "forced_begging", "value": True, "observed_at": LONG}), "case.limit"),
    ("4,097-byte observed_by", obs({"indicator": "forced_begging", "value": True, "observed_by": LONG}), "case.limit"),
    ("4,097-byte event kind", ev({"kind": LONG, "at": T}), "case.limit"),
    ("4,097-byte event time", ev({"kind": "csw_notified", "at": LONG}), "case.limit"),
    ("4,097-byte event actor", ev({"kind": "csw_notified", "at": T, "by": LONG}), "case.limit"),
    ("4,097-byte consent scope", case(consents=[{"scope": LONG, "given": True}]), "case.limit"),
    ("4,097-byte consent time", case(consents=[{"scope": "roma_mediator", "given": True, "at": LONG}]), "case.limit"),
    ("4,097-byte override reason", case(discretionary_override={"direction": "raise", "reason": LONG, "reviewer": "s"}), "case.limit"),
    ("4,097-byte override reviewer", case(discretionary_override={"direction": "raise", "reason": "r", "reviewer": LONG}), "case.limit"),
]
entries += [
    ("reported_at with offset +25:00", case(reported_at="2026-03-02T09:00:00+25:00"), "case.invalid_date"),
    ("reported_at with offset -24:00", case(reported_at="2026-03-02T09:00:00-24:00"), "case.invalid_date"),
    ("reported_at with offset +01:60", case(reported_at="2026-03-02T09:00:00+01:60"), "case.invalid_date"),
    ("reported_at with offset +0100", case(reported_at="2026-03-02T09:00:00+0100"), "case.invalid_date"),
    ("reported_at with offset seconds", case(reported_at="2026-03-02T09:00:00+01:00:30"), "case.invalid_date"),
    ("reported_at without seconds", case(reported_at="2026-03-02T09:00+01:00"), "case.invalid_date"),
    ("reported_at with hours only", case(reported_at="2026-03-02T09Z"), "case.invalid_date"),
    ("reported_at with a negative year", case(reported_at="-0001-03-02T09:00:00+01:00"), "case.invalid_date"),
    ("reported_at with a six-digit year", case(reported_at="+002026-03-02T09:00:00+01:00"), "case.invalid_date"),
    ("reported_at with a zone suffix", case(reported_at="2026-03-02T09:00:00+01:00[Europe/Sarajevo]"), "case.invalid_date"),
    ("reported_at with ten fraction digits", case(reported_at="2026-03-02T09:00:00.1234567891+01:00"), "case.invalid_date"),
    ("reported_at with hour 24", case(reported_at="2026-03-02T24:00:00+01:00"), "case.invalid_date"),
    ("reported_at in year 0000", case(reported_at="0000-03-02T09:00:00+01:00"), "case.invalid_date"),
    ("reported_at in year 0001", case(reported_at="0001-03-02T09:00:00+01:00"), "case.impossible_date"),
    ("reported_at in 1899", case(reported_at="1899-12-31T23:00:00Z"), "case.impossible_date"),
    ("reported_at at the end of year 9999", case(reported_at="9999-12-31T23:59:59Z"), "case.impossible_date"),
    ("observed_at in year 0001", obs({"indicator": "forced_begging", "value": True, "observed_at": "0001-01-01T00:00:00Z"}), "case.impossible_date"),
    ("event time with offset +0100", ev({"kind": "csw_notified", "at": "2026-03-02T10:00:00+0100"}), "case.invalid_date"),
    ("consent time without seconds", case(consents=[{"scope": "roma_mediator", "given": True, "at": "2026-03-02T10:00Z"}]), "case.invalid_date"),
    ("birth date in year 0000", subj(birth_date="0000-01-01"), "case.invalid_date"),
    ("birth date with a sign", subj(birth_date="+2015-01-01"), "case.invalid_date"),
    ("birth date after the report", subj(birth_date="2026-03-04"), "case.impossible_date"),
    ("citizenship XX", subj(age=10, citizenship="XX"), "case.wrong_type"),
    ("citizenship ZZ", subj(age=10, citizenship="ZZ"), "case.wrong_type"),
    ("citizenship UK (not the code of the United Kingdom)", subj(age=10, citizenship="UK"), "case.wrong_type"),
]

generated = [
    ("an observation value nested 10,000 deep", {"kind": "deep_nesting", "depth": 10000}, "case.limit"),
    # The case is level 1, observations 2, an entry 3: `depth` brackets inside the value
    # make 3 + depth levels. 128 levels are read (the value is then the wrong type), 129
    # are refused as too deep; a Python dict nested as deep gives the same kinds.
    ("an observation value nested to 63 levels", {"kind": "deep_nesting", "depth": 60}, "case.schema"),
    ("an observation value nested to 128 levels", {"kind": "deep_nesting", "depth": 125}, "case.schema"),
    ("an observation value nested to 129 levels", {"kind": "deep_nesting", "depth": 126}, "case.limit"),
    ("10 MB string in the id", {"kind": "big_string", "field": "id", "bytes": 10485760}, "case.limit"),
    ("2 MB of whitespace", {"kind": "whitespace", "bytes": 2097152}, "case.limit"),
    ("5,000 observations", {"kind": "many_observations", "count": 5000}, "case.limit"),
    ("5,000 events", {"kind": "many_events", "count": 5000}, "case.limit"),
    ("5 KB municipality", {"kind": "big_string", "field": "municipality", "bytes": 5000}, "case.limit"),
    ("4,097-byte reporter", {"kind": "big_string", "field": "reporter", "bytes": 4097}, "case.limit"),
    ("an unknown field with a 1 MB value", {"kind": "big_string", "field": MARKER, "bytes": 1000000}, "case.schema"),
]
MAPPING = {"an observation value nested to 63 levels", "an observation value nested to 128 levels",
           "an observation value nested to 129 levels"}


def mapped(name):
    """Entries checked as a mapping too: those above, and every unknown key (counted at
    the same position whatever the input's form)."""
    return name in MAPPING or "unknown field" in name

# Pack entries: each breaks base-pack.toml with one edit (find → replace, or the whole text).
import os

BASE_PACK = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "base-pack.toml"), encoding="utf-8").read()
assert "protected = true\n" in BASE_PACK and "[[classification]]" in BASE_PACK


def with_duties(second_when, anchor="reported_at"):
    """The base pack with a consent-gated duty that the protected `community` routes to a
    mediator, and a second duty to a team that reads it (`second_when`, `anchor`)."""
    duty = ('[[obligations]]\nid = "{id}"\nlabel = {{ en = "{id}" }}\nwhen = "{when}"\nactor = "reporter"\n'
            'recipient = "{to}"\nanchor = "{anchor}"\ndue = "24h"\nmet_by = "{met_by}"\npriority = 1\n{consent}'
            'source = "s"\nstatus = "verified"\n\n')
    kinds = "".join('[[{t}]]\nid = "{i}"\nlabel = {{ en = "{i}" }}\n\n'.format(t=t, i=i) for t, i in [
        ("roles", "mediator"), ("roles", "team"), ("event_kinds", "mediator_contacted"), ("event_kinds", "team_told"),
        ("consent_scopes", "mediation")])
    first = duty.format(id="offer_mediator", when="community", to="mediator", anchor="reported_at",
                        met_by="mediator_contacted", consent='consent = "mediation"\n')
    second = duty.format(id="tell_team", when=second_when[len('when = "'):-1], to="team", anchor=anchor,
                         met_by="team_told", consent="")
    text = BASE_PACK.replace("protected = true\n", 'protected = true\nroutes = ["mediator"]\n', 1)
    return text.replace("[[classification]]", kinds + first + second + "[[classification]]", 1)


PACKS = [
 {
  "name": "empty text",
  "replace_all": "",
  "expect": "pack.schema"
 },
 {
  "name": "not TOML",
  "replace_all": "[pack\nid = ",
  "expect": "pack.syntax"
 },
 {
  "name": "unknown key",
  "find": "majority = 18",
  "replace": "majority = 18\nmajorty = 18",
  "expect": "pack.schema"
 },
 {
  "name": "version not semver",
  "find": "version = \"1.0.0\"",
  "replace": "version = \"one\"",
  "expect": "pack.invalid_value"
 },
 {
  "name": "unknown time zone",
  "find": "Europe/Sarajevo",
  "replace": "Europe/Atlantis",
  "expect": "pack.invalid_value"
 },
 {
  "name": "typo in a condition",
  "find": "when = \"long_hours\"",
  "replace": "when = \"long_hour\"",
  "expect": "pack.unknown_name"
 },
 {
  "name": "type error in a condition",
  "find": "when = \"long_hours\"",
  "replace": "when = \"long_hours + 1 > 0\"",
  "expect": "pack.type"
 },
 {
  "name": "unterminated string in a condition",
  "find": "when = \"long_hours\"",
  "replace": "when = \"long_hours == 'x\"",
  "expect": "pack.syntax"
 },
 {
  "name": "condition nested too deep",
  "find": "when = \"long_hours\"",
  "replace": "when = \"((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((long_hours))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))\"",
  "expect": "pack.syntax"
 },
 {
  "name": "condition longer than 8 KB",
  "find": "when = \"long_hours\"",
  "replace": "when = \"long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours or long_hours\"",
  "expect": "pack.syntax"
 },
 {
  "name": "duplicate indicator",
  "find": "id = \"community\"",
  "replace": "id = \"long_hours\"",
  "expect": "pack.duplicate"
 },
 {
  "name": "facts in a circle",
  "find": "when = \"long_hours\"\nsource",
  "replace": "when = \"exploited\"\nsource",
  "expect": "pack.cycle"
 },
 {
  "name": "protected attribute given weight",
  "find": "when = \"exploited\"\npoints",
  "replace": "when = \"exploited or community\"\npoints",
  "expect": "pack.protected"
 },
 {
  "name": "protected attribute with a grade",
  "find": "protected = true",
  "replace": "protected = true\ndimension = \"exploitation\"\ngrades = { child = \"weak\" }",
  "expect": "pack.protected"
 },
 {
  "name": "decimal written as a float",
  "find": "value = \"1.5\"",
  "replace": "value = 1.5",
  "expect": "pack.invalid_value"
 },
 {
  "name": "decimal beyond range",
  "find": "points = \"1\"",
  "replace": "points = \"999999999999999999999999999999999\"",
  "expect": "pack.invalid_value"
 },
 {
  "name": "unknown source",
  "find": "source = \"s\"\nstatus = \"verified\"\n\n[[indicators]]",
  "replace": "source = \"nowhere\"\nstatus = \"verified\"\n\n[[indicators]]",
  "expect": "pack.unknown_name"
 },
 {
  "name": "level thresholds out of order",
  "find": "high = \"6\"",
  "replace": "high = \"2\"",
  "expect": "pack.invalid_value"
 },
 {
  "name": "absolute file path",
  "find": "languages = [\"en\"]",
  "replace": "languages = [\"en\"]\nfiles = [\"/etc/passwd\"]",
  "expect": "pack.invalid_value"
 },
 {
  "name": "listed file missing",
  "find": "languages = [\"en\"]",
  "replace": "languages = [\"en\"]\nfiles = [\"more.toml\"]",
  "expect": "pack.missing_file"
 },
 {
  # Found by fuzzing: the error of a too long condition points at its first byte, and the
  # excerpt under it must not cut the character there.
  "name": "condition over 8 KB starting with a non-ASCII letter",
  "find": "when = \"long_hours\"",
  "replace": "when = \"é" + "a" * 8200 + "\"",
  "expect": "pack.syntax"
 },
 {
  "name": "version with a leading zero",
  "find": "version = \"1.0.0\"",
  "replace": "version = \"01.0.0\"",
  "expect": "pack.invalid_value"
 },
 {
  # Valid TOML outside the schema: the kind comes from the parsing step, not the message.
  "name": "negative majority",
  "find": "majority = 18",
  "replace": "majority = -1",
  "expect": "pack.schema"
 },
 {
  "name": "condition nested 49 levels deep (48 is the limit)",
  "find": "when = \"long_hours\"",
  "replace": "when = \"" + "(" * 49 + "long_hours" + ")" * 49 + "\"",
  "expect": "pack.syntax"
 },
 {
  "name": "two classification results that can hold at once in a unique table",
  "find": "[[classification]]",
  "replace": "[[classification]]\nid = \"exploited_victim\"\nlabel = { en = \"Exploited\" }\nresult = \"presumed_victim\"\nwhen = \"exploited\"\nsource = \"s\"\nstatus = \"verified\"\n\n[[classification]]",
  "expect": "pack.conflict"
 },
 {
  "name": "a first table without its order",
  "find": "[[classification]]",
  "replace": "[tables.classification]\nhit_policy = \"first\"\n\n[[classification]]",
  "expect": "pack.schema"
 },
 {
  "name": "an order naming no rule",
  "find": "[[classification]]",
  "replace": "[tables.classification]\nhit_policy = \"first\"\norder = [\"at_rsk\"]\n\n[[classification]]",
  "expect": "pack.unknown_name"
 },
 {
  "name": "two profiles that can hold at once",
  "find": "[[indicators]]",
  "replace": "[[profiles]]\nid = \"older\"\nlabel = { en = \"Older\" }\nwhen = \"subject.age >= 16\"\n\n[[indicators]]",
  "expect": "pack.conflict"
 },
 {
  "name": "routes on an indicator that is not protected",
  "find": "grades = { child = \"strong\" }",
  "replace": "grades = { child = \"strong\" }\nroutes = []",
  "expect": "pack.schema"
 },
 {
  "name": "a protected attribute reaching a duty through overdue",
  "replace_all": with_duties("when = \"overdue.offer_mediator\""),
  "expect": "pack.protected"
 },
 {
  "name": "a protected attribute reaching a duty through its anchor",
  "replace_all": with_duties("when = \"true\"", anchor="mediator_contacted"),
  "expect": "pack.protected"
 },
 {
  "name": "month duration without rounding",
  "find": "[facts.exploited]",
  "replace": "[parameters.wait]\ntype = \"duration\"\nsource = \"s\"\nstatus = \"verified\"\nvalues = [ { from = \"2025-01-01\", value = \"1mo\" } ]\n\n[facts.exploited]",
  "expect": "pack.invalid_value"
 }
]

catalogue = {
    "marker": MARKER,
    "as_of": "2026-03-06T12:00:00+01:00",
    "pack": "bih",
    "cases": [dict({"name": n, "input": i, "expect": e}, **({"mapping": True} if mapped(n) else {}))
              for n, i, e in entries]
    + [dict({"name": n, "generate": g, "expect": e}, **({"mapping": True} if n in MAPPING else {}))
       for n, g, e in generated]
    # Rust strings cannot hold invalid UTF-8 (Rust reads such bytes with
    # `Case::from_json_bytes`, tested in core); bytes that are not UTF-8 are not JSON, so
    # they are `case.syntax` in every language.
    + [{"name": "invalid UTF-8 bytes", "input_hex": "7b226964223a2280ff227d", "expect": "case.syntax",
        "languages": ["c", "python"]}],
    "pack_dirs": [
        {"name": "a pack.toml over 16 MiB", "pad_to": 16 * 1024 * 1024 + 1, "expect": "pack.limit"},
        {"name": "a pack.toml that never ends (a link to /dev/zero)", "link_to": "/dev/zero", "expect": "pack.limit"},
    ],
    "packs": PACKS,
    "as_of_errors": [
        {"name": "as_of not a date", "as_of": "yesterday", "expect": "usage"},
        {"name": "as_of without offset", "as_of": "2026-03-06T12:00:00", "expect": "usage"},
        {"name": "as_of before the pack is in effect", "as_of": "2024-03-06T12:00:00+01:00", "expect": "case.out_of_effect"},
        {"name": "as_of at the end of year 9999", "as_of": "9999-12-31T23:59:59Z", "expect": "case.out_of_effect"},
        {"name": "as_of in year 9999, after the pack's dates", "as_of": "9999-06-01T00:00:00+01:00", "expect": "case.out_of_effect"},
        {"name": "as_of with offset +25:00", "as_of": "2026-03-06T12:00:00+25:00", "expect": "usage"},
        {"name": "as_of without seconds", "as_of": "2026-03-06T12:00+01:00", "expect": "usage"},
        {"name": "as_of with a zone suffix", "as_of": "2026-03-06T12:00:00+01:00[Europe/Sarajevo]", "expect": "usage"},
        {"name": "as_of in year 0000", "as_of": "0000-03-06T12:00:00Z", "expect": "usage"},
    ],
}

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalogue.json"), "w", encoding="utf-8") as f:
    json.dump(catalogue, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(len(catalogue["cases"]), "case entries,", len(catalogue["packs"]), "pack entries")
