"""Writes cases.jsonl: synthetic example cases for the analyst notebook.

Every case is made up (seeded, so the file is the same each time): pseudonymous ids,
no names, plausible combinations of the BiH pack's child signals and ILO indicators in
a few municipalities. Run from this directory: ``python make_cases.py``.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

TOWNS = ["Jajce", "Tuzla", "Prnjavor", "Travnik", "Modriča", "Brčko", "Bihać", "Banja Luka"]
CHILD_SIGNALS = [
    "forced_begging",
    "daily_money_quota",
    "begging_with_unrelated_adult",
    "street_work_at_night",
    "living_in_street_situation",
    "child_marriage",
    "not_enrolled_in_school",
    "exploiter_family_member",
    "missing_documents",
]
ILO = [
    "recruited_transported_or_harboured",
    "d1_deceived_nature_of_job",
    "d1_deceived_wages",
    "d4_excessive_hours",
    "d4_low_or_no_pay",
    "d4_no_access_to_education",
    "d5_violence_on_victim",
    "d5_confiscation_of_documents",
    "d5_debt_bondage",
]
REPORTERS = ["school", "csw", "police", "health", "ngo", "citizen"]


def make(n: int = 80, seed: int = 2026) -> list:
    rnd = random.Random(seed)
    cases = []
    for i in range(n):
        town = rnd.choice(TOWNS)
        day, hour = rnd.randint(2, 5), rnd.randint(8, 15)
        case: dict = {
            "id": f"{town[:2].upper()}-2026-{i + 1:03d}",
            "reported_at": f"2026-03-0{day}T{hour:02d}:{rnd.choice(['00', '15', '30', '45'])}:00+01:00",
            "municipality": town,
            "reporter": rnd.choice(REPORTERS),
        }
        kind = rnd.random()
        if kind < 0.55:
            case["subject"] = {"age": rnd.randint(6, 17), "citizenship": "BA"}
        elif kind < 0.7:
            case["subject"] = {"age_range": {"min": 15, "max": 19}, "appears_minor": rnd.random() < 0.5}
        elif kind < 0.9:
            case["subject"] = {"age": rnd.randint(18, 45), "citizenship": rnd.choice(["BA", "BA", "NP", "BD"])}
        observations = []
        for ind in rnd.sample(CHILD_SIGNALS, rnd.randint(0, 3)) + rnd.sample(ILO, rnd.randint(0, 4)):
            observations.append({"indicator": ind, "value": rnd.random() < 0.8})
        if rnd.random() < 0.4:
            observations.append({"indicator": "unexcused_absences", "value": rnd.choice([3, 12, 18, 27, 40])})
        if rnd.random() < 0.3:
            observations.append({"indicator": "roma_community", "value": True})
        if rnd.random() < 0.2:
            observations.append({"indicator": rnd.choice(ILO), "value": None})
        seen: dict = {}
        for o in observations:
            seen.setdefault(o["indicator"], o)
        case["observations"] = list(seen.values())
        if rnd.random() < 0.4:
            case["events"] = [{"kind": "csw_notified", "at": f"2026-03-0{day}T{hour + 2:02d}:00:00+01:00"}]
        cases.append(case)
    return cases


if __name__ == "__main__":
    out = Path(__file__).with_name("cases.jsonl")
    out.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in make()), encoding="utf-8")
    print(f"wrote {out.name}")
