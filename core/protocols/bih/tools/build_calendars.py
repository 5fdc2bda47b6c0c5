#!/usr/bin/env python3
"""Build the holiday calendars core/protocols/bih/calendars.toml.

Usage:
    python3 core/protocols/bih/tools/build_calendars.py [--out FILE] [--putokaz PROGRAM]

Writes three [[calendars]] entries (FBiH, RS, BD) for 2025-01-01 .. 2028-12-31 holding
the days on which institutions are closed for everyone, and (as [[calendars.closures]])
the announced days on which public bodies only are closed. Religious
holidays are not general closing days in any of the three jurisdictions as far as a
legal basis was found, so none is listed. Standard library only; deterministic output.
Without --out the file is written next to this tools/ folder as ../calendars.toml.
Labels are written in bs, hr, sr-Latn, sr-Cyrl and en; the sr-Cyrl label is the
transliteration of the sr-Latn one, written by the engine's own transliterator
(`putokaz translit`; --putokaz names the program, by default `putokaz` on the PATH).
"""

import argparse
import datetime as dt
import functools
import os
import subprocess
import sys

PUTOKAZ = ["putokaz"]


@functools.lru_cache(maxsize=None)
def to_cyrillic(latin):
    """The sr-Cyrl form of an sr-Latn label, as the engine writes it."""
    out = subprocess.run(PUTOKAZ + ["translit", latin], check=True, capture_output=True, text=True)
    return out.stdout.rstrip("\n")

FIRST_YEAR, LAST_YEAR = 2025, 2028
SUNDAY = 6  # date.weekday()
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]  # locale-independent

NEW_YEAR = {"bs": "Nova godina", "hr": "Nova godina", "sr-Latn": "Nova godina",
            "en": "New Year's Day"}
NEW_YEAR_2 = {"bs": "Nova godina (drugi dan)", "hr": "Nova godina (drugi dan)",
              "sr-Latn": "Nova godina (drugi dan)", "en": "New Year (second day)"}
LABOUR = {"bs": "Praznik rada", "hr": "Praznik rada", "sr-Latn": "Praznik rada",
          "en": "Labour Day"}
LABOUR_2 = {"bs": "Praznik rada (drugi dan)", "hr": "Praznik rada (drugi dan)",
            "sr-Latn": "Praznik rada (drugi dan)", "en": "Labour Day (second day)"}
BRCKO_DAY = {"bs": "Dan uspostavljanja Brčko distrikta BiH",
             "hr": "Dan uspostave Brčko distrikta BiH",
             "sr-Latn": "Dan uspostavljanja Brčko distrikta BiH",
             "en": "Brčko District Establishment Day"}


def d(y, m, day):
    return dt.date(y, m, day)


# Days the RS Government declared non-working for "republic bodies and organisations,
# local self-government bodies, public enterprises and institutions" by a conclusion, as
# reported in the press (the conclusions themselves were not read). Which roles of the
# pack that closes is the pack's reading; state-level bodies, health care (which keeps
# its services) and NGOs are not closed by an RS conclusion.
RS_CLOSED = ["csw", "police", "prosecutor", "coordination_team", "school"]
RS_CLOSURES = [
    (d(2026, 1, 14), "rs-conclusion-2026-01-14",
     {"bs": "Neradni dan za republičke organe i javne ustanove (Nova godina po julijanskom kalendaru)",
      "hr": "Neradni dan za republička tijela i javne ustanove (Nova godina po julijanskom kalendaru)",
      "sr-Latn": "Neradni dan za republičke organe i javne ustanove (Nova godina po julijanskom kalendaru)",
      "en": "Non-working day for republic bodies and public institutions (Julian New Year)"},
     "RS Government conclusion of 12 January 2026 (as reported): republic bodies, local "
     "self-government bodies, public enterprises and institutions do not work; which roles "
     "that closes is this pack's reading"),
    (d(2026, 2, 16), "rs-conclusion-2026-02-16",
     {"bs": "Neradni dan za republičke organe i javne ustanove (Sretenje)",
      "hr": "Neradni dan za republička tijela i javne ustanove (Sretenje)",
      "sr-Latn": "Neradni dan za republičke organe i javne ustanove (Sretenje)",
      "en": "Non-working day for republic bodies and public institutions (Sretenje)"},
     "RS Government conclusion of 13 February 2026 (as reported): republic bodies, local "
     "self-government bodies, public enterprises and institutions do not work; which roles "
     "that closes is this pack's reading"),
]


SHORT = {
    1: {"bs": "Nova godina", "hr": "Nova godina", "sr-Latn": "Nova godina", "en": "New Year"},
    3: BRCKO_DAY,
    5: {"bs": "Praznik rada", "hr": "Praznik rada", "sr-Latn": "Praznik rada", "en": "Labour Day"},
}


def after_sunday(month):
    """Label of an extra non-working day that follows a holiday falling on a Sunday."""
    name = SHORT[month]
    return {"bs": "Neradni dan (%s u nedjelju)" % name["bs"],
            "hr": "Neradni dan (%s u nedjelju)" % name["hr"],
            "sr-Latn": "Neradni dan (%s u nedjelju)" % name["sr-Latn"],
            "en": "Non-working day (%s on a Sunday)" % name["en"]}


def moved_second_day(month):
    """Label of the second day of a two-day holiday moved from Sunday to Monday (RS)."""
    name = SHORT[month]
    return {"bs": "%s (drugi dan, prenesen s nedjelje)" % name["bs"],
            "hr": "%s (drugi dan, prenesen s nedjelje)" % name["hr"],
            "sr-Latn": "%s (drugi dan, prenesen s nedjelje)" % name["sr-Latn"],
            "en": "%s (second day, moved from Sunday)" % name["en"]}


# --- FBiH -------------------------------------------------------------------

def fbih_year(y):
    """1-2 Jan and 1-2 May; if either day of a pair is a Sunday, the first day after the
    pair is also non-working. 1 March and 25 November, never moved."""
    out = []
    for (m, first, second) in ((1, NEW_YEAR, NEW_YEAR_2), (5, LABOUR, LABOUR_2)):
        a, b = d(y, m, 1), d(y, m, 2)
        out.append((a, first))
        out.append((b, second))
        if SUNDAY in (a.weekday(), b.weekday()):
            out.append((b + dt.timedelta(days=1), after_sunday(m)))
    out.append((d(y, 3, 1), {"bs": "Dan nezavisnosti BiH", "hr": "Dan neovisnosti BiH",
                             "sr-Latn": "Dan nezavisnosti BiH",
                             "en": "Independence Day of BiH"}))
    out.append((d(y, 11, 25), {"bs": "Dan državnosti BiH", "hr": "Dan državnosti BiH",
                               "sr-Latn": "Dan državnosti BiH", "en": "Statehood Day of BiH"}))
    return out


# --- RS ---------------------------------------------------------------------

def rs_year(y):
    """1-2 Jan, 9 Jan, 1-2 May, 9 May, 21 Nov; if the second day of a two-day holiday is a
    Sunday, it moves to Monday."""
    out = []
    for (m, first, second) in ((1, NEW_YEAR, NEW_YEAR_2), (5, LABOUR, LABOUR_2)):
        a, b = d(y, m, 1), d(y, m, 2)
        out.append((a, first))
        out.append((b, second))
        if b.weekday() == SUNDAY:
            out.append((b + dt.timedelta(days=1), moved_second_day(m)))
    out.append((d(y, 1, 9), {"bs": "Dan Republike", "hr": "Dan Republike",
                             "sr-Latn": "Dan Republike", "en": "Day of the Republic"}))
    out.append((d(y, 5, 9), {"bs": "Dan pobjede nad fašizmom",
                             "hr": "Dan pobjede nad fašizmom",
                             "sr-Latn": "Dan pobjede nad fašizmom",
                             "en": "Victory over Fascism Day"}))
    out.append((d(y, 11, 21), {
        "bs": "Dan uspostavljanja Opšteg okvirnog sporazuma za mir u BiH",
        "hr": "Dan uspostave Općeg okvirnog sporazuma za mir u BiH",
        "sr-Latn": "Dan uspostavljanja Opšteg okvirnog sporazuma za mir u BiH",
        "en": "Day of the General Framework Agreement for Peace in BiH"}))
    return out


# --- BD ---------------------------------------------------------------------

def bd_year(y):
    """1-2 Jan, 8 Mar, 1-2 May; if a holiday falls on a Sunday, the next working day is
    non-working (next day that is neither a weekend day nor already a holiday)."""
    base = [
        (d(y, 1, 1), NEW_YEAR),
        (d(y, 1, 2), NEW_YEAR_2),
        (d(y, 3, 8), BRCKO_DAY),
        (d(y, 5, 1), LABOUR),
        (d(y, 5, 2), LABOUR_2),
    ]
    taken = {day for day, _ in base}
    out = list(base)
    for day, _ in base:
        if day.weekday() != SUNDAY:
            continue
        nxt = day + dt.timedelta(days=1)
        while nxt.weekday() >= 5 or nxt in taken:
            nxt += dt.timedelta(days=1)
        taken.add(nxt)
        out.append((nxt, after_sunday(day.month)))
    return out


def days(rule, first=FIRST_YEAR, last=LAST_YEAR):
    out = []
    for y in range(first, last + 1):
        out.extend(rule(y))
    out.sort(key=lambda x: x[0])
    seen = set()
    for day, _ in out:
        if day in seen:
            raise SystemExit("build_calendars: %s listed twice" % day)
        seen.add(day)
    return out


# --- movable feasts, used only for the collision report -----------------------

def western_easter(y):
    a, b, c = y % 19, y // 100, y % 100
    dd, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - dd - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return d(y, month, day)


def orthodox_easter(y):
    a, b, c = y % 4, y % 7, y % 19
    dd = (19 * c + 15) % 30
    e = (2 * a + 4 * b - dd + 34) % 7
    month = (dd + e + 114) // 31
    day = (dd + e + 114) % 31 + 1
    julian = d(y, month, day)
    return julian + dt.timedelta(days=13)  # valid 1900-2099


def self_check():
    """Known cases (precedents and collisions); a failure stops the build."""
    fb = {day for day, _ in days(fbih_year, 2022, 2028)}
    rs = {day for day, _ in days(rs_year, 2025, 2028)}
    bd = {day for day, _ in days(bd_year, 2025, 2028)}
    assert d(2022, 1, 3) in fb, "FBiH: 3 Jan 2022 (2 Jan was a Sunday)"
    assert d(2027, 5, 3) in fb, "FBiH: 3 May 2027"
    assert d(2028, 1, 3) in fb, "FBiH: 3 Jan 2028"
    assert d(2027, 1, 4) not in fb, "FBiH: 2 Jan 2027 is a Saturday, nothing is added"
    assert d(2027, 5, 3) in rs and d(2028, 1, 3) in rs, "RS: moved second days"
    assert d(2027, 5, 3) in bd and d(2028, 1, 3) in bd, "BD: Sunday rule"
    assert d(2026, 3, 9) in bd, "BD: 8 Mar 2026 is a Sunday"
    assert d(2026, 1, 14) not in rs, "RS: 14 Jan is not closed for everyone"
    assert orthodox_easter(2027) == d(2027, 5, 2), "Orthodox Easter 2027"
    for y, w, o in ((2025, (4, 20), (4, 20)), (2026, (4, 5), (4, 12)),
                    (2027, (3, 28), (5, 2)), (2028, (4, 16), (4, 16))):
        assert western_easter(y) == d(y, *w) and orthodox_easter(y) == d(y, *o), y


def collisions():
    lines = []
    cal = {"FBiH": days(fbih_year), "RS": days(rs_year), "BD": days(bd_year)}
    for y in range(FIRST_YEAR, LAST_YEAR + 1):
        feasts = {
            "Catholic Easter Monday": western_easter(y) + dt.timedelta(days=1),
            "Orthodox Good Friday": orthodox_easter(y) - dt.timedelta(days=2),
            "Orthodox Easter Sunday": orthodox_easter(y),
            "Orthodox Easter Monday": orthodox_easter(y) + dt.timedelta(days=1),
        }
        for feast, day in sorted(feasts.items(), key=lambda kv: kv[1]):
            if day.weekday() >= 5:
                continue  # a weekend day is closed anyway
            for ent in ("FBiH", "RS", "BD"):
                for hday, label in cal[ent]:
                    if hday == day:
                        lines.append('%s %s: %s falls on the listed day "%s"' % (
                            day.isoformat(), ent, feast, label["en"]))
    return lines


def esc(s):
    return s.replace("\\", "\\\\").replace('"', '\\"')


def holiday_lines(entries):
    out = []
    for day, label in entries:
        out.append('  { date = "%s", label = { bs = "%s", hr = "%s", "sr-Latn" = "%s", '
                   '"sr-Cyrl" = "%s", en = "%s" } },  # %s' % (
                       day.isoformat(), esc(label["bs"]), esc(label["hr"]),
                       esc(label["sr-Latn"]), esc(to_cyrillic(label["sr-Latn"])),
                       esc(label["en"]), WEEKDAYS[day.weekday()]))
    return out


def closure_lines(entries, closed):
    out = []
    roles = ", ".join('"%s"' % r for r in closed)
    for day, source, label, citation in entries:
        out.append("")
        out.append("[[calendars.closures]]  # %s" % WEEKDAYS[day.weekday()])
        out.append('date = "%s"' % day.isoformat())
        out.append('label = { bs = "%s", hr = "%s", "sr-Latn" = "%s", "sr-Cyrl" = "%s", en = "%s" }' % (
            esc(label["bs"]), esc(label["hr"]), esc(label["sr-Latn"]),
            esc(to_cyrillic(label["sr-Latn"])), esc(label["en"])))
        out.append("closed = [%s]" % roles)
        out.append('source = "%s"' % source)
        out.append('status = "secondary"')
        out.append('citation = "%s"' % esc(citation))
    return out


def render():
    L = []
    L.append("# Holiday calendars for business-day deadlines (generated by tools/build_calendars.py;")
    L.append("# edit the generator, not this file). Holidays are the days on which institutions")
    L.append("# are closed for everyone; closures the days on which some are (announced")
    L.append("# non-working days of public bodies). Religious holidays are leave days for believers (FBiH:")
    L.append("# up to 4 days a year under the Labour Law; RS: paid absence under Art. 7 of the")
    L.append("# holidays law) and are not listed. A holiday that falls on a weekend is still listed.")
    L.append("# Working-day collisions of Easter Monday / Orthodox Good Friday with listed days:")
    for line in collisions():
        L.append("#   " + line)
    L.append("")
    L.append("# Federation of BiH. 1-2 Jan and 1-2 May (ex-SFRY holidays law applied as federal law);")
    L.append("# if either day of a pair is a Sunday the first day after the pair is also")
    L.append("# non-working (3 Jan 2022 precedent; in range: 3 May 2027 and 3 Jan 2028).")
    L.append("# 1 March and 25 November are single days and are not moved when they fall on a")
    L.append("# weekend; an extra day the FBiH Government may add by decision is not foreseeable.")
    L.append("[[calendars]]")
    L.append('entity = "FBiH"')
    L.append('covers = { from = "%d-01-01", to = "%d-12-31" }' % (FIRST_YEAR, LAST_YEAR))
    L.append('weekend = ["sat", "sun"]')
    L.append('source = "fbih-holidays"')
    L.append('status = "verified"')
    L.append("holidays = [")
    L.extend(holiday_lines(days(fbih_year)))
    L.append("]")
    L.append("")
    L.append("# Republika Srpska. Zakon o praznicima RS (Sl. glasnik RS 43/07): 1-2 Jan, 1-2 May,")
    L.append("# 9 May, 21 Nov; if the second day of a two-day holiday is a Sunday it moves to")
    L.append("# Monday (3 May 2027, 3 Jan 2028). 9 Jan left the holidays law after the BiH")
    L.append("# Constitutional Court decision (Sl. glasnik BiH 77/16) but stays non-working under")
    L.append("# the separate Law on the Day of the Republic and a Government decision.")
    L.append("# Closures (not holidays): 14 Jan (Julian New Year) and other days are non-working")
    L.append("# only for republic and local bodies, public enterprises and institutions, by a")
    L.append("# Government conclusion adopted each time (Wed 2026-01-14, Mon 2026-02-16); they")
    L.append("# move the deadlines of the institutions they close. Add a day once its conclusion")
    L.append("# is published. Not closures: 6-7 Jan (Orthodox Christmas Eve and Christmas), which")
    L.append("# the Ministry of Administration announces among the non-working days but as paid")
    L.append("# absence for Orthodox believers (the religious-leave rule below), not a closure.")
    L.append("# Not listed: religious holidays (believers only, Art. 7). In 2027 the moved Labour")
    L.append("# Day (3 May) is also Orthodox Easter Monday.")
    L.append("[[calendars]]")
    L.append('entity = "RS"')
    L.append('covers = { from = "%d-01-01", to = "%d-12-31" }' % (FIRST_YEAR, LAST_YEAR))
    L.append('weekend = ["sat", "sun"]')
    L.append('source = "rs-holidays-law"')
    L.append('status = "verified"')
    L.append("holidays = [")
    L.extend(holiday_lines(days(rs_year)))
    L.append("]")
    L.extend(closure_lines(RS_CLOSURES, RS_CLOSED))
    L.append("")
    L.append("# Brčko District. Zakon o praznicima BD (Sl. glasnik BD 19/02, 19/22): 1-2 Jan, 8 Mar,")
    L.append("# 1-2 May; if a holiday falls on a Sunday, the next working day is non-working.")
    L.append("# Not listed: the religious days sometimes shown as closing days for everyone in BD")
    L.append("# (Orthodox Christmas 7 Jan, Catholic Christmas 25 Dec, Orthodox Good Friday,")
    L.append("# Catholic Easter Monday, first day of each Bajram). They appear in a secondary")
    L.append("# calendar only; no legal basis (a BD law or government act) was found, so they are")
    L.append("# left out until one is.")
    L.append("[[calendars]]")
    L.append('entity = "BD"')
    L.append('covers = { from = "%d-01-01", to = "%d-12-31" }' % (FIRST_YEAR, LAST_YEAR))
    L.append('weekend = ["sat", "sun"]')
    L.append('source = "bd-holidays-law"')
    L.append('status = "verified"')
    L.append("holidays = [")
    L.extend(holiday_lines(days(bd_year)))
    L.append("]")
    return "\n".join(L) + "\n"


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(here, os.pardir, "calendars.toml"),
                    help="output TOML (default: ../calendars.toml next to tools/)")
    ap.add_argument("--putokaz", default="putokaz",
                    help="the putokaz program that transliterates (default: putokaz on the PATH)")
    args = ap.parse_args(argv)
    PUTOKAZ[:] = [args.putokaz]
    self_check()
    text = render()
    try:  # Python 3.11+: make sure the output parses
        import tomllib
        tomllib.loads(text)
    except ImportError:
        pass
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    sys.stderr.write("wrote %s\n" % os.path.normpath(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
