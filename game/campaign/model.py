"""Validated campaign objects: what a YAML campaign becomes once it has been checked.

These are plain frozen dataclasses, free of YAML and of numpy, so the model (`game.sim`) and the window
(`game.ui`) can both read them. `game.campaign.schema` describes the same fields for the loader.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace

from game.i18n import period

ORDERS = ("hold", "pressure", "reassure", "withdraw", "criticize")
# What Washington may do each turn beyond the per-ally orders: "congress" points at an impatient Congress to make
# this turn's threats of abandonment believable (the Nixon-era play), at the risk of a drawdown it did not choose.
US_ACTIONS = ("none", "congress")
PILLARS = ("deterrence", "burden", "influence", "cohesion")
ALLY_VARS = ("spending", "threat", "trust", "alignment", "hedging", "presence", "offset")
# What a condition may also read of an ally, though no event may set it: its self-reliance (own capability against
# what its threat called for at the start) and the third force of its theatre (game.sim.derived).
ALLY_READINGS = ("self_reliance", "autonomy")
ADVERSARY_VARS = ("capability", "revisionism")
US_VARS = ("domestic_pressure", "credibility", "budget")
TURNS_PER_YEAR = {"year": 1, "half": 2, "quarter": 4, "month": 12}   # what each calendar step means
CALENDAR_STEPS = tuple(TURNS_PER_YEAR)
# The borders the map can draw: today's, or a year's of its own (assets/map/theatres_<year>.json, built by
# tools/build_map.py from tools/map_eras.py; tests/test_map_eras.py checks that each has its file).
MAP_ERAS = ("today", "1969")


@dataclass(frozen=True)
class Ally:
    id: str
    name: str
    country: str            # ISO 3166-1 alpha-3, used to find the outline on the map
    theatre: str
    adversary: str          # id of the adversary it faces
    gdp: float              # US$ billion
    spending: float         # defence spending, % of GDP
    threat: float           # perceived threat, 0-1: also the ally's exposure (how threat events hit it)
    trust: float            # trust in the U.S. commitment, 0-1
    alignment: float        # alignment with U.S. preferences, 0-1
    presence: float         # U.S. forward presence on its soil, 0-1
    upkeep: float           # U.S. cost of that presence at 1.0, US$ billion per year
    latency: float = 0.0    # nuclear latency: how close it could get to a bomb, 0-1
    trade_dependence: float = 0.0   # trade dependence on the adversary, 0-1
    responsiveness: float = 1.0     # how strongly its politics answer U.S. pressure (0.2-2)
    hedging: float = 0.0    # starting hedging, 0-1
    dispute: float = 0.0    # its own quarrels with the adversary: the root of entrapment, 0-1
    ceiling: float = 5.0    # domestic limit: the most it can spend, % of GDP
    baseline: float | None = None  # % GDP it spends for reasons beyond this adversary (a global role, overseas
                                   # commitments); None: the model's peacetime floor
    settled: bool = False   # starts at rest, as in a settled campaign (its baseline set to make it so)
    offset: float = 0.0     # US$ bn a year it pays toward the U.S. forces on its soil (offset agreements, host-nation
                            # support): it lowers what they cost the U.S. (game.sim.posture)
    partner: bool = False   # a partner rather than a treaty ally (e.g. Taiwan)
    hub: bool = False       # a logistics hub (Germany, Japan): U.S. forces there carry the reinforcement of the
                            # theatre's exposed allies, so withdrawing from it thins their deterrence too
    nuclear_power: bool = False  # has its own nuclear deterrent (UK, France): it covers itself and, in part, its
                                 # theatre partners
    valuable: bool = False  # so valuable to U.S. strategy that a threat to leave it is hard to believe (Blankenship
                            # 2021); a hub always is
    note: str = ""


@dataclass(frozen=True)
class Adversary:
    id: str
    name: str
    country: str
    theatre: str
    capability: float       # military expenditure, US$ billion per year
    growth: float = 0.0     # capability growth per year (fraction)
    revisionism: float = 0.5  # appetite for probing, 0-1
    note: str = ""


@dataclass(frozen=True)
class UnitedStates:
    budget: float           # flat budget for alliance commitments, US$ billion per year
    domestic_pressure: float = 0.3   # Congress and voters' push to retrench, 0-1
    credibility: float = 0.7         # global credibility of U.S. commitments, 0-1
    guideline: float | None = None   # % of GDP asked of every ally (None: the model's, NATO's 2 %)


@dataclass(frozen=True)
class Calendar:
    start: int              # first year
    step: str = "year"      # one of CALENDAR_STEPS

    @property
    def per_year(self) -> int:
        """Turns in a year: the model's time step is its inverse."""
        return TURNS_PER_YEAR[self.step]

    def label(self, turn: int, language: str | None = None) -> str:
        """Human label of turn `turn` (0-based) in the language spoken, or in `language`: '2024', '2024 H2',
        '2024 Q3', 'Mar 2024' in English (game.i18n.period)."""
        year, part = divmod(turn, self.per_year)
        return period(year + self.start, self.step, part, language)


@dataclass(frozen=True)
class Effect:
    target: str             # an ally id, an adversary id, 'us', or 'allies' (every ally)
    var: str                # a variable of that target (ALLY_VARS, ADVERSARY_VARS or US_VARS)
    add: float              # change added to the variable
    scale: str = "none"     # 'none' or 'exposure': multiply by each ally's starting threat
    theatre: str = ""       # with target 'allies': only the allies of this theatre


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    text: str
    effects: tuple[Effect, ...]
    turn: int | None = None     # scripted: fires at the start of this turn (1-based)
    when: str | None = None     # conditional: an expression (see game.campaign.expr)
    once: bool = True           # a conditional event fires at most once per game


@dataclass(frozen=True)
class Campaign:
    id: str
    name: str
    description: str
    briefing: str
    turns: int
    calendar: Calendar
    us: UnitedStates
    allies: tuple[Ally, ...]
    adversaries: tuple[Adversary, ...]
    events: tuple[Event, ...] = ()
    goals: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    score_weights: dict[str, float] = field(default_factory=lambda: {p: 1.0 for p in PILLARS})
    # True: each ally's spending starts at rest (the model's baseline is set so the starting level is its target),
    # so only changes in threat, protection and the orders move it; False: it moves from the data toward the
    # model's target from the first turn (historical campaigns, where allies were out of balance).
    settled: bool = False
    map: str = "today"      # one of MAP_ERAS: whose borders the map draws
    path: str = ""          # file it was loaded from, if any
    content_hash: str = ""  # sha256 of the file's bytes (hot reload's "was the file edited?")
    # The prose in each language, the English among them (game.campaign.translations): {code: {key: text, ...}}
    translations: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def theatres(self) -> tuple[str, ...]:
        seen: list[str] = []
        for a in (*self.allies, *self.adversaries):
            if a.theatre not in seen:
                seen.append(a.theatre)
        return tuple(seen)

    def ally_index(self, ally_id: str) -> int:
        return [a.id for a in self.allies].index(ally_id)


# Ally keys added since saves began recording the meaning hash: left out of it at their defaults, so that a save
# of an older version still finds its campaign.
LATER_ALLY_KEYS = {"settled": False, "offset": 0.0}


def meaning_hash(campaign: Campaign) -> str:
    """A sha256 of what the game plays by: every number, id, order, condition and setting of the parsed campaign,
    but not its prose (names, briefing, goals, sources, notes, event titles and texts), nor its comments,
    formatting, key order or how a number is written. A save records it, so that fixing a typo or a comment in a
    campaign file never stops a saved game from replaying exactly."""
    quiet = replace(campaign, name="", description="", briefing="", goals=(), sources=(), path="", content_hash="",
                    translations={},
                    allies=tuple(replace(a, name="", note="") for a in campaign.allies),
                    adversaries=tuple(replace(a, name="", note="") for a in campaign.adversaries),
                    events=tuple(replace(e, title="", text="") for e in campaign.events))
    meaning = asdict(quiet)
    for ally in meaning["allies"]:
        for key, default in LATER_ALLY_KEYS.items():
            if ally[key] == default:
                del ally[key]
    text = json.dumps(meaning, sort_keys=True, separators=(",", ":"), default=repr)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
