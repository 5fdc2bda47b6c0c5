#!/usr/bin/env python3
"""Build the routing table core/protocols/bih/jurisdictions.csv.

Usage:
    python3 core/protocols/bih/tools/build_jurisdictions.py PATH/TO/bih_locations.json [--out FILE] [--cities-out FILE]

Input: the public municipality list bih_locations.json (145 records; see ROUTING.md for
its origin and licence). The script fixes the known defects of that list, drops the two
aggregate city records, assigns every municipality its canton (FBiH), regional monitoring
team area (RS) or Brčko District, and writes one CSV row per municipality with the
competent coordination team, centre for social work, police, prosecutor and Roma
mediator contact, each institution with its own status.

All mapping tables live in this file. Standard library only; the output is deterministic
(same input, same bytes). Without --out the table is written next to this tools/ folder
as ../jurisdictions.csv.
"""

import argparse
import csv
import json
import os
import sys
from collections import Counter

HEADER = ["municipality", "entity", "area", "coordination_team",
          "csw", "csw_status", "police", "police_status", "prosecutor", "prosecutor_status",
          "roma_mediator", "roma_mediator_status", "status", "note"]

# ---------------------------------------------------------------------------
# 1. Fixes to the input records (SOURCE.md, "Known defects")
# ---------------------------------------------------------------------------

# FBiH records that carry no canton in the input.
CANTON_FIXES = {
    "Gračanica": "TK",
    "Ključ": "USK",
    "Konjic": "HNK",
    "Livno": "K10",
    "Orašje": "PK",
    "Sanski Most": "USK",
    "Vareš": "ZDK",
    "Vogošća": "KS",
}

# Records that carry no entity in the input.
ENTITY_FIXES = {
    "Laktaši": "RS",
    "Istočno Sarajevo": "RS",
}

# Spelling fixes: the input hyphenates two names that are written without a hyphen
# (the input's own municipality.name field and the official lists use the open form).
NAME_FIXES = {
    "Han-Pijesak": "Han Pijesak",
    "Kotor-Varoš": "Kotor Varoš",
}

# Aggregate city records whose constituent municipalities are also in the list.
# The aggregate row is dropped when every constituent is present (no double counting).
AGGREGATES = {
    "Istočno Sarajevo": ["Istočna Ilidža", "Istočni Stari Grad", "Istočno Novo Sarajevo",
                         "Pale (RS)", "Sokolac", "Trnovo (RS)"],
    "Sarajevo": ["Centar", "Novi Grad (Sarajevo)", "Novo Sarajevo", "Stari Grad"],
}

# ---------------------------------------------------------------------------
# 2. FBiH: cantons
# ---------------------------------------------------------------------------

CANTON_GENITIVE = {
    "USK": "Unsko-sanskog kantona",
    "PK": "Posavskog kantona",
    "TK": "Tuzlanskog kantona",
    "ZDK": "Zeničko-dobojskog kantona",
    "BPK": "Bosansko-podrinjskog kantona Goražde",
    "SBK": "Srednjobosanskog kantona",
    "HNK": "Hercegovačko-neretvanskog kantona",
    "ZHK": "Zapadnohercegovačkog kantona",
    "KS": "Kantona Sarajevo",
    "K10": "Kantona 10",
}

# Rows whose canton and team are verified (2023 Jajce memorandum; RMT SBK in Travnik).
FBIH_VERIFIED = {
    "Jajce": "SBK team per the 2023 Jajce memorandum and the RMT SBK coordinator in Travnik; "
             "CSW Jajce named in the memorandum",
    "Travnik": "SBK cantonal seat; RMT SBK coordinator seated here",
}

# Rows whose canton is verified but whose team is inferred.
FBIH_CANTON_VERIFIED = {
    "Tuzla": "canton verified",
}

FBIH_EXTRA_NOTES = {
    "Mostar": "CSW name verified for the City of Mostar",
    "Foča (FBiH)": "also called Foča-Ustikolina",
    "Pale (FBiH)": "also called Pale-Prača",
}

# ---------------------------------------------------------------------------
# 3. RS: regional monitoring team areas (district public prosecutor areas)
#    value: (area code, status, basis)
# ---------------------------------------------------------------------------

V, S, K = "verified", "secondary", "unconfirmed"

OJT_BL = "in the OJT Banja Luka list of 15 municipalities"
OJT_PD = "in the OJT Prijedor list"
DOBOJ_BC = "Basic Court Doboj area (Law on Courts RS 37/12 as amended 44/15)"
DOBOJ_OLD = "basic court in District Court Doboj per the 2004-06 court law"
TREB_BC = "Basic Court Trebinje area (44/15 amendment)"
FOCA_K = "assumed in the Foča basic-court area (District Court Trebinje); list not confirmed"
VIS_S = "Višegrad basic court (District Court Istočno Sarajevo) per the 2004-06 court law"
VLA_S = "Vlasenica basic court (District Court Istočno Sarajevo) per the 2004-06 court law"
SOK_K = "assumed in the Sokolac basic-court area (District Court Istočno Sarajevo); list not found"
BN_OWN = "own basic court; OJT Bijeljina covers the Bijeljina/Zvornik/Srebrenica basic-court areas"
ZVK = ("the 100/17 court-law amendment provided for a District Court Zvornik; "
       "whether a separate OJT/RMT follows was not found")

RS_AREA = {
    # OJT / RMT Banja Luka (the OJT's own list of 15 municipalities)
    "Banja Luka": ("BanjaLuka", V, OJT_BL),
    "Mrkonjić Grad": ("BanjaLuka", V, OJT_BL),
    "Šipovo": ("BanjaLuka", V, OJT_BL),
    "Ribnik": ("BanjaLuka", V, OJT_BL),
    "Prnjavor": ("BanjaLuka", V, OJT_BL),
    "Laktaši": ("BanjaLuka", V, OJT_BL),
    "Kneževo": ("BanjaLuka", V, OJT_BL),
    "Gradiška": ("BanjaLuka", V, OJT_BL),
    "Srbac": ("BanjaLuka", V, OJT_BL),
    "Kotor Varoš": ("BanjaLuka", V, OJT_BL),
    "Čelinac": ("BanjaLuka", V, OJT_BL),
    "Jezero": ("BanjaLuka", V, OJT_BL),
    "Istočni Drvar": ("BanjaLuka", V, OJT_BL),
    "Kupres (RS)": ("BanjaLuka", V, OJT_BL),
    "Petrovac": ("BanjaLuka", S,
                 "the OJT Banja Luka list names Drinić (the seat of Petrovac)"),
    # OJT / RMT Prijedor (the OJT's own list)
    "Prijedor": ("Prijedor", V, OJT_PD),
    "Kozarska Dubica": ("Prijedor", V, OJT_PD),
    "Novi Grad": ("Prijedor", V, OJT_PD),
    "Kostajnica": ("Prijedor", V, OJT_PD),
    "Krupa na Uni": ("Prijedor", V, OJT_PD),
    "Oštra Luka": ("Prijedor", V, OJT_PD),
    # OJT / RMT Doboj (district-court area; basic-court lists)
    "Doboj": ("Doboj", V, DOBOJ_BC),
    "Petrovo": ("Doboj", V, DOBOJ_BC),
    "Stanari": ("Doboj", V, DOBOJ_BC),
    "Derventa": ("Doboj", S, "Derventa " + DOBOJ_OLD),
    "Brod": ("Doboj", S, "Derventa " + DOBOJ_OLD),
    "Modriča": ("Doboj", S, "Modriča " + DOBOJ_OLD),
    "Vukosavlje": ("Doboj", S, "Modriča " + DOBOJ_OLD),
    "Šamac": ("Doboj", S, "Modriča " + DOBOJ_OLD),
    "Pelagićevo": ("Doboj", S, "Modriča " + DOBOJ_OLD),
    "Donji Žabar": ("Doboj", S, "Modriča " + DOBOJ_OLD),
    "Teslić": ("Doboj", S, "own Teslić " + DOBOJ_OLD),
    # OJT / RMT Trebinje (district-court area; basic-court lists)
    "Trebinje": ("Trebinje", V, TREB_BC),
    "Ljubinje": ("Trebinje", V, TREB_BC),
    "Berkovići": ("Trebinje", V, TREB_BC),
    "Bileća": ("Trebinje", V, TREB_BC),
    "Istočni Mostar": ("Trebinje", V, TREB_BC),
    "Nevesinje": ("Trebinje", V, TREB_BC),
    "Gacko": ("Trebinje", V, TREB_BC),
    "Foča (RS)": ("Trebinje", S, "own Foča basic court which belongs to District Court Trebinje"),
    "Čajniče": ("Trebinje", K, FOCA_K),
    "Kalinovik": ("Trebinje", K, FOCA_K),
    # OJT / RMT Istočno Sarajevo (district-court area; basic-court lists)
    "Višegrad": ("IstocnoSarajevo", S, VIS_S),
    "Rudo": ("IstocnoSarajevo", S, VIS_S),
    "Rogatica": ("IstocnoSarajevo", S, VIS_S),
    "Novo Goražde": ("IstocnoSarajevo", K,
                     "Višegrad basic court lists Ustiprača; equivalence with Novo Goražde unconfirmed"),
    "Vlasenica": ("IstocnoSarajevo", S, VLA_S),
    "Šekovići": ("IstocnoSarajevo", S, VLA_S),
    "Han Pijesak": ("IstocnoSarajevo", S, VLA_S),
    "Milići": ("IstocnoSarajevo", S, VLA_S),
    "Sokolac": ("IstocnoSarajevo", S,
                "own Sokolac basic court which belongs to District Court Istočno Sarajevo"),
    "Pale (RS)": ("IstocnoSarajevo", K, SOK_K),
    "Istočno Novo Sarajevo": ("IstocnoSarajevo", K, SOK_K),
    "Istočna Ilidža": ("IstocnoSarajevo", K, SOK_K),
    "Istočni Stari Grad": ("IstocnoSarajevo", K, SOK_K),
    "Trnovo (RS)": ("IstocnoSarajevo", K, SOK_K),
    # OJT / RMT Bijeljina (basic-court areas Bijeljina, Zvornik, Srebrenica)
    "Bijeljina": ("Bijeljina", S, BN_OWN),
    "Zvornik": ("Bijeljina", S, BN_OWN + "; " + ZVK),
    "Srebrenica": ("Bijeljina", S, BN_OWN),
    "Osmaci": ("Bijeljina", S, "Zvornik basic court (Zvornik and Osmaci); " + ZVK),
    "Ugljevik": ("Bijeljina", K, "assumed in the Bijeljina basic-court area by geography"),
    "Lopare": ("Bijeljina", K, "assumed in the Bijeljina basic-court area by geography"),
    "Bratunac": ("Bijeljina", K, "assumed in the Srebrenica basic-court area by geography"),
}

# What was inferred about the area of an RS row (rows not listed here take their area
# from a verified or secondary list as stated in RS_AREA).
_OWN = "that the municipality lies in its namesake basic court"
_GEO = "area assignment (by geography)"
_LIST = "area assignment (basic-court list unconfirmed)"
RS_AREA_INFERRED = {
    "Petrovac": "that Drinić in the list means the municipality of Petrovac",
    "Teslić": _OWN,
    "Foča (RS)": _OWN,
    "Sokolac": _OWN,
    "Bijeljina": _OWN,
    "Zvornik": _OWN,
    "Srebrenica": _OWN,
    "Čajniče": _LIST,
    "Kalinovik": _LIST,
    "Novo Goražde": _LIST,
    "Pale (RS)": _LIST,
    "Istočno Novo Sarajevo": _LIST,
    "Istočna Ilidža": _LIST,
    "Istočni Stari Grad": _LIST,
    "Trnovo (RS)": _LIST,
    "Ugljevik": _GEO,
    "Lopare": _GEO,
    "Bratunac": _GEO,
}

# Police administrations with some support in public reporting (still not a primary act).
RS_POLICE_BASIS = {
    "Modriča": "PS Modriča reported under PU Doboj",
    "Pelagićevo": "PS Pelagićevo reported under PU Bijeljina",
    "Brod": "PS Brod reported under PU Doboj",
    "Derventa": "PS Derventa reported under PU Doboj",
    "Vukosavlje": "police unit Vukosavlje reported under PU Doboj",
}

RS_AREA_SEAT = {
    "BanjaLuka": "Banja Luka",
    "Prijedor": "Prijedor",
    "Doboj": "Doboj",
    "Bijeljina": "Bijeljina",
    "IstocnoSarajevo": "Istočno Sarajevo",
    "Trebinje": "Trebinje",
}

# RS Ministry of Interior police administrations (policijske uprave). All inferred from
# public reporting and geography; none is taken from a primary act.
RS_POLICE = {
    "Banja Luka": ["Banja Luka", "Laktaši", "Čelinac", "Kotor Varoš", "Kneževo", "Prnjavor"],
    "Gradiška": ["Gradiška", "Srbac"],
    "Mrkonjić Grad": ["Mrkonjić Grad", "Ribnik", "Šipovo", "Jezero", "Petrovac",
                      "Istočni Drvar", "Kupres (RS)"],
    "Prijedor": ["Prijedor", "Novi Grad", "Kozarska Dubica", "Kostajnica", "Krupa na Uni",
                 "Oštra Luka"],
    "Doboj": ["Doboj", "Stanari", "Teslić", "Petrovo", "Derventa", "Modriča", "Vukosavlje",
              "Brod", "Šamac"],
    "Bijeljina": ["Bijeljina", "Ugljevik", "Lopare", "Pelagićevo", "Donji Žabar"],
    "Zvornik": ["Zvornik", "Osmaci", "Bratunac", "Srebrenica", "Milići", "Vlasenica",
                "Šekovići"],
    "Istočno Sarajevo": ["Istočno Novo Sarajevo", "Istočna Ilidža", "Istočni Stari Grad",
                         "Pale (RS)", "Sokolac", "Trnovo (RS)", "Rogatica", "Han Pijesak"],
    "Foča": ["Foča (RS)", "Čajniče", "Kalinovik", "Novo Goražde", "Rudo", "Višegrad"],
    "Trebinje": ["Trebinje", "Ljubinje", "Berkovići", "Bileća", "Istočni Mostar", "Nevesinje",
                 "Gacko"],
}

# ---------------------------------------------------------------------------
# 4. Names used inside institution names
# ---------------------------------------------------------------------------

# Row names keep the input's disambiguating suffix ("Foča (RS)"); institution names drop
# it unless two institutions would then read the same (Foča, Pale and Kupres exist in
# both entities: the larger unit gets the bare name).
INSTITUTION_NAME = {
    "Foča (RS)": "Foča",
    "Pale (RS)": "Pale",
    "Trnovo (RS)": "Trnovo",
    "Trnovo (FBiH)": "Trnovo",
    "Novi Grad (Sarajevo)": "Novi Grad",
    "Kupres (FBiH)": "Kupres",
}

BD = {
    "area": "BD",
    "coordination_team": "Koordinacioni tim Brčko distrikta BiH",
    "csw": ("Centar za socijalni rad Brčko distrikta BiH "
            "(Pododjeljenje za socijalnu zaštitu, Odjeljenje za zdravstvo i ostale usluge)"),
    "police": "Policija Brčko distrikta BiH",
    "prosecutor": "Tužilaštvo Brčko distrikta BiH",
    "status": V,
    "note": ("district team verified (one team set up by the Brčko government); "
             "inferred: name of the social-protection sub-department"),
}

# ---------------------------------------------------------------------------
# 5. Institutions: which names were read in a source, and where no centre is known
# ---------------------------------------------------------------------------

# Centres for social work whose existence was read in a source (the JU form of the name
# may still be inferred).
# The value is the note to add (None where the row's note already says it).
CSW_VERIFIED = {
    "Jajce": None,
    "Modriča": "CSW Modriča signed the 2023 memorandum",
    "Mostar": None,
    "Tešanj": "the centre's own rules were read",
    "Zenica": "the centre's own pages were read",
    "Vitez": "the centre signed the 2022 Vitez begging protocol",
}

# Municipalities where no centre for social work is known: small post-war RS
# municipalities. The municipal social-protection service is named instead.
NO_CSW_KNOWN = ["Istočni Drvar", "Istočni Mostar", "Jezero", "Kupres (RS)", "Petrovac"]

# Seats of an RS police administration: the administration named after the town
# certainly covers it.
RS_POLICE_SEATS = {"Banja Luka", "Gradiška", "Mrkonjić Grad", "Prijedor", "Doboj", "Bijeljina",
                   "Zvornik", "Foča (RS)", "Trebinje"}

# Roma partners of the 2023 memoranda and of the Kali Sara project (seed document).
ROMA_PARTNERS = {
    "Jajce": ("Kali Sara – Romski informativni centar (romski medijator prema memorandumu "
              "s CSR Jajce i OŠ Jajce Kruščica, 2023)", V,
              "the 2023 memorandum also commits to including Roma mediators in the SBK team"),
    "Modriča": ("Kali Sara – Romski informativni centar (romski medijator prema memorandumu "
                "s Opštinom Modriča, OŠ Sveti Sava i CSR Modriča, 2023)", V,
                "the 2023 memorandum also commits to including Roma mediators in the RS Doboj team"),
    "Tuzla": ("Klub mladih Roma, Tuzla (partner projekta Kali Sara)", S,
              "inferred: that the project partner seated in Tuzla is the contact for Tuzla"),
    "Prnjavor": ("Romska djevojka – Romani ćej, Prnjavor (partner projekta Kali Sara)", S,
                 "inferred: that the project partner seated in Prnjavor is the contact for Prnjavor"),
}
MEDIATOR_FUNCTION = " – medijatorska funkcija"


def institutions(row, csw_status, police_status, prosecutor_status, extra):
    """Adds the CSW fallback, the statuses and the Roma mediator contact to a row."""
    name = row["municipality"]
    if name in NO_CSW_KNOWN:
        inst = INSTITUTION_NAME.get(name, name)
        row["csw"] = "Opštinska služba socijalne zaštite " + inst
        csw_status = K
        extra.append("no centre for social work is known there: the municipal social-protection "
                     "service is named instead")
    elif name in CSW_VERIFIED:
        csw_status = V
        if CSW_VERIFIED[name]:
            extra.append(CSW_VERIFIED[name])
    row["csw_status"] = csw_status
    row["police_status"] = police_status
    row["prosecutor_status"] = prosecutor_status
    partner = ROMA_PARTNERS.get(name)
    if partner:
        row["roma_mediator"], row["roma_mediator_status"], why = partner
        extra.append(why)
    else:
        # No partner known: the CSW's mediator function, a choice of this pack.
        row["roma_mediator"] = row["csw"] + MEDIATOR_FUNCTION
        row["roma_mediator_status"] = "local_policy"
    if extra:
        row["note"] = row["note"] + "; " + "; ".join(extra)
    return row


# Bosnian alphabetical order (č, ć after c; đ after d; š after s; ž after z).
_ALPHABET = "abcčćdđefghijklmnoprsštuvzž"
_ORDER = {ch: i + 1 for i, ch in enumerate(_ALPHABET)}


def sort_key(name):
    key = []
    for ch in name.lower():
        # spaces, hyphens and brackets sort before letters; unknown characters after
        key.append(_ORDER.get(ch, 0 if not ch.isalpha() else 100 + ord(ch)))
    return (key, name)


def fail(msg):
    sys.stderr.write("build_jurisdictions: " + msg + "\n")
    sys.exit(1)


def load(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    records = []
    for c in data["cities"]:
        name = c["name"]
        entity = (c.get("entity") or {}).get("code")
        region = (c.get("region") or {}).get("code")
        records.append({
            "name": name,
            "entity": entity,
            "region": region,
            "population": (c.get("metrics") or {}).get("population_2013"),
        })
    return records


def apply_fixes(records, log, cities):
    names = Counter(r["name"] for r in records)
    dup = [n for n, k in names.items() if k > 1]
    if dup:
        fail("duplicate names in input: %s" % ", ".join(sorted(dup)))
    by_name = {r["name"]: r for r in records}
    for name, entity in sorted(ENTITY_FIXES.items()):
        r = by_name.get(name)
        if r is None:
            fail("entity fix for unknown record %r" % name)
        if r["entity"] not in (None, entity):
            fail("%s: input entity %r contradicts fix %r" % (name, r["entity"], entity))
        if r["entity"] is None:
            log.append("entity of %s set to %s" % (name, entity))
        r["entity"] = entity
    for name, canton in sorted(CANTON_FIXES.items()):
        r = by_name.get(name)
        if r is None:
            fail("canton fix for unknown record %r" % name)
        if r["entity"] != "FBiH":
            fail("canton fix for non-FBiH record %r" % name)
        if r["region"] not in ("FBiH", None, canton):
            fail("%s: input canton %r contradicts fix %r" % (name, r["region"], canton))
        if r["region"] != canton:
            log.append("canton of %s set to %s" % (name, canton))
        r["region"] = canton
    # aggregates
    kept = []
    for r in records:
        parts = AGGREGATES.get(r["name"])
        if parts is not None:
            missing = [p for p in parts if p not in by_name]
            if missing:
                fail("aggregate %r: constituents missing from the input: %s" % (r["name"], ", ".join(missing)))
            total = sum(by_name[p]["population"] or 0 for p in parts)
            same = "equals" if total == r["population"] else "differs from"
            log.append("dropped aggregate city %s (constituents: %s; 2013 population %s %s "
                       "the sum of its constituents %s)"
                       % (r["name"], ", ".join(parts), r["population"], same, total))
            if total != r["population"]:
                fail("aggregate %r: its population is not the sum of its constituents'" % r["name"])
            cities.append((r["name"], [NAME_FIXES.get(p, p) for p in parts], total))
            continue
        kept.append(r)
    for r in kept:
        fixed = NAME_FIXES.get(r["name"])
        if fixed:
            log.append("name %s written as %s" % (r["name"], fixed))
            r["name"] = fixed
    return kept


def fbih_row(r):
    name, canton = r["name"], r["region"]
    if canton not in CANTON_GENITIVE:
        fail("%s: FBiH record without a known canton (%r)" % (name, canton))
    gen = CANTON_GENITIVE[canton]
    inst = INSTITUTION_NAME.get(name, name)
    if canton == "KS":
        csw = "JU Kantonalni centar za socijalni rad, Služba socijalne zaštite " + inst
    elif name == "Mostar":
        csw = "Centar za socijalni rad Grada Mostara"
    else:
        csw = "JU Centar za socijalni rad " + inst
    inferred = []
    if name in FBIH_VERIFIED:
        status = V
        basis = FBIH_VERIFIED[name]
    else:
        status = S
        basis = FBIH_CANTON_VERIFIED.get(name)
        if basis is None:
            inferred.append("canton from the municipality list" +
                            (" (missing there; fixed)" if name in CANTON_FIXES else ""))
        inferred.append("team from the one-team-per-canton model")
    if name == "Jajce":
        inferred.append("JU form of the CSW name; police/prosecutor names from naming patterns")
    elif name == "Mostar":
        inferred.append("police/prosecutor names from the cantonal patterns")
    elif canton == "KS":
        inferred.append("CSW service name and police/prosecutor names from the cantonal patterns")
    else:
        inferred.append("CSW/police/prosecutor names from naming patterns")
    parts = []
    if basis:
        parts.append(basis)
    extra = FBIH_EXTRA_NOTES.get(name)
    if extra:
        parts.append(extra)
    parts.append("inferred: " + "; ".join(inferred))
    row = {
        "municipality": name,
        "entity": "FBiH",
        "area": canton,
        "coordination_team": "Kantonalni koordinacioni tim za borbu protiv trgovine ljudima " + gen,
        "csw": csw,
        "police": "MUP %s, Uprava policije" % gen,
        "prosecutor": "Kantonalno tužilaštvo " + gen,
        "status": status,
        "note": "; ".join(parts),
    }
    # Names follow the cantonal patterns: every canton has its interior ministry and
    # prosecutor's office, the centre is inferred from the pattern.
    return institutions(row, S, S, S, [])


def rs_row(r, police_of):
    name = r["name"]
    if name not in RS_AREA:
        fail("%s: RS municipality without an area mapping" % name)
    area, status, basis = RS_AREA[name]
    seat = RS_AREA_SEAT[area]
    pu = police_of.get(name)
    if pu is None:
        fail("%s: RS municipality without a police administration" % name)
    inst = INSTITUTION_NAME.get(name, name)
    parts = [basis]
    inferred = []
    if name in RS_AREA_INFERRED:
        inferred.append(RS_AREA_INFERRED[name])
    if name in RS_POLICE_BASIS:
        parts.append(RS_POLICE_BASIS[name])
    else:
        inferred.append("police administration (PU %s)" % pu)
    if name not in NO_CSW_KNOWN:
        inferred.append("CSW name from the pattern")
    row = {
        "municipality": name,
        "entity": "RS",
        "area": area,
        "coordination_team": "Regionalni monitoring tim " + seat,
        "csw": "JU Centar za socijalni rad " + inst,
        "police": "MUP RS, Policijska uprava " + pu,
        "prosecutor": "Okružno javno tužilaštvo " + seat,
        "status": status,
        "note": "; ".join(parts) + "; inferred: " + "; ".join(inferred),
    }
    # The district prosecutor's office is the team area's; the police administration is
    # supported by reporting only for its seat and the towns RS_POLICE_BASIS names.
    police_status = S if name in RS_POLICE_BASIS or name in RS_POLICE_SEATS else K
    return institutions(row, S, police_status, status, [])


def bd_row(r):
    row = {"municipality": r["name"], "entity": "BD"}
    row.update(BD)
    return institutions(row, S, S, S, [])


def build(records):
    police_of = {}
    for pu, munis in RS_POLICE.items():
        for m in munis:
            if m in police_of:
                fail("%s in two police administrations" % m)
            police_of[m] = pu
    rows = []
    for r in records:
        if r["entity"] == "FBiH":
            rows.append(fbih_row(r))
        elif r["entity"] == "RS":
            rows.append(rs_row(r, police_of))
        elif r["entity"] == "BD":
            rows.append(bd_row(r))
        else:
            fail("%s: unknown entity %r" % (r["name"], r["entity"]))
    names = {row["municipality"] for row in rows}
    unused = (sorted(set(RS_AREA) - names) + sorted(set(police_of) - names) +
              sorted(set(RS_AREA_INFERRED) - names) + sorted(set(RS_POLICE_BASIS) - names) +
              sorted(set(FBIH_VERIFIED) - names) + sorted(set(FBIH_CANTON_VERIFIED) - names) +
              sorted(set(FBIH_EXTRA_NOTES) - names) + sorted(set(INSTITUTION_NAME) - names) +
              sorted(set(CSW_VERIFIED) - names) + sorted(set(NO_CSW_KNOWN) - names) +
              sorted(set(RS_POLICE_SEATS) - names) + sorted(set(ROMA_PARTNERS) - names))
    if unused:
        fail("mapping entries matched no record: %s" % ", ".join(unused))
    rows.sort(key=lambda row: sort_key(row["municipality"]))
    return rows


CITIES_HEAD = """\
# Cities made up of municipalities that the routing table lists one by one. Institutions
# are organised by municipality, so a case names the municipality; a case that names one
# of these cities is refused with the list of its municipalities, and the reporter picks
# one. Written by tools/build_jurisdictions.py from the same table that drops the
# aggregate city records from the input (see ROUTING.md, "Aggregate cities").
"""


def cities_toml(cities):
    """The [[cities]] file: each dropped aggregate city with its municipalities."""
    out = [CITIES_HEAD]
    for name, parts, population in sorted(cities, key=lambda c: sort_key(c[0])):
        out.append("\n[[cities]]\nname = %s\nmunicipalities = [%s]\n"
                   "source = \"bih-locations\"\nstatus = \"secondary\"\n"
                   "citation = \"aggregate city record; its 2013 population (%s) is the sum of "
                   "these municipalities'\"\n"
                   % (json.dumps(name, ensure_ascii=False),
                      ", ".join(json.dumps(p, ensure_ascii=False) for p in parts),
                      "{:,}".format(population)))
    return "".join(out)


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("locations", help="path of bih_locations.json")
    ap.add_argument("--out", default=os.path.join(here, os.pardir, "jurisdictions.csv"),
                    help="output CSV (default: ../jurisdictions.csv next to tools/)")
    ap.add_argument("--cities-out", default=os.path.join(here, os.pardir, "cities.toml"),
                    help="output TOML of the aggregate cities (default: ../cities.toml)")
    args = ap.parse_args(argv)

    log = []
    cities = []
    records = apply_fixes(load(args.locations), log, cities)
    rows = build(records)

    with open(args.out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=HEADER, lineterminator="\n")
        w.writeheader()
        for row in rows:
            w.writerow(row)

    with open(args.cities_out, "w", encoding="utf-8", newline="") as f:
        f.write(cities_toml(cities))

    for line in log:
        sys.stderr.write("fix: " + line + "\n")
    by_entity = Counter(row["entity"] for row in rows)
    by_status = Counter(row["status"] for row in rows)
    sys.stderr.write("wrote %d rows to %s (%s; %s)\n" % (
        len(rows), os.path.normpath(args.out),
        ", ".join("%s %d" % kv for kv in sorted(by_entity.items())),
        ", ".join("%s %d" % kv for kv in sorted(by_status.items()))))
    for column in ("csw_status", "police_status", "prosecutor_status", "roma_mediator_status"):
        counts = Counter(row[column] for row in rows)
        sys.stderr.write("  %s: %s\n" % (column, ", ".join("%s %d" % kv for kv in sorted(counts.items()))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
