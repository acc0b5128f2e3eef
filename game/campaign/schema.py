"""What each mapping of a campaign file may hold, and the generic checks of one value against its field.

One small table per mapping (top level, calendar, us, ally, adversary, event, effect, score_weights) gives each
key's kind, whether it is required, its default, its range and what it means: each key is declared here once, and
the key reference and the JSON Schema are generated from it. `Checker.mapping` applies a table to a located
mapping and reports every problem (missing, unknown, mistyped, out-of-range keys) without stopping.
Cross-references between parts of the file (ally -> adversary, effect -> target...) are checked in `loader`.
"""
from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from typing import Any

from game.text_rules import text_problem

from .errors import Problem
from .model import CALENDAR_STEPS, MAP_ERAS, PILLARS
from .safe_yaml import Mapping, Node, Scalar, Sequence, describe

REQUIRED = object()      # default of a required key
INVALID = object()       # what a check returns for a value it has reported

ID_RE = re.compile(r"[a-z][a-z0-9_]*\Z")
COUNTRY_RE = re.compile(r"[A-Z]{3}\Z")
NUMBER_RE = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\Z")
EXPONENT_RE = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+\Z")
RESERVED_IDS = ("us", "allies", "turn", "and", "or", "not")
ID_LEN = 64
NAME_LEN = 80            # names and titles are drawn on one line, on the map and in lists
# Money and capability in US$ bn: from a tenth of a billion to a hundred thousand billion (the world's GDP). Outside
# that, sums and growth over 60 turns overflow or vanish (capability 1e300 with growth; 5e-324 gives 0/0 = NaN).
MONEY_MAX = 1e5
BN_A_YEAR = "US$ bn a year"
PLACEHOLDER = "TODO"     # what `fairshare new` writes where the shipped data lacks a figure


@dataclass(frozen=True)
class Field:
    """kind: id, str (non-empty), text (may be empty), country, num, int, bool, enum, strlist, list, map, expr."""

    kind: str
    default: Any = REQUIRED
    lo: float | None = None
    hi: float | None = None
    choices: tuple[str, ...] = ()
    min_items: int = 0
    max_items: int | None = None
    max_len: int = 5000            # characters, for texts: wrapping and drawing stay fast, the window stays usable
    unit: str = ""                 # said in a range error, e.g. "US$ bn a year"
    # What the key means, for the key reference of docs/campaign-format.md and the JSON Schema's descriptions
    # (game.campaign.reference, game.campaign.jsonschema), and what they say instead of the type and default the
    # field's kind gives, where the loader checks more or the model fills the value in.
    meaning: str = ""
    shown_type: str = ""
    shown_default: str = ""

    @property
    def required(self) -> bool:
        return self.default is REQUIRED


def unit(default: Any = REQUIRED, meaning: str = "") -> Field:
    """A share between 0 and 1."""
    return Field("num", default, 0, 1, meaning=meaning)


TOP = {
    "id": Field("id", meaning="The campaign's id. For the campaigns shipped in `campaigns/` it matches the file name."),
    "name": Field("str", max_len=NAME_LEN, meaning="Title shown in the campaign list."),
    "description": Field("str", meaning="One paragraph shown on the title screen."),
    "briefing": Field("str", meaning="The situation, read before turn 1 (several paragraphs are fine)."),
    "turns": Field("int", REQUIRED, 1, 60, meaning="Number of turns in the game."),
    "calendar": Field("map", meaning="How turns are labelled; see below."),
    "map": Field("enum", "today", choices=MAP_ERAS,
                 meaning="Whose borders the map draws: today's, or those of 1969 (in Europe the Soviet Union with "
                         "the Baltic states, Belarus and Ukraine, West and East Germany, Czechoslovakia, Yugoslavia; "
                         "in the Indo-Pacific the Soviet Union with Central Asia, North and South Vietnam, Pakistan "
                         "with East Pakistan). On the 1969 map, `country` codes are those of the time: `SUN`, `DEU` "
                         "(West Germany), `DDR`, `CSK`, `YUG`, `VDR` (North Vietnam), `VNM` (South Vietnam), `PAK`."),
    "us": Field("map", meaning="The United States; see below."),
    "allies": Field("list", REQUIRED, min_items=1, max_items=40, meaning="The allies and partners; see below."),
    "adversaries": Field("list", REQUIRED, min_items=1, max_items=10, meaning="The adversaries; see below."),
    "events": Field("list", (), meaning="Scripted and conditional events; see below."),
    "goals": Field("strlist", (), meaning="Goals listed in the briefing."),
    "sources": Field("strlist", REQUIRED, min_items=1, meaning="Where the figures come from."),
    "score_weights": Field("map", None,
                           meaning="Weight of each pillar in the final score; see below.",
                           shown_default="each pillar 1"),
    "translations": Field("map", None,
                          meaning="The campaign's text in other languages: a language's code (`de`, `pl`) -> its "
                                  "text; see below. The keys above are the English."),
    "settled": Field("bool", False,
                     meaning="true: every ally starts at rest, its spending exactly the level the model's target "
                             "gives it (the model sets its `baseline` to make it so, unless the ally names one), so "
                             "only changes in threat, protection and your orders move it. Use it for present-day "
                             "campaigns; leave it false for historical ones, where allies were out of balance and the "
                             "data should show them moving."),
}

CALENDAR = {
    "start": Field("int", REQUIRED, 1900, 2200, meaning="Year of the first turn."),
    "step": Field("enum", "year", choices=CALENDAR_STEPS,
                  meaning="Length of a turn. Labels read `2025`, `2025 H2`, `2025 Q3`, `Mar 2025`."),
}

US = {
    "budget": Field("num", REQUIRED, 0.1, MONEY_MAX, unit=BN_A_YEAR,
                    meaning="What Washington can spend on its alliance commitments, US$ billion a year. Flat for the "
                            "whole game."),
    "domestic_pressure": unit(0.3,
                              meaning="How hard Congress and voters push to pull back. Makes conditional pressure "
                                      "more credible, and retrenchment more tempting."),
    "credibility": unit(0.7, meaning="How far the world believes U.S. commitments in general."),
    "guideline": Field("num", None, 0.5, 10,
                       meaning="% of GDP Washington asks of every ally: the base of each ally's fair share (more for a "
                               "graver threat) and of Congress's complaint about free-riding. Before NATO's 2 % "
                               "guideline an era had its own yardstick. The screens and exports measure spending "
                               "against it: the map's colours (orange under it, blue above), the spending bars, "
                               "the legends' and charts' line, the title's campaign card, the briefing and the help.",
                       shown_default="NATO's 2 %"),
}

ALLY = {
    "id": Field("id", meaning="Used by events, conditions and plan files."),
    "name": Field("str", max_len=NAME_LEN, meaning="Shown in the window."),
    "country": Field("country", meaning="ISO 3166-1 alpha-3 code (`POL`, `JPN`, `TWN`): picks the outline on the map."),
    "theatre": Field("id",
                     meaning="Region the ally belongs to (`europe`, `indo_pacific`...). Withdrawals spill over most "
                             "within a theatre."),
    "adversary": Field("id", meaning="The adversary it faces; must be the id of one of the `adversaries`."),
    "gdp": Field("num", REQUIRED, 0.1, MONEY_MAX, unit="US$ bn", meaning="Gross domestic product, US$ billion."),
    "spending": Field("num", REQUIRED, 0, 20, meaning="Defence spending, % of GDP, at the start."),
    "threat": unit(meaning="How threatened it feels. Also its exposure: how hard threat events hit it."),
    "trust": unit(meaning="How far it trusts the U.S. commitment."),
    "alignment": unit(meaning="How closely it follows U.S. preferences."),
    "presence": unit(meaning="U.S. forward presence on its soil (1 = the full planned presence)."),
    "upkeep": Field("num", REQUIRED, 0, MONEY_MAX, unit=BN_A_YEAR,
                    meaning="U.S. cost of presence 1.0 there, US$ billion a year."),
    "latency": unit(0.0, meaning="Nuclear latency: how close it could get to a bomb."),
    "trade_dependence": unit(0.0, meaning="Trade dependence on its adversary; damps balancing."),
    "responsiveness": Field("num", 1.0, 0.1, 3, meaning="How strongly its politics answer U.S. pressure."),
    "hedging": unit(0.0, meaning="Hedging at the start (nuclear latency work, accommodation of the adversary)."),
    "dispute": unit(0.0, meaning="Its own quarrels with the adversary: the root of entrapment."),
    "ceiling": Field("num", 5.0, 0.5, 20,
                     meaning="The most it can spend, % of GDP (domestic limits). Must be at least `spending`."),
    "baseline": Field("num", None, 0, 10,
                      meaning="What it would spend, % of GDP, with no threat from this adversary at all: a global "
                              "role or overseas commitments (France, the UK) keep it above the floor.",
                      shown_default="the model's peacetime floor (0.9)"),
    "offset": Field("num", 0.0, 0, MONEY_MAX, unit=BN_A_YEAR,
                    meaning="What it pays the U.S. toward the cost of the U.S. forces on its soil at the start, US$ "
                            "billion a year: offset agreements (West Germany's purchases of U.S. arms and bonds in "
                            "the 1960s), host-nation support (Japan's from 1978). It lowers what those forces cost "
                            "Washington, up to their whole cost, and counts in the burden pillar as a dollar the U.S. "
                            "saves; events may change it (`var: offset`)."),
    "settled": Field("bool", False,
                     meaning="true: this ally starts at rest, as every ally of a `settled` campaign does (its "
                             "`baseline` is set so that its starting spending is the level the model's target gives "
                             "it). For an ally in a historical campaign whose budget answered to something the "
                             "model does not hold (another adversary, a war's legacy, a fiscal programme)."),
    "partner": Field("bool", False, meaning="A partner rather than a treaty ally (Taiwan, for instance)."),
    "hub": Field("bool", False,
                 meaning="A logistics hub (Germany, Japan): U.S. forces there carry the reinforcement of the "
                         "theatre's exposed allies, so a withdrawal from it thins their deterrence as well."),
    "valuable": Field("bool", False,
                      meaning="So valuable to U.S. strategy that Washington could hardly leave it: it discounts "
                              "threats of abandonment, so pressure moves it less unless Washington points at "
                              "Congress. A hub always is."),
    "nuclear_power": Field("bool", False,
                           meaning="Has its own nuclear deterrent (the UK, France): it is hard to attack, and its "
                                   "forces count for more in its partners' defence."),
    "note": Field("text", "", meaning="Free text for the author; not used by the game."),
}

ADVERSARY = {
    "id": Field("id", meaning="Used by allies' `adversary`, events and conditions; ally and adversary ids all differ."),
    "name": Field("str", max_len=NAME_LEN, meaning="Shown in the window."),
    "country": Field("country", meaning="ISO 3166-1 alpha-3 code (`RUS`, `CHN`): picks the outline on the map."),
    "theatre": Field("id", meaning="Region it threatens."),
    "capability": Field("num", REQUIRED, 0.1, MONEY_MAX, unit=BN_A_YEAR,
                        meaning="Military expenditure, US$ billion a year."),
    "growth": Field("num", 0.0, -0.5, 0.5, meaning="Growth of capability per turn, as a fraction (0.02 = 2% a turn)."),
    "revisionism": unit(0.5, meaning="Appetite for probing allies where deterrence looks thin."),
    "note": Field("text", "", meaning="Free text for the author; not used by the game."),
}

EVENT = {
    "id": Field("id", meaning="Unique among events."),
    "title": Field("str", max_len=NAME_LEN, meaning="Dialog title."),
    "text": Field("str", meaning="Dialog text."),
    "effects": Field("list", REQUIRED, min_items=1,
                     meaning="What changes; see below.", shown_type="list of effects, at least one"),
    "turn": Field("int", None, 1, None,  # upper bound (the campaign's turns) checked by the loader
                  meaning="Scripted event: fires at the start of this turn.", shown_type="whole number, 1 to `turns`"),
    "when": Field("expr", None, meaning="Conditional event: fires at the start of any turn where the condition holds."),
    "once": Field("bool", True, meaning="A conditional event fires at most once per game unless this is `false`."),
}

EFFECT = {
    "target": Field("id",
                    meaning="Who is changed. `allies` means every ally.",
                    shown_type="ally id, adversary id, `us` or `allies`"),
    "var": Field("id", meaning="Which variable: see the table below.", shown_type="variable name"),
    "add": Field("num", REQUIRED, -100, 100,
                 meaning="Amount added (negative to subtract). In play, shares are kept between 0 and 1, spending "
                         "between 0 and the ally's ceiling, and other values at 0 or above."),
    "scale": Field("enum", "none", choices=("none", "exposure"),
                   meaning="`exposure` multiplies `add` by each ally's starting `threat`, so front-line allies feel "
                           "more. Only for ally targets."),
    "theatre": Field("id", "", meaning="With target `allies` only: limit the effect to the allies of this theatre."),
}

SCORE_WEIGHTS = {pillar: Field("num", 1.0, 0, 100, meaning=f"Weight of the {pillar} pillar in the final score.")
                 for pillar in PILLARS}

# One language's text under `translations:` (game.campaign.translations): each key translates the English key of
# the same name; a key left out shows in English (and `validate` warns).
TRANSLATION = {
    "name": Field("str", None, max_len=NAME_LEN, meaning="The campaign's `name`."),
    "description": Field("str", None, meaning="Its `description`."),
    "briefing": Field("str", None, meaning="Its `briefing`."),
    "goals": Field("strlist", None, meaning="Its `goals`, as many and in the same order."),
    "allies": Field("map", None, meaning="An ally's id -> its text: `name`."),
    "adversaries": Field("map", None, meaning="An adversary's id -> its text: `name`."),
    "events": Field("map", None, meaning="An event's id -> its text: `title` and `text`."),
}
TRANSLATED_ALLY = {"name": Field("str", None, max_len=NAME_LEN, meaning="The ally's `name`.")}
TRANSLATED_ADVERSARY = {"name": Field("str", None, max_len=NAME_LEN, meaning="The adversary's `name`.")}
TRANSLATED_EVENT = {"title": Field("str", None, max_len=NAME_LEN, meaning="The event's `title`."),
                    "text": Field("str", None, meaning="The event's `text`.")}


# --------------------------------------------------------------------------------------------- checks


def did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def _fmt(x: float) -> str:
    if isinstance(x, int):
        # Not str(x) for a huge one: Python refuses to write out an integer of more than 4,300 digits.
        return str(x) if abs(x) < 10 ** 15 else f"a number of {math.floor(math.log10(abs(x))) + 1:,} digits"
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)


class Checker:
    """Collects problems for one file."""

    def __init__(self, filename: str):
        self.filename = filename
        self.problems: list[Problem] = []

    def error(self, node: Node, message: str, col_offset: int = 0) -> None:
        self.problems.append(Problem(self.filename, node.line, node.col + col_offset, message))

    # -- one value against one field
    def value(self, name: str, node: Node, spec: Field) -> Any:
        """The checked Python value of `node`, or INVALID after reporting why."""
        kind = spec.kind
        if kind in ("map", "list"):
            want = Mapping if kind == "map" else Sequence
            if not isinstance(node, want):
                noun = "a mapping (indented 'key: value' lines)" if kind == "map" else "a list ('- ' items)"
                self.error(node, f"{name}: expected {noun}, got {describe(node)}")
                return INVALID
            if kind == "list":
                return self.items(name, node, spec)
            return node
        if kind == "strlist":
            if not isinstance(node, Sequence):
                self.error(node, f"{name}: expected a list of texts ('- ' items), got {describe(node)}")
                return INVALID
            items = self.items(name, node, spec)
            if items is INVALID:
                return INVALID
            texts = [self.value(f"{name} item", item, Field("str")) for item in items]
            return INVALID if INVALID in texts else tuple(texts)
        if not isinstance(node, Scalar):
            self.error(node, f"{name}: expected {_EXPECTED[kind]}, got {describe(node)}")
            return INVALID
        v = node.value
        if kind == "enum" and isinstance(v, int) and not isinstance(v, bool):
            v = str(v)      # `map: 1969`: a year is a name here, written without quotes
        if kind in ("num", "int"):
            return self.number(name, node, spec)
        if kind == "bool":
            if isinstance(v, bool):
                return v
            self.error(node, f"{name}: expected true or false, got {describe(node)}")
            return INVALID
        if not isinstance(v, str):
            hint = f" (put it in quotes: \"{node.text}\")" if v is not None else ""
            self.error(node, f"{name}: expected {_EXPECTED[kind]}, got {describe(node)}{hint}")
            return INVALID
        if kind in ("str", "expr") and not v.strip():
            self.error(node, f"{name} must not be empty")
            return INVALID
        if kind in ("str", "text", "expr"):
            problem = text_problem(v, spec.max_len, name_like=kind == "str")
            if problem:
                self.error(node, f"{name} {problem}")
                return INVALID
        if kind == "id" and len(v) > ID_LEN:
            self.error(node, f"{name} is too long ({len(v):,} characters; the limit for an id is {ID_LEN})")
            return INVALID
        if kind == "id" and not ID_RE.match(v):
            self.error(node, f"{name} '{v}' is not a valid id: use lowercase letters, digits and '_', "
                             "starting with a letter")
            return INVALID
        if kind == "country" and not COUNTRY_RE.match(v):
            self.error(node, f"country must be a 3-letter ISO 3166-1 code in capitals (e.g. 'POL'), got '{v}'")
            return INVALID
        if kind == "enum" and v not in spec.choices:
            self.error(node, f"{name} must be one of {', '.join(spec.choices)}; got '{v}'"
                             f"{did_you_mean(v, spec.choices)}")
            return INVALID
        return v

    def number(self, name: str, node: Scalar, spec: Field) -> Any:
        v = node.value
        whole = spec.kind == "int"
        if not whole and isinstance(v, str) and node.style is None and EXPONENT_RE.match(v):
            v = float(v)     # YAML 1.1 reads 1e3 and 1.5e3 as text; here they can only mean numbers
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            hint = ""
            if isinstance(v, str) and node.style in ("'", '"') and NUMBER_RE.match(v):
                hint = " (remove the quotes)"
            elif isinstance(v, str) and v.strip().upper().startswith(PLACEHOLDER):
                hint = " (a placeholder left to fill in: write the figure and name its source under sources:)"
            self.error(node, f"{name}: expected {'a whole number' if whole else 'a number'}, "
                             f"got {describe(node)}{hint}")
            return INVALID
        if whole and not isinstance(v, int):
            self.error(node, f"{name}: expected a whole number, got {describe(node)}")
            return INVALID
        if (isinstance(v, float) and not math.isfinite(v)) or (not whole and abs(v) > 1e300):
            text = node.text if len(node.text) <= 40 else node.text[:37] + "..."
            self.error(node, f"{name}: expected a finite number, got {text}")
            return INVALID
        if not self.in_range(name, node, v, spec.lo, spec.hi, spec.unit):
            return INVALID
        return v if whole else float(v)

    def in_range(self, name: str, node: Node, v: float, lo, hi, unit: str = "") -> bool:
        if lo is not None and hi is not None:
            ok, rule = lo <= v <= hi, f"between {_fmt(lo)} and {_fmt(hi)}"
        elif lo is not None:
            ok, rule = v >= lo, f"at least {_fmt(lo)}"
        else:
            ok, rule = v <= hi, f"at most {_fmt(hi)}"
        if not ok:
            self.error(node, f"{name} must be {rule}{f' ({unit})' if unit else ''}, got {_fmt(v)}")
        return ok

    def items(self, name: str, node: Sequence, spec: Field) -> Any:
        n = len(node.items)
        if n < spec.min_items:
            self.error(node, f"{name} must not be empty" if spec.min_items == 1
                       else f"{name} needs at least {spec.min_items} items, got {n}")
            return INVALID
        if spec.max_items is not None and n > spec.max_items:
            self.error(node, f"{name}: at most {spec.max_items} items are allowed, got {n}")
            return INVALID
        return node.items

    # -- a whole mapping against a table
    def mapping(self, node: Node, table: dict[str, Field], where: str, name: str = "",
                noun: str = "key") -> dict[str, Any] | None:
        """Check `node` against `table`. Returns {key: value} for every key of the table (defaults filled in,
        INVALID for reported values), or None if `node` is not a mapping. `where` ends messages: " in ally 'pl'".
        """
        if not isinstance(node, Mapping):
            self.error(node, f"{name or where.strip()}: expected a mapping (indented 'key: value' lines), "
                             f"got {describe(node)}")
            return None
        out: dict[str, Any] = {}
        for key, (key_node, _) in node.entries.items():
            if key not in table:
                hint = did_you_mean(key, table)
                if not hint and len(table) <= 8:
                    hint = f" (allowed: {', '.join(table)})"
                self.error(key_node, f"unknown {noun} '{key}'{where}{hint}")
        for key, spec in table.items():
            child = node.get(key)
            if child is None:
                if spec.required:
                    self.error(node, f"missing required key '{key}'{where}")
                    out[key] = INVALID
                else:
                    out[key] = spec.default
            elif not spec.required and isinstance(child, Scalar) and child.value is None:
                out[key] = spec.default       # `key:` with nothing after it means "use the default"
            else:
                out[key] = self.value(key, child, spec)
        return out


_EXPECTED = {
    "id": "an id (lowercase letters, digits, '_')", "str": "a text", "text": "a text", "country": "a country code",
    "num": "a number", "int": "a whole number", "bool": "true or false", "enum": "a name", "expr": "a condition text",
}
