"""The key reference of docs/campaign-format.md, generated from the loader's own field tables (game.campaign.schema)
so that it cannot drift from what the loader accepts: every key's type, range and default come from the tables,
its meaning from `DOCS` below (the JSON Schema's descriptions use the same words). The hand-written parts of the
document stay hand-written: only the blocks between the markers are replaced.

    text = update(Path("docs/campaign-format.md").read_text())      # tools/build_docs.py writes it back
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import schema
from .model import ADVERSARY_VARS, ALLY_VARS, US_VARS

TABLES = ("TOP", "CALENDAR", "US", "ALLY", "ADVERSARY", "EVENT", "EFFECT", "SCORE_WEIGHTS")
BLOCK = re.compile(r"(<!-- generated: (\w+) -->\n)(.*?)(<!-- end generated -->)", re.DOTALL)


@dataclass(frozen=True)
class Doc:
    meaning: str
    type: str = ""           # said instead of what the field's kind gives, where the loader checks more
    default: str = ""        # said instead of the field's default, where the model fills it in


SHARE = "share (0 to 1)"
DOCS: dict[str, dict[str, Doc]] = {
    "TOP": {
        "id": Doc("The campaign's id. For the campaigns shipped in `campaigns/` it matches the file name."),
        "name": Doc("Title shown in the campaign list."),
        "description": Doc("One paragraph shown on the title screen."),
        "briefing": Doc("The situation, read before turn 1 (several paragraphs are fine)."),
        "turns": Doc("Number of turns in the game."),
        "calendar": Doc("How turns are labelled; see below."),
        "map": Doc("Whose borders the map draws: today's, or those of 1969 in Europe (the Soviet Union with the "
                   "Baltic states, Belarus and Ukraine; West and East Germany; Czechoslovakia; Yugoslavia). On the "
                   "1969 map, `country` codes are those of the time: `SUN`, `DEU` (West Germany), `DDR`, `CSK`, "
                   "`YUG`. The 1969 map has no Indo-Pacific theatre."),
        "us": Doc("The United States; see below."),
        "allies": Doc("The allies and partners; see below."),
        "adversaries": Doc("The adversaries; see below."),
        "events": Doc("Scripted and conditional events; see below."),
        "goals": Doc("Goals listed in the briefing."),
        "sources": Doc("Where the figures come from."),
        "score_weights": Doc("Weight of each pillar in the final score; see below.", default="each pillar 1"),
        "settled": Doc("true: every ally starts at rest, its spending exactly the level the model's target gives it "
                       "(the model sets its `baseline` to make it so, unless the ally names one), so only changes in "
                       "threat, protection and your orders move it. Use it for present-day campaigns; leave it false "
                       "for historical ones, where allies were out of balance and the data should show them moving."),
    },
    "CALENDAR": {
        "start": Doc("Year of the first turn."),
        "step": Doc("Length of a turn. Labels read `2025`, `2025 H2`, `2025 Q3`, `Mar 2025`."),
    },
    "US": {
        "budget": Doc("What Washington can spend on its alliance commitments, US$ billion a year. Flat for the "
                      "whole game."),
        "domestic_pressure": Doc("How hard Congress and voters push to pull back. Makes conditional pressure more "
                                 "credible, and retrenchment more tempting."),
        "credibility": Doc("How far the world believes U.S. commitments in general."),
        "guideline": Doc("% of GDP Washington asks of every ally: the base of each ally's fair share (more for a "
                         "graver threat) and of Congress's complaint about free-riding. Before NATO's 2 % "
                         "guideline an era had its own yardstick.", default="NATO's 2 %"),
    },
    "ALLY": {
        "id": Doc("Used by events, conditions and plan files."),
        "name": Doc("Shown in the window."),
        "country": Doc("ISO 3166-1 alpha-3 code (`POL`, `JPN`, `TWN`): picks the outline on the map."),
        "theatre": Doc("Region the ally belongs to (`europe`, `indo_pacific`...). Withdrawals spill over most within "
                       "a theatre."),
        "adversary": Doc("The adversary it faces; must be the id of one of the `adversaries`."),
        "gdp": Doc("Gross domestic product, US$ billion."),
        "spending": Doc("Defence spending, % of GDP, at the start."),
        "threat": Doc("How threatened it feels. Also its exposure: how hard threat events hit it."),
        "trust": Doc("How far it trusts the U.S. commitment."),
        "alignment": Doc("How closely it follows U.S. preferences."),
        "presence": Doc("U.S. forward presence on its soil (1 = the full planned presence)."),
        "upkeep": Doc("U.S. cost of presence 1.0 there, US$ billion a year."),
        "latency": Doc("Nuclear latency: how close it could get to a bomb."),
        "trade_dependence": Doc("Trade dependence on its adversary; damps balancing."),
        "responsiveness": Doc("How strongly its politics answer U.S. pressure."),
        "hedging": Doc("Hedging at the start (nuclear latency work, accommodation of the adversary)."),
        "dispute": Doc("Its own quarrels with the adversary: the root of entrapment."),
        "ceiling": Doc("The most it can spend, % of GDP (domestic limits). Must be at least `spending`."),
        "baseline": Doc("What it would spend, % of GDP, with no threat from this adversary at all: a global role or "
                        "overseas commitments (France, the UK) keep it above the floor.",
                        default="the model's peacetime floor (0.9)"),
        "partner": Doc("A partner rather than a treaty ally (Taiwan, for instance)."),
        "hub": Doc("A logistics hub (Germany, Japan): U.S. forces there carry the reinforcement of the theatre's "
                   "exposed allies, so a withdrawal from it thins their deterrence as well."),
        "valuable": Doc("So valuable to U.S. strategy that Washington could hardly leave it: it discounts threats of "
                        "abandonment, so pressure moves it less unless Washington points at Congress. A hub always "
                        "is."),
        "nuclear_power": Doc("Has its own nuclear deterrent (the UK, France): it is hard to attack, and its forces "
                             "count for more in its partners' defence."),
        "note": Doc("Free text for the author; not used by the game."),
    },
    "ADVERSARY": {
        "id": Doc("Used by allies' `adversary`, events and conditions; ally and adversary ids all differ."),
        "name": Doc("Shown in the window."),
        "country": Doc("ISO 3166-1 alpha-3 code (`RUS`, `CHN`): picks the outline on the map."),
        "theatre": Doc("Region it threatens."),
        "capability": Doc("Military expenditure, US$ billion a year."),
        "growth": Doc("Growth of capability per turn, as a fraction (0.02 = 2% a turn)."),
        "revisionism": Doc("Appetite for probing allies where deterrence looks thin."),
        "note": Doc("Free text for the author; not used by the game."),
    },
    "EVENT": {
        "id": Doc("Unique among events."),
        "title": Doc("Dialog title."),
        "text": Doc("Dialog text."),
        "effects": Doc("What changes; see below.", type="list of effects, at least one"),
        "turn": Doc("Scripted event: fires at the start of this turn.", type="whole number, 1 to `turns`"),
        "when": Doc("Conditional event: fires at the start of any turn where the condition holds."),
        "once": Doc("A conditional event fires at most once per game unless this is `false`."),
    },
    "EFFECT": {
        "target": Doc("Who is changed. `allies` means every ally.", type="ally id, adversary id, `us` or `allies`"),
        "var": Doc("Which variable: see the table below.", type="variable name"),
        "add": Doc("Amount added (negative to subtract). In play, shares are kept between 0 and 1, spending between "
                   "0 and the ally's ceiling, and other values at 0 or above."),
        "scale": Doc("`exposure` multiplies `add` by each ally's starting `threat`, so front-line allies feel more. "
                     "Only for ally targets."),
        "theatre": Doc("With target `allies` only: limit the effect to the allies of this theatre."),
    },
    "SCORE_WEIGHTS": {pillar: Doc(f"Weight of the {pillar} pillar in the final score.")
                      for pillar in schema.SCORE_WEIGHTS},
}


def _number(x: float) -> str:
    """1900 for a year, 100,000 for money: thousands are grouped from five digits on."""
    whole = isinstance(x, int) or float(x).is_integer()
    text = f"{int(x)}" if whole else f"{x:g}"
    return f"{int(x):,}" if whole and abs(x) >= 10_000 else text


def type_of(spec: schema.Field) -> str:
    kind = spec.kind
    if kind == "num":
        if (spec.lo, spec.hi) == (0, 1):
            return SHARE
        return f"{_number(spec.lo)} to {_number(spec.hi)}" + (f" ({spec.unit})" if spec.unit else "")
    if kind == "int":
        top = f" to {_number(spec.hi)}" if spec.hi is not None else " or more"
        return f"whole number, {_number(spec.lo)}{top}"
    if kind in ("list", "strlist"):
        what = "texts" if kind == "strlist" else "mappings"
        if spec.max_items:
            return f"list of {spec.min_items} to {spec.max_items} {what}"
        return f"list of {what}" + (", at least one" if spec.min_items == 1 else "")
    if kind == "enum":
        names = [f"`{c}`" for c in spec.choices]
        return ", ".join(names[:-1]) + f" or {names[-1]}"
    if kind == "str" and spec.max_len != schema.Field("str").max_len:
        return f"text, at most {spec.max_len} characters"
    return {"id": "id", "str": "text", "text": "text (may be empty)", "country": "3 capital letters",
            "bool": "true / false", "map": "mapping", "expr": "condition"}[kind]


def default_of(spec: schema.Field) -> str:
    d = spec.default
    if spec.required:
        return "required"
    if d is None or d == ():
        return "none"
    if isinstance(d, bool):
        return "true" if d else "false"
    if isinstance(d, str):
        return f"`{d}`" if d else "none" if spec.kind == "id" else "empty"
    return _number(d)


def table(name: str) -> str:
    """One table of the reference, as Markdown."""
    docs = DOCS[name]
    rows = ["| key | type | default | meaning |", "|---|---|---|---|"]
    for key, spec in getattr(schema, name).items():
        doc = docs[key]
        rows.append(f"| `{key}` | {doc.type or type_of(spec)} | {doc.default or default_of(spec)} | {doc.meaning} |")
    return "\n".join(rows) + "\n"


def variables_table() -> str:
    """Which variable an effect (or a condition) may name, by kind of target."""
    def names(variables):
        return ", ".join(f"`{v}`" for v in variables)
    return ("| target kind | variables |\n|---|---|\n"
            f"| an ally, or `allies` | {names(ALLY_VARS)} |\n| an adversary | {names(ADVERSARY_VARS)} |\n"
            f"| `us` | {names(US_VARS)} |\n")


def generated(name: str) -> str:
    return variables_table() if name == "VARIABLES" else table(name)


def update(document: str) -> str:
    """`document` with every generated block written anew from the tables."""
    return BLOCK.sub(lambda m: m.group(1) + generated(m.group(2)) + m.group(4), document)


def description(table_name: str, key: str) -> str:
    """The meaning as plain text, for the JSON Schema (editors show it on hover)."""
    return DOCS[table_name][key].meaning.replace("`", "")
