"""The notebook card of an assessment: the level, why, what to ask next, and the
obligations in the order they fall due. Plain HTML with inline styles (notebooks strip
style sheets); every text is escaped."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, List, Optional

if TYPE_CHECKING:
    from ._assessment import Assessment

_LEVEL_COLOURS = {
    "none": "#6b7280",
    "low": "#2563eb",
    "moderate": "#ca8a04",
    "high": "#ea580c",
    "very_high": "#b91c1c",
}
_UNKNOWNS_SHOWN = 5
_STATUS_COLOURS = {"overdue": "#b91c1c", "pending": "#ca8a04", "depends_on_unknown": "#6b7280", "offered": "#2563eb", "met": "#15803d"}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _words(name: str) -> str:
    return _e(name.replace("_", " "))


def _tri(v: Optional[bool]) -> str:
    return "unknown" if v is None else ("yes" if v else "no")


def _badge(text: str, colour: str) -> str:
    return (
        f'<span style="background:{colour};color:#fff;border-radius:3px;padding:1px 6px;'
        f'font-weight:600">{_e(text)}</span>'
    )


def _table(head: List[str], rows: List[List[str]]) -> str:
    th = "".join(f'<th style="text-align:left;padding:2px 8px">{_e(h)}</th>' for h in head)
    body = "".join("<tr>" + "".join(f'<td style="text-align:left;padding:2px 8px;vertical-align:top">{c}</td>' for c in r) + "</tr>" for r in rows)
    return f'<table style="border-collapse:collapse;margin:4px 0">{"<thead><tr>" + th + "</tr></thead>"}<tbody>{body}</tbody></table>'


def assessment_card(a: "Assessment") -> str:
    """The HTML card for one assessment."""
    p = a.protocol
    lo, hi = a.level_range
    level = _badge(a.level.value.replace("_", " "), _LEVEL_COLOURS.get(a.level.value, "#6b7280"))
    span = f"{_words(lo.value)}&#8211;{_words(hi.value)}" if lo != hi else _words(lo.value)
    may = "" if a.level_settled else f' <span style="color:#6b7280">(possible: {span})</span>'
    r = a.score_range
    score = _e(a.score) + ("" if r.settled else f' <span style="color:#6b7280">(possible {_e(r.min)}&#8211;{_e(r.max)})</span>')
    classes = ", ".join(_words(c.value) for c in a.possible_classifications if c != a.classification)
    cls = _words(a.classification.value) + (f' <span style="color:#6b7280">(may become {classes})</span>' if classes else "")
    parts = [
        '<div style="font-family:sans-serif;font-size:13px;border:1px solid #d1d5db;border-radius:6px;padding:8px 12px;max-width:60em">',
        f'<div style="font-size:15px"><b>Case {_e(a.case_id)}</b> &#8212; level {level}{may}</div>',
        f'<div>classification: <b>{cls}</b> &#183; score {score} &#183; child: {_e(_tri(a.is_child))} ({_words(a.child_basis.value)})</div>',
        f'<div style="color:#6b7280">{_e(p.id)} {_e(p.version)} &#183; as of {_e(a.as_of.isoformat())} &#183; {_e(p.digest[:19])}&#8230;</div>',
    ]
    why: List[str] = []
    for d in a.dimensions:
        if d.positive is not False and (d.evidence or d.positive):
            state = "positive" if d.positive else "may be positive"
            ev = _e(", ".join(d.evidence)) if d.evidence else "&#8212;"
            why.append(f"<li>{_e(d.label)}: {_e(state)}, {_e(d.points.min)} points ({ev})</li>")
    if a.policy_floor is not None:
        why.append(f"<li>policy floor: {_e(a.policy_floor.value)}</li>")
    parts.append("<div><b>Why</b><ul style=\"margin:2px 0\">" + ("".join(why) or "<li>no indicator present</li>") + "</ul></div>")
    if a.unknowns:
        rows = [
            [
                f"{_e(u.label)} <code>{_e(u.input)}</code>",
                f"{_words(u.if_present.level.value)}, {_words(u.if_present.classification.value)}",
                f"{_words(u.if_absent.level.value)}, {_words(u.if_absent.classification.value)}",
            ]
            for u in a.unknowns[:_UNKNOWNS_SHOWN]
        ]
        more = len(a.unknowns) - _UNKNOWNS_SHOWN
        tail = f'<div style="color:#6b7280">and {more} more (see <code>.unknowns</code>)</div>' if more > 0 else ""
        parts.append("<div><b>What to ask next</b>" + _table(["input", "if present", "if absent"], rows) + tail + "</div>")
    if a.obligations:
        rows = []
        for o in a.obligations_by_due:
            who = o.actor.institution or o.actor.role
            to = o.recipient.institution or o.recipient.role
            status = _badge(o.status.value.replace("_", " "), _STATUS_COLOURS.get(o.status.value, "#6b7280"))
            due = _e(o.due.strftime("%Y-%m-%d %H:%M")) if o.due else f"after {_e(o.anchor)}"
            what = f'<span title="{_e(o.citation or "")}">{_e(o.label)}</span>'
            rows.append([due, status, _e(who), what, _e(to)])
        head = ["due", "status", "who", "what (hover: citation)", "to whom"]
        parts.append("<div><b>Obligations by due time</b>" + _table(head, rows) + "</div>")
    if a.warnings:
        parts.append("<div><b>Warnings</b><ul style=\"margin:2px 0\">" + "".join(f"<li>{_e(w.message)}</li>" for w in a.warnings) + "</ul></div>")
    if a.relied_on:
        statuses = sorted({r.status for r in a.relied_on})
        parts.append(f'<div style="color:#6b7280">relies on content not yet verified ({_e(", ".join(statuses))})</div>')
    parts.append(f'<details><summary>text</summary><pre style="white-space:pre-wrap">{_e(a.text)}</pre></details>')
    parts.append("</div>")
    return "".join(parts)
