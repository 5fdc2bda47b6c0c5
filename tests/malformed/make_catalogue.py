#!/usr/bin/env python3
"""Writes catalogue.json: malformed inputs with the error kind each must give.

Case entries are checked from Rust, C and Python; entries marked with `languages`
only where that language can express them (invalid UTF-8 bytes, for example). Inputs
that would be large (10 MB strings, deep nesting) are described by `generate` and built
by each runner. MARKER stands in personal fields: no error text may contain it.
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

generated = [
    ("an observation value nested 10,000 deep", {"kind": "deep_nesting", "depth": 10000}, "case.syntax"),
    ("10 MB string in the id", {"kind": "big_string", "field": "id", "bytes": 10485760}, "case.limit"),
    ("2 MB of whitespace", {"kind": "whitespace", "bytes": 2097152}, "case.limit"),
    ("5,000 observations", {"kind": "many_observations", "count": 5000}, "case.limit"),
    ("5,000 events", {"kind": "many_events", "count": 5000}, "case.limit"),
    ("5 KB municipality", {"kind": "big_string", "field": "municipality", "bytes": 5000}, "case.limit"),
]

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
    "cases": [{"name": n, "input": i, "expect": e} for n, i, e in entries]
    + [{"name": n, "generate": g, "expect": e} for n, g, e in generated]
    # Rust strings cannot hold invalid UTF-8; the C boundary refuses it with its own
    # result code before the engine sees the text.
    + [{"name": "invalid UTF-8 bytes", "input_hex": "7b226964223a2280ff227d", "expect": "case.syntax",
        "expect_c": "invalid_utf8", "languages": ["c", "python"]}],
    "packs": PACKS,
    "as_of_errors": [
        {"name": "as_of not a date", "as_of": "yesterday", "expect": "usage"},
        {"name": "as_of without offset", "as_of": "2026-03-06T12:00:00", "expect": "usage"},
        {"name": "as_of before the pack is in effect", "as_of": "2024-03-06T12:00:00+01:00", "expect": "case.out_of_effect"},
    ],
}

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalogue.json"), "w", encoding="utf-8") as f:
    json.dump(catalogue, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(len(catalogue["cases"]), "case entries,", len(catalogue["packs"]), "pack entries")
