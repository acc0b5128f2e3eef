"""Warnings for a campaign that loads but is likely not what its author meant: `fairshare validate` prints them as
`FILE:LINE:COL: warning: MESSAGE` (errors stop a file loading; warnings do not).

The checks read the valid `Campaign` and the located YAML tree the loader reads, so every warning points at the
value to change:
- an event's condition that can never be true (or is always true) given the ranges the model keeps values in,
  including one that asks for a turn past the last;
- an ally or adversary whose country has no outline on its theatre's map (assets/map/theatres.json, or the
  map of the campaign's `map` era, e.g. theatres_1969.json), or a theatre with no map;
- a judgement value far outside the range the shipped campaigns use;
- a briefing that names no goal, in a campaign with no `goals:`;
- a campaign whose sources are only placeholders;
- a language under `translations:` that leaves out text the English has (it would show in English there).
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re

from game.campaign import Campaign, CampaignError, Problem, load_campaign_text
from game.campaign.expr import parse
from game.campaign.loader import load_campaign_tree
from game.campaign.safe_yaml import MAX_BYTES, Mapping, Node, Scalar, Sequence
from game.campaign.schema import ADVERSARY, ALLY, US
from game.campaign.translations import missing, node_of, unused
from game.i18n import SOURCE
from game.paths import campaigns_dir, map_path
from game.safe_files import read_bytes_capped
from game.userdata import CACHE, SaveError, atomic_write_text, data_dir

from .reach import bounds, reach, text

# Judgement values: what the author decides rather than reads from data. Checked against the shipped campaigns.
JUDGED = {
    "allies": ("threat", "trust", "alignment", "presence", "latency", "trade_dependence", "responsiveness", "hedging",
               "dispute", "ceiling", "baseline"),
    "adversaries": ("growth", "revisionism"),
    "us": ("domestic_pressure", "credibility"),
}
TABLES = {"allies": ALLY, "adversaries": ADVERSARY, "us": US}
OWNER = {"allies": "ally", "adversaries": "adversary"}
# "Far outside": beyond the shipped span by more than half its width, and by at least a tenth of the field's range.
FAR = 0.5
LANGUAGE_NAMES = {"de": "German", "pl": "Polish"}   # as an author's warning (in English, as every message) names them
FLOOR = 0.1
GOAL_WORDS = re.compile(r"\b(goals?|aims?|objectives?|deter\w*|burden\w*|influence\w*|cohesion|keep\w*|protect\w*|"
                        r"prevent\w*|win|wins|winning|avoid\w*|must)\b", re.IGNORECASE)
PLACEHOLDER_SOURCE = re.compile(r"^\s*(todo|tbd|fixme|none|n/?a|unknown|placeholder|source|sources|-+|\?+)\W*$",
                                re.IGNORECASE)


def warning(file: str, node: Node, message: str, col_offset: int = 0) -> Problem:
    return Problem(file, node.line, node.col + col_offset, message, "warning")


@functools.lru_cache(maxsize=1)
def shipped_ranges() -> dict[tuple[str, str], tuple[float, float]]:
    """(part, key) -> (lowest, highest) value written in the shipped campaigns (defaults are not counted).

    Kept in the user's cache folder under a hash of the shipped files' bytes and of the keys checked: working them
    out parses every shipped campaign, which was two thirds of `fairshare validate campaigns/*.yaml`."""
    files = {}
    for path in sorted(campaigns_dir().glob("*.yaml")):
        try:
            files[path] = read_bytes_capped(os.fspath(path), MAX_BYTES)
        except OSError:              # an unreadable shipped campaign is its own tests' business, not an author's
            continue
    key = hashlib.sha256(repr(sorted(JUDGED.items())).encode()).hexdigest()
    for path, data in files.items():
        key = hashlib.sha256(f"{key} {path.name} {hashlib.sha256(data).hexdigest()}".encode()).hexdigest()
    cache = data_dir() / "cache" / "shipped_ranges.json"
    try:
        kept = json.loads(read_bytes_capped(cache, MAX_BYTES))   # a FIFO put there must not hang validate
        if kept["key"] == key:
            return {(part, name): (float(lo), float(hi)) for part, name, lo, hi in kept["ranges"]}
    except (OSError, ValueError, KeyError, TypeError):   # none yet, or unreadable: worked out again
        pass
    ranges = _ranges_of(files)
    try:
        atomic_write_text(cache, json.dumps({"key": key, "ranges": [[*k, *v] for k, v in sorted(ranges.items())]}),
                          kind=CACHE)
    except SaveError:                # a cache that cannot be written is not an error: the next run parses again
        pass
    return ranges


def _ranges_of(files: dict) -> dict[tuple[str, str], tuple[float, float]]:
    seen: dict[tuple[str, str], list[float]] = {}
    for path, data in files.items():
        try:
            campaign = load_campaign_text(data, os.fspath(path))
        except CampaignError:        # a broken shipped campaign is its own tests' business, not an author's
            continue
        for part, keys in JUDGED.items():
            items = [campaign.us] if part == "us" else getattr(campaign, part)
            for item in items:
                for key in keys:
                    value = getattr(item, key)
                    if value is not None and value != TABLES[part][key].default:
                        seen.setdefault((part, key), []).append(float(value))
    return {k: (min(v), max(v)) for k, v in seen.items()}


@functools.lru_cache(maxsize=None)
def map_countries(era: str = "today") -> dict[str, frozenset[str]]:
    """Theatre id -> the ISO codes with an outline on its map, for one era's borders."""
    with open(map_path(era), encoding="utf-8") as f:
        theatres = json.load(f)["theatres"]
    return {tid: frozenset(t["countries"]) for tid, t in theatres.items()}


def _items(tree: Mapping, key: str) -> list[Mapping]:
    node = tree.get(key)
    return [n for n in node.items if isinstance(n, Mapping)] if isinstance(node, Sequence) else []


def _value_col(node: Scalar) -> int:
    """Where a condition's text starts inside its scalar: after the opening quote, if any."""
    return 1 if node.style in ("'", '"') else 0


class _Lint:
    def __init__(self, campaign: Campaign, tree: Mapping, file: str):
        self.c, self.tree, self.file = campaign, tree, file
        self.found: list[Problem] = []

    def warn(self, node: Node, message: str, col_offset: int = 0) -> None:
        self.found.append(warning(self.file, node, message, col_offset))

    def conditions(self) -> None:
        for event, node in zip(self.c.events, _items(self.tree, "events")):
            if event.when is None:
                continue
            where = node.get("when")
            verdict, part = reach(parse(event.when, self.c).tree, self.c)
            if verdict == "maybe":
                continue
            said = text(part)
            sides = "; ".join(b for b in (bounds(part[2], self.c), bounds(part[3], self.c)) if b) \
                if part[0] == "cmp" else ""
            if verdict == "never" and _turn_only(part) and part[0] == "cmp":
                message = (f"event '{event.id}' can never fire: `{said}` asks for a turn past the last one "
                           f"(turn {self.c.turns})")
            elif verdict == "never":
                message = f"event '{event.id}' can never fire: `{said}` is never true" + \
                    (f" ({sides})" if sides else "")
            else:
                when = "every turn" if not event.once else "at the start of turn 1"
                message = (f"event '{event.id}' fires {when}: `{said}` is always true"
                           + (f" ({sides})" if sides else "") + "; use `turn:` for a scripted event")
            self.warn(where, message, _value_col(where))

    def map(self) -> None:
        maps = map_countries(self.c.map)
        asset = f"assets/map/{map_path(self.c.map).name}"
        which = "" if self.c.map == "today" else f"{self.c.map} "
        for kind, items in (("ally", "allies"), ("adversary", "adversaries")):
            for entity, node in zip(getattr(self.c, items), _items(self.tree, items)):
                if entity.theatre not in maps:
                    self.warn(node.get("theatre"), f"theatre '{entity.theatre}' of {kind} '{entity.id}' has no map "
                                                   f"(the {which}map covers {', '.join(maps)}): the {kind} "
                                                   "will not be drawn")
                elif entity.country not in maps[entity.theatre]:
                    self.warn(node.get("country"), f"country {entity.country} of {kind} '{entity.id}' is not on the "
                                                   f"map of theatre '{entity.theatre}' ({asset}): it will have no "
                                                   "outline to see or click")

    def ranges(self) -> None:
        shipped = shipped_ranges()
        parts = {"allies": _items(self.tree, "allies"), "adversaries": _items(self.tree, "adversaries"),
                 "us": [self.tree.get("us")] if isinstance(self.tree.get("us"), Mapping) else []}
        for part, nodes in parts.items():
            for node in nodes:
                for key in JUDGED[part]:
                    self._range(part, key, node, shipped.get((part, key)))

    def _range(self, part: str, key: str, node: Mapping, span: tuple[float, float] | None) -> None:
        value_node = node.get(key)
        if span is None or not isinstance(value_node, Scalar) or not isinstance(value_node.value, (int, float)):
            return
        value, (lo, hi) = float(value_node.value), span
        spec = TABLES[part][key]
        margin = max(FAR * (hi - lo), FLOOR * (spec.hi - spec.lo))
        if lo - margin <= value <= hi + margin:
            return
        owner = "the U.S." if part == "us" else f"{OWNER[part]} '{_id(node)}'"
        self.warn(value_node, f"{key} {value:g} of {owner} is far outside the shipped campaigns' range "
                              f"({lo:g} to {hi:g}): check it is meant")

    def briefing(self) -> None:
        if self.c.goals or GOAL_WORDS.search(self.c.briefing):
            return
        self.warn(self.tree.get("briefing"), "the briefing names no goal and the campaign has no `goals:`: say what "
                                             "the player should achieve (deterrence, burden, influence, cohesion)")

    def sources(self) -> None:
        node = self.tree.get("sources")
        if all(PLACEHOLDER_SOURCE.match(s) or len(s.strip()) < 4 for s in self.c.sources):
            self.warn(node, "the campaign names no real source (only placeholders): say where its figures come from")

    def translations(self) -> None:
        for node, message in unused(self.tree, self.c):
            self.warn(node, message)
        for code in self.c.translations:
            if code != SOURCE:
                for part, ident, key in missing(self.c, code):
                    self.warn(node_of(self.tree, code, part, ident), _missing_text(code, part, ident, key))


def _missing_text(code: str, part: str, ident: str, key: str) -> str:
    what = f"'{key}'" if not part else f"the {key} of {OWNER.get(part, 'event')} '{ident}'"
    if key == "goals" and not part:
        what = "every goal ('goals' must list as many as the English, in the same order)"
    return f"translations.{code}: no {LANGUAGE_NAMES[code]} text for {what}; the English shows instead"


def _id(node: Mapping) -> str:
    ident = node.get("id")
    return ident.value if isinstance(ident, Scalar) else "?"


def _turn_only(node: tuple) -> bool:
    """A part that reads nothing but `turn` and numbers."""
    kinds = {n[0] for n in _walk(node)}
    return "turn" in kinds and not kinds & {"var", "agg"}


def _walk(node: tuple):
    yield node
    for child in node[1:]:
        if isinstance(child, tuple):
            yield from _walk(child)


def lint_tree(tree: Node, filename: str, campaign: Campaign) -> list[Problem]:
    """Warnings for a valid campaign and the located YAML tree it was loaded from."""
    if not isinstance(tree, Mapping):
        return []
    lint = _Lint(campaign, tree, filename)
    for check in (lint.conditions, lint.map, lint.ranges, lint.briefing, lint.sources, lint.translations):
        check()
    return sorted(lint.found, key=lambda p: (p.line, p.col))


def lint_file(path: str | os.PathLike) -> tuple[Campaign | None, list[Problem]]:
    """(the campaign, its warnings), or (None, its errors) when the file does not load. The file is parsed once:
    the warnings read the tree the campaign was loaded from."""
    campaign, problems, tree = load_campaign_tree(path)
    if campaign is None:
        return None, problems
    return campaign, lint_tree(tree, os.fspath(path), campaign)
