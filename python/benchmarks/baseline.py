"""A straightforward pure-Python implementation of the `bih` pack's (0.2) scoring and
classification, as a side-by-side baseline for the engine (issues 8 and 17).

It reads the pack's TOML files with ``tomllib`` (grades, specialisations, grade points,
the dimension cap, level thresholds, score terms, policy floors, the age gate and the
``absence_threshold`` parameter) and hand-translates each condition expression into
Python. Every translated expression is stored next to the text it translates, and
``Baseline`` refuses to load a pack whose expressions differ from those texts, so a
change to the pack cannot silently drift from this file.

It computes what the engine calls *established*: unknown observations count as absent.
The subject's child status stays three-valued as in the engine (true, false, unknown);
when it is unknown both profiles are graded and a dimension counts only when it is
positive under both, its points being the smaller of the two.

    python baseline.py CASES.jsonl [--as-of T]          # prints level, classification, score
    python baseline.py --check CASES.jsonl [--as-of T]  # compares with the engine

Needs Python 3.11+ (``tomllib``); the check also needs the ``putokaz`` package.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple
from zoneinfo import ZoneInfo

PACK_DIR = Path(__file__).resolve().parents[2] / "core" / "protocols" / "bih"
AS_OF = "2026-12-31T12:00:00+01:00"

LEVELS = ("none", "low", "moderate", "high", "very_high")
GRADES = ("strong", "medium", "weak")

D1, D2, D3 = "deceptive_recruitment", "coercive_recruitment", "recruitment_abuse_of_vulnerability"
D4, D5, D6 = "exploitation", "coercion_at_destination", "abuse_of_vulnerability_at_destination"

# ---------------------------------------------------------------------------------------
# The pack's condition expressions, hand-translated. Each function takes the context `x`
# built in `Baseline.assess`: x.p (set of present indicators), x.d (set of positive
# dimensions), x.child / x.adult (subject.is_child true / false, both False when not
# known), x.f (facts), x.level (the established level's index).
# ---------------------------------------------------------------------------------------


def _combination(strong: int, medium: int, weak: int) -> bool:
    return strong >= 2 or (strong >= 1 and medium + weak >= 1) or medium >= 3 or (medium >= 2 and weak >= 1)


COMBINATION = "strong >= 2 or (strong >= 1 and medium + weak >= 1) or medium >= 3 or (medium >= 2 and weak >= 1)"

PROFILES = {
    "child_labour": "subject.is_child",
    "adult_labour": "not subject.is_child",
}

# id → (text, function), in the order they must be evaluated.
FACTS: Dict[str, Tuple[str, Callable[[Any], bool]]] = {
    "recruitment_positive": (
        "dimension.deceptive_recruitment or dimension.coercive_recruitment or dimension.recruitment_abuse_of_vulnerability",
        lambda x: D1 in x.d or D2 in x.d or D3 in x.d,
    ),
    "destination_coercion_or_vulnerability": (
        "dimension.coercion_at_destination or dimension.abuse_of_vulnerability_at_destination",
        lambda x: D5 in x.d or D6 in x.d,
    ),
    "act_established": (
        "recruited_transported_or_harboured or recruitment_positive",
        lambda x: "recruited_transported_or_harboured" in x.p or x.f["recruitment_positive"],
    ),
    "child_pattern": (
        "act_established and dimension.exploitation and (not param.child_rule_requires_recruitment_dimension or recruitment_positive)",
        lambda x: x.f["act_established"] and D4 in x.d
        and (not x.child_rule_requires_recruitment_dimension or x.f["recruitment_positive"]),
    ),
    "adult_pattern": (
        "recruitment_positive and dimension.exploitation and destination_coercion_or_vulnerability",
        lambda x: x.f["recruitment_positive"] and D4 in x.d and x.f["destination_coercion_or_vulnerability"],
    ),
    "marriage_under_16": (
        "child_marriage and subject.age < 16",
        lambda x: "child_marriage" in x.p and x.age_below(16),
    ),
    "child_suspected_victim": (
        "subject.is_child and (forced_begging or forced_marriage or marriage_arranged_for_gain or marriage_under_16 or domestic_servitude_in_marriage or dimension.exploitation or dimension.coercion_at_destination or dimension.coercive_recruitment)",
        lambda x: x.child and ("forced_begging" in x.p or "forced_marriage" in x.p
                               or "marriage_arranged_for_gain" in x.p or x.f["marriage_under_16"]
                               or "domestic_servitude_in_marriage" in x.p
                               or D4 in x.d or D5 in x.d or D2 in x.d),
    ),
    "crime_signal": (
        "any(d2_violence_on_victim, d5_violence_on_victim, d2_threats_of_violence, d5_threats_of_violence, d2_abduction_forced_marriage_selling, forced_marriage, marriage_arranged_for_gain, d2_debt_bondage, d5_debt_bondage, d2_confiscation_of_documents, d5_confiscation_of_documents)",
        lambda x: any(i in x.p for i in CRIME_SIGNALS),
    ),
}

CRIME_SIGNALS = ("d2_violence_on_victim", "d5_violence_on_victim", "d2_threats_of_violence", "d5_threats_of_violence",
                 "d2_abduction_forced_marriage_selling", "forced_marriage", "marriage_arranged_for_gain",
                 "d2_debt_bondage", "d5_debt_bondage", "d2_confiscation_of_documents", "d5_confiscation_of_documents")
# Marriage of a minor in any of its exploitative forms.
EXPLOITATIVE_MARRIAGE = ("forced_marriage", "marriage_arranged_for_gain", "domestic_servitude_in_marriage")

TERMS: Dict[str, Tuple[str, Callable[[Any], bool]]] = {
    "daily_money_quota": ("subject.is_child and daily_money_quota", lambda x: x.child and "daily_money_quota" in x.p),
    "begging_with_unrelated_adult": ("subject.is_child and begging_with_unrelated_adult",
                                     lambda x: x.child and "begging_with_unrelated_adult" in x.p),
    "street_work_at_night": ("subject.is_child and street_work_at_night",
                             lambda x: x.child and "street_work_at_night" in x.p),
    "street_situation": ("subject.is_child and living_in_street_situation",
                         lambda x: x.child and "living_in_street_situation" in x.p),
    "domestic_servitude_in_marriage": ("subject.is_child and domestic_servitude_in_marriage",
                                       lambda x: x.child and "domestic_servitude_in_marriage" in x.p),
    "no_identity": ("no_birth_registration or missing_documents",
                    lambda x: "no_birth_registration" in x.p or "missing_documents" in x.p),
    "family_member_exploiter": (
        "exploiter_family_member and (forced_begging or forced_marriage or marriage_arranged_for_gain or dimension.exploitation or (subject.is_child and domestic_servitude_in_marriage))",
        lambda x: "exploiter_family_member" in x.p and (
            "forced_begging" in x.p or "forced_marriage" in x.p or "marriage_arranged_for_gain" in x.p or D4 in x.d
            or (x.child and "domestic_servitude_in_marriage" in x.p)),
    ),
}

OVERRIDES: Dict[str, Tuple[str, Callable[[Any], bool]]] = {
    "child_begging_with_violence": (
        "subject.is_child and forced_begging and any(d5_violence_on_victim, d5_threats_of_violence, d2_violence_on_victim, d2_threats_of_violence)",
        lambda x: x.child and "forced_begging" in x.p and (
            "d5_violence_on_victim" in x.p or "d5_threats_of_violence" in x.p or "d2_violence_on_victim" in x.p
            or "d2_threats_of_violence" in x.p),
    ),
    "child_begging_with_quota": ("subject.is_child and forced_begging and daily_money_quota",
                                 lambda x: x.child and "forced_begging" in x.p and "daily_money_quota" in x.p),
    "child_exploitative_marriage": (
        "subject.is_child and (forced_marriage or marriage_arranged_for_gain or marriage_under_16 or domestic_servitude_in_marriage)",
        lambda x: x.child and (any(i in x.p for i in EXPLOITATIVE_MARRIAGE) or x.f["marriage_under_16"]),
    ),
    "explicit_crime_signal": ("crime_signal", lambda x: x.f["crime_signal"]),
    "family_exploiter": (
        "subject.is_child and exploiter_family_member and (forced_begging or forced_marriage or marriage_arranged_for_gain or domestic_servitude_in_marriage or dimension.exploitation)",
        lambda x: x.child and "exploiter_family_member" in x.p
        and ("forced_begging" in x.p or any(i in x.p for i in EXPLOITATIVE_MARRIAGE) or D4 in x.d),
    ),
}

CLASSIFICATION: Dict[str, Tuple[str, Callable[[Any], bool]]] = {
    "child_presumed_victim": ("subject.is_child and child_pattern", lambda x: x.child and x.f["child_pattern"]),
    "adult_presumed_victim": ("not subject.is_child and adult_pattern", lambda x: x.adult and x.f["adult_pattern"]),
    "child_treated_as_victim": ("child_suspected_victim", lambda x: x.f["child_suspected_victim"]),
    "child_found_begging": ("subject.is_child and found_begging", lambda x: x.child and "found_begging" in x.p),
    "minor_in_marriage": ("subject.is_child and child_marriage", lambda x: x.child and "child_marriage" in x.p),
    "at_risk": ('level >= "low"', lambda x: x.level >= 1),
}

PRESENT_WHEN = {"unexcused_absences": "value >= param.absence_threshold"}


class _Ctx:
    __slots__ = ("p", "d", "child", "adult", "f", "level", "child_rule_requires_recruitment_dimension", "age")

    def age_below(self, years: int) -> bool:
        """``subject.age < years`` established: true only when every age possible is below
        (an unknown age is not established)."""
        return self.age is not None and self.age[1] < years


def _number(text: str) -> Any:
    """An exact number from the pack's decimal text: an int when whole."""
    d = Decimal(text)
    return int(d) if d == d.to_integral_value() else d


def _param(doc: Dict[str, Any], name: str, on: date) -> Any:
    values = doc[name]["values"]
    current = None
    for v in values:
        if date.fromisoformat(str(v["from"])) <= on:
            current = v["value"]
    return current


class Baseline:
    """The `bih` pack's scoring and classification in plain Python, for one `as_of`."""

    def __init__(self, pack_dir: Path = PACK_DIR, as_of: str = AS_OF) -> None:
        pack = tomllib.loads((pack_dir / "pack.toml").read_text(encoding="utf-8"))
        self.zone = ZoneInfo(pack["pack"]["time_zone"])
        self.as_of_date = datetime.fromisoformat(as_of).astimezone(self.zone).date()
        docs = [tomllib.loads((pack_dir / f).read_text(encoding="utf-8"))
                for f in pack["pack"]["files"] if f.endswith(".toml")]

        def all_of(key: str) -> List[Any]:
            return [x for doc in docs for x in doc.get(key, [])]

        def merged(key: str) -> Dict[str, Any]:
            out: Dict[str, Any] = {}
            for doc in docs:
                out.update(doc.get(key, {}))
            return out

        def same(kind: str, name: str, text: str, expected: str) -> None:
            if " ".join(text.split()) != " ".join(expected.split()):
                raise ValueError(f"{kind} `{name}` in the pack reads `{text}`; baseline.py translates `{expected}`")

        # Profiles and the age gate.
        profiles = all_of("profiles")
        for p in profiles:
            same("profile", p["id"], p["when"], PROFILES.get(p["id"], "?"))
        self.profile_ids = [p["id"] for p in profiles]
        age = merged("age")
        self.majority = age["majority"]
        self.presume_minor = age.get("presume_minor_when_uncertain", False)

        # Indicators: items (an ILO indicator and those that specialise it), graded per profile.
        indicators = all_of("indicators")
        self.kind = {i["id"]: i["type"] for i in indicators}
        self.item_of: Dict[str, str] = {}
        self.item_dim: Dict[str, str] = {}
        self.item_grade: Dict[str, Dict[str, str]] = {}
        for i in indicators:
            if "dimension" in i and i.get("grades"):
                self.item_of[i["id"]] = i["id"]
                self.item_dim[i["id"]] = i["dimension"]
                self.item_grade[i["id"]] = dict(i["grades"])
        for i in indicators:
            if "specialises" in i:
                self.item_of[i["id"]] = self.item_of[i["specialises"]]
            if "present_when" in i:
                same("present_when of", i["id"], i["present_when"], PRESENT_WHEN.get(i["id"], "?"))
        self.dimensions = [d["id"] for d in all_of("dimensions")]
        parameters = merged("parameters")
        self.absence_threshold = _param(parameters, "absence_threshold", self.as_of_date)
        self.child_rule_requires_recruitment_dimension = bool(
            _param(parameters, "child_rule_requires_recruitment_dimension", self.as_of_date))

        # The dimension rule, score, floors and classification.
        same("combination", "dimension_positive", merged("combination")["dimension_positive"], COMBINATION)
        scoring = merged("scoring")
        self.grade_points = {g: _number(v) for g, v in scoring["grade_points"].items()}
        self.cap = _number(scoring["dimension_cap"]) if "dimension_cap" in scoring else None
        self.thresholds = [(LEVELS.index(name), _number(v)) for name, v in scoring["levels"].items()]
        self.terms: List[Tuple[Callable[[Any], bool], Any]] = []
        for t in scoring.get("terms", []):
            same("score term", t["id"], t["when"], TERMS.get(t["id"], ("?",))[0])
            self.terms.append((TERMS[t["id"]][1], _number(t["points"])))
        self.overrides: List[Tuple[Callable[[Any], bool], int]] = []
        for o in all_of("overrides"):
            same("override", o["id"], o["when"], OVERRIDES.get(o["id"], ("?",))[0])
            self.overrides.append((OVERRIDES[o["id"]][1], LEVELS.index(o["floor"])))
        facts = merged("facts")
        if not set(FACTS) <= set(facts):
            raise ValueError(f"baseline.py translates facts the pack does not have: {sorted(set(FACTS) - set(facts))}")
        for name, f in facts.items():
            if name in FACTS:
                same("fact", name, f["when"], FACTS[name][0])
        # The facts left out serve obligations only: nothing translated here reads them.
        read = " ".join(t for table in (FACTS, TERMS, OVERRIDES, CLASSIFICATION) for t, _ in table.values())
        for name in set(facts) - set(FACTS):
            if re.search(rf"\b{name}\b", read):
                raise ValueError(f"fact `{name}` is read by a rule baseline.py translates, but is not translated")
        self.facts = [(name, fn) for name, (_, fn) in FACTS.items()]
        self.rules: List[Tuple[Callable[[Any], bool], str]] = []
        for r in all_of("classification"):
            same("classification rule", r["id"], r["when"], CLASSIFICATION.get(r["id"], ("?",))[0])
            self.rules.append((CLASSIFICATION[r["id"]][1], r["result"]))

    # -- one case ------------------------------------------------------------------------

    def age(self, subject: Dict[str, Any]) -> Optional[Tuple[int, int]]:
        """The age in whole years as (least, most), or None when nothing is known."""
        if subject.get("birth_date") is not None:
            b = date.fromisoformat(subject["birth_date"])
            on = self.as_of_date
            years = on.year - b.year - ((on.month, on.day) < (b.month, b.day))
            return years, years
        if subject.get("age") is not None:
            return subject["age"], subject["age"]
        r = subject.get("age_range")
        return (r["min"], r["max"]) if r is not None else None

    def is_child(self, subject: Dict[str, Any]) -> Optional[bool]:
        """The age gate: True, False or None (not known)."""
        if subject.get("birth_date") is not None:
            b = date.fromisoformat(subject["birth_date"])
            on = self.as_of_date
            years = on.year - b.year - ((on.month, on.day) < (b.month, b.day))
            return years < self.majority
        if subject.get("age") is not None:
            return subject["age"] < self.majority
        r = subject.get("age_range")
        if r is not None:
            if r["max"] < self.majority:
                return True
            if r["min"] >= self.majority:
                return False
            return True if self.presume_minor else None
        if self.presume_minor and subject.get("appears_minor") is True:
            return True
        return None

    def present(self, observations: Iterable[Dict[str, Any]]) -> set:
        """The indicators established present (unknown values count as absent)."""
        seen: Dict[str, Any] = {}
        for o in observations:
            if seen.get(o["indicator"]) is None:
                seen[o["indicator"]] = o.get("value")
        out = set()
        for ind, v in seen.items():
            if v is None:
                continue
            if self.kind[ind] == "count":
                if ind in PRESENT_WHEN:
                    if v >= self.absence_threshold:
                        out.add(ind)
                elif v > 0:
                    out.add(ind)
            elif v is True:
                out.add(ind)
        return out

    def dimension_outcome(self, items: set, profile: str) -> Dict[str, Tuple[bool, Any]]:
        """Per dimension: positive, points, under one profile."""
        counts = {d: [0, 0, 0] for d in self.dimensions}
        for item in items:
            g = self.item_grade[item].get(profile)
            if g is not None:
                counts[self.item_dim[item]][GRADES.index(g)] += 1
        out = {}
        gp = self.grade_points
        for d, (s, m, w) in counts.items():
            points = gp["strong"] * s + gp["medium"] * m + gp["weak"] * w
            if self.cap is not None and points > self.cap:
                points = self.cap
            out[d] = (_combination(s, m, w), points)
        return out

    def assess(self, case: Dict[str, Any]) -> Tuple[str, str, Any]:
        """(level, classification, score) established for one case."""
        x = _Ctx()
        x.child_rule_requires_recruitment_dimension = self.child_rule_requires_recruitment_dimension
        child = self.is_child(case.get("subject") or {})
        x.age = self.age(case.get("subject") or {})
        x.child = child is True
        x.adult = child is False
        x.p = present = self.present(case.get("observations") or ())
        items = {self.item_of[i] for i in present if i in self.item_of}

        # Profiles: the one that applies, or both when the child status is not known.
        if child is None:
            a = self.dimension_outcome(items, "child_labour")
            b = self.dimension_outcome(items, "adult_labour")
            dims = {d: (a[d][0] and b[d][0], min(a[d][1], b[d][1])) for d in self.dimensions}
        else:
            dims = self.dimension_outcome(items, "child_labour" if child else "adult_labour")
        x.d = {d for d, (positive, _) in dims.items() if positive}

        x.f = {}
        for name, fn in self.facts:
            x.f[name] = fn(x)
        score = sum(points for _, points in dims.values())
        for fn, points in self.terms:
            if fn(x):
                score += points
        floor = 0
        for fn, level in self.overrides:
            if fn(x) and level > floor:
                floor = level
        level = 0
        for index, threshold in self.thresholds:
            if score >= threshold and index > level:
                level = index
        level = max(level, floor)
        override = case.get("discretionary_override")
        if override:
            if override["direction"] == "raise":
                level = min(level + 1, len(LEVELS) - 1)
            else:
                level = max(level - 1, 0, floor)
        x.level = level
        classification = "insufficient_indicators"
        for fn, result in self.rules:
            if fn(x):
                classification = result
                break
        return LEVELS[level], classification, score


def check(cases: List[Dict[str, Any]], as_of: str = AS_OF, show: int = 10) -> int:
    """Compares the baseline with the engine on every case; returns the disagreements."""
    import putokaz

    protocol = putokaz.Protocol.bundled("bih")
    base = Baseline(as_of=as_of)
    bad = 0
    for c in cases:
        a = protocol.assess(c, as_of=as_of, trace=False, unknowns=0, text=False)
        engine = (a.level.value, a.classification.value, a.score)
        mine = base.assess(c)
        if engine[0] != mine[0] or engine[1] != mine[1] or Decimal(engine[2]) != Decimal(mine[2]):
            bad += 1
            if bad <= show:
                print(f"disagree {c['id']}: engine {engine[0]} {engine[1]} {engine[2]}, "
                      f"baseline {mine[0]} {mine[1]} {mine[2]}", file=sys.stderr)
    print(f"{len(cases)} cases compared, {bad} disagreements")
    return bad


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cases", help="JSON Lines of cases (putokaz synth --seed S --count N)")
    ap.add_argument("--as-of", default=AS_OF)
    ap.add_argument("--check", action="store_true", help="compare with the engine")
    args = ap.parse_args()
    with open(args.cases, encoding="utf-8") as f:
        cases = [json.loads(line) for line in f if line.strip()]
    if args.check:
        sys.exit(1 if check(cases, args.as_of) else 0)
    base = Baseline(as_of=args.as_of)
    for c in cases:
        level, cls, score = base.assess(c)
        print(json.dumps({"id": c["id"], "level": level, "classification": cls, "score": str(score)}))


if __name__ == "__main__":
    main()
