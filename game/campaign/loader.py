"""Campaign YAML -> validated `Campaign`, or every problem in the file at once.

The located tree from `safe_yaml` is checked mapping by mapping against the tables of `schema`, then across the
file (ids, references, event turns and conditions). Nothing is built unless the whole file is clean, so the
dataclasses of `model` only ever hold valid values.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
from typing import Any

from game.safe_files import FileTooLarge, read_bytes_capped

from . import expr, translations
from .errors import CampaignError, Problem, sort_problems
from .model import (ADVERSARY_VARS, ALLY_VARS, PILLARS, US_VARS, Adversary, Ally, Calendar, Campaign, Effect, Event,
                    UnitedStates)
from .safe_yaml import MAX_BYTES, Mapping, Node, Scalar, describe, load_located
from .schema import (ADVERSARY, ALLY, CALENDAR, EFFECT, EVENT, INVALID, RESERVED_IDS, SCORE_WEIGHTS, TOP, US, Checker,
                     did_you_mean)


def _id_of(node: Node) -> str | None:
    """The `id` written in a mapping, if it is a string (valid or not): used for labels and references."""
    if isinstance(node, Mapping):
        child = node.get("id")
        if isinstance(child, Scalar) and isinstance(child.value, str):
            return child.value
    return None


def _label(kind: str, node: Node, index: int) -> str:
    ident = _id_of(node)
    return f"{kind} '{ident}'" if ident else f"{kind} #{index + 1}"


def _ok(*values: Any) -> bool:
    return all(v is not INVALID for v in values)


class _Loader:
    def __init__(self, tree: Node, check: Checker):
        self.tree = tree
        self.c = check
        self.ally_ids: list[str] = []
        self.adversary_ids: list[str] = []
        self.theatres: list[str] = []

    def run(self) -> Campaign | None:
        c = self.c
        if not isinstance(self.tree, Mapping):
            c.error(self.tree, "a campaign file must be a mapping of keys (id, name, turns, allies...), "
                               f"got {describe(self.tree)}")
            return None
        top = c.mapping(self.tree, TOP, " at the top level")
        calendar = self.sub(top["calendar"], CALENDAR, " in calendar")
        us = self.sub(top["us"], US, " in us")
        allies = self.entities(top["allies"], ALLY, "ally")
        adversaries = self.entities(top["adversaries"], ADVERSARY, "adversary")
        self.ally_ids = [i for i in (_id_of(n) for n, _ in allies) if i]
        self.adversary_ids = [i for i in (_id_of(n) for n, _ in adversaries) if i]
        self.theatres = list(dict.fromkeys(v["theatre"] for _, v in allies if _ok(v["theatre"])))
        self.check_ids(allies + adversaries, "id")
        for node, ally in allies:
            self.check_ally(node, ally)
        events = self.entities(top["events"], EVENT, "event")
        self.check_ids(events, "event id")
        turns = top["turns"]
        built_events = [self.event(node, values, turns, i) for i, (node, values) in enumerate(events)]
        weights = self.score_weights(top["score_weights"])
        event_ids = [values["id"] for _, values in events if _ok(values["id"])]
        texts = translations.check(top["translations"], c, {"allies": self.ally_ids,
                                                             "adversaries": self.adversary_ids, "events": event_ids})
        if c.problems:
            return None
        return Campaign(
            id=top["id"], name=top["name"], description=top["description"], briefing=top["briefing"],
            turns=turns, calendar=Calendar(**calendar), us=UnitedStates(**us),
            allies=tuple(Ally(**values) for _, values in allies),
            adversaries=tuple(Adversary(**values) for _, values in adversaries),
            events=tuple(built_events), goals=top["goals"], sources=top["sources"], score_weights=weights,
            settled=top["settled"], map=top["map"], translations=texts)

    # -- parts
    def sub(self, value: Any, table: dict, where: str) -> dict | None:
        if value is INVALID:
            return None
        return self.c.mapping(value, table, where)

    def entities(self, items: Any, table: dict, kind: str) -> list[tuple[Mapping, dict]]:
        out = []
        if items is INVALID:
            return out
        for i, node in enumerate(items):
            label = _label(kind, node, i)
            if not isinstance(node, Mapping):
                self.c.error(node, f"{label}: expected a mapping (indented 'key: value' lines), "
                                   f"got {describe(node)}")
                continue
            out.append((node, self.c.mapping(node, table, f" in {label}")))
        return out

    def check_ids(self, entries: list[tuple[Mapping, dict]], what: str) -> None:
        seen: dict[str, int] = {}
        for node, values in entries:
            ident = values["id"]
            if not _ok(ident):
                continue
            where = node.get("id")
            if what == "id" and ident in RESERVED_IDS:
                self.c.error(where, f"id '{ident}' is reserved (ids may not be {', '.join(RESERVED_IDS)})")
            elif ident in seen:
                self.c.error(where, f"duplicate {what} '{ident}' (already used at line {seen[ident]})")
            else:
                seen[ident] = where.line

    def check_ally(self, node: Mapping, ally: dict) -> None:
        c = self.c
        ref = ally["adversary"]
        if _ok(ref) and ref not in self.adversary_ids:
            c.error(node.get("adversary"), f"unknown adversary '{ref}'{did_you_mean(ref, self.adversary_ids)}")
        spending, ceiling = ally["spending"], ally["ceiling"]
        if _ok(spending, ceiling) and ceiling < spending:
            if node.get("ceiling") is not None:
                c.error(node.get("ceiling"), f"ceiling must be at least the ally's spending ({spending:g}), "
                                             f"got {ceiling:g}")
            else:
                c.error(node.get("spending"), f"spending {spending:g} is above the default ceiling of "
                                              f"{ceiling:g}; set a higher 'ceiling'")

    def event(self, node: Mapping, values: dict, turns: Any, index: int) -> Event | None:
        c = self.c
        label = _label("event", node, index)
        turn, when = values["turn"], values["when"]
        has_turn = turn is not None
        has_when = when is not None
        if has_turn and has_when:
            second = max(node.key_node("turn"), node.key_node("when"), key=lambda k: (k.line, k.col))
            c.error(second, f"{label} has both 'turn' and 'when'; give exactly one")
        elif not has_turn and not has_when:
            c.error(node, f"{label} needs either 'turn' (a turn number) or 'when' (a condition)")
        if _ok(turn, turns) and has_turn and turn > turns:
            c.error(node.get("turn"), f"turn must be between 1 and {turns} (the campaign's turns), got {turn}")
        if _ok(when) and has_when:
            self.condition(node.get("when"), when)
        effects = values["effects"]
        built = []
        if _ok(effects):
            for j, effect_node in enumerate(effects):
                where = f"effect #{j + 1} of {label}"
                if not isinstance(effect_node, Mapping):
                    c.error(effect_node, f"{where}: expected a mapping (target, var, add), got "
                                         f"{describe(effect_node)}")
                    continue
                effect = c.mapping(effect_node, EFFECT, f" in {where}")
                if self.check_effect(effect_node, effect):
                    built.append(Effect(**effect))
        if c.problems:
            return None
        return Event(id=values["id"], title=values["title"], text=values["text"], effects=tuple(built),
                     turn=turn, when=when, once=values["once"])

    def condition(self, node: Scalar, text: str) -> None:
        try:
            expr.parse(text, expr.Names(tuple(self.ally_ids), tuple(self.adversary_ids)))
        except expr.ExprError as exc:
            offset = 0
            if node.style in (None, "'", '"') and node.end_line == node.line:
                offset = exc.offset + (1 if node.style else 0)
            self.c.error(node, f"when: {exc.message}", col_offset=offset)

    def check_effect(self, node: Mapping, effect: dict) -> bool:
        c = self.c
        target, var, scale, theatre = effect["target"], effect["var"], effect["scale"], effect["theatre"]
        kind = None
        if _ok(target):
            if target == "allies" or target in self.ally_ids:
                kind = "ally"
            elif target in self.adversary_ids:
                kind = "adversary"
            elif target == "us":
                kind = "us"
            else:
                known = [*self.ally_ids, *self.adversary_ids, "us", "allies"]
                hint = did_you_mean(target, known) or " (expected an ally id, an adversary id, 'us' or 'allies')"
                c.error(node.get("target"), f"unknown target '{target}'{hint}")
        if kind and _ok(var):
            variables, what = {"ally": (ALLY_VARS, "an ally"), "adversary": (ADVERSARY_VARS, "an adversary"),
                               "us": (US_VARS, "the U.S.")}[kind]
            if var not in variables:
                hint = did_you_mean(var, variables)
                c.error(node.get("var"), f"'{var}' is not a variable of {what}{hint} "
                                         f"(valid: {', '.join(variables)})")
        if kind and kind != "ally" and scale == "exposure":
            c.error(node.get("scale"), "scale 'exposure' only applies to allies (target an ally id or 'allies')")
        if _ok(target, theatre) and theatre:
            if target != "allies":
                c.error(node.key_node("theatre"), "'theatre' is only allowed with target 'allies'")
            elif theatre not in self.theatres:
                hint = did_you_mean(theatre, self.theatres) or \
                    f" (the allies' theatres: {', '.join(self.theatres)})"
                c.error(node.get("theatre"), f"no ally is in theatre '{theatre}'{hint}")
        return all(_ok(v) for v in effect.values())

    def score_weights(self, value: Any) -> dict[str, float]:
        if value is None or value is INVALID:
            return {p: 1.0 for p in PILLARS}
        weights = self.c.mapping(value, SCORE_WEIGHTS, " in score_weights", noun="pillar")
        if weights is None or not _ok(*weights.values()):
            return {}
        if sum(weights.values()) <= 0:
            self.c.error(value, "score_weights must not all be 0")
        return {p: float(w) for p, w in weights.items()}


# --------------------------------------------------------------------------------------------- public


INTERNAL = "internal error while checking this file"


def _load_bytes(data: bytes, filename: str) -> tuple[Campaign | None, list[Problem]]:
    campaign, problems, _ = _load_tree(data, filename)
    return campaign, problems


def _load_tree(data: bytes, filename: str) -> tuple[Campaign | None, list[Problem], Node | None]:
    """(the campaign or None, its problems, the located tree it was read from when the YAML could be read)."""
    tree = None
    try:
        tree, problems = load_located(data, filename)
        if tree is None:
            return None, sort_problems(problems), None
        check = Checker(filename)
        check.problems = problems
        campaign = _Loader(tree, check).run()
    except (Exception, RecursionError) as exc:     # a bug here must still not end in a traceback for the author
        return None, [Problem(filename, 1, 1, f"{INTERNAL} ({type(exc).__name__}: {exc}); please report it")], tree
    problems = sort_problems(check.problems)
    if problems or campaign is None:
        return None, problems, tree
    hashed = hashlib.sha256(data).hexdigest()
    return translations.born(dataclasses.replace(campaign, path=filename, content_hash=hashed)), [], tree


def _read(path: str | os.PathLike) -> tuple[bytes | None, list[Problem]]:
    name = os.fspath(path)
    try:
        return read_bytes_capped(name, MAX_BYTES), []
    except FileTooLarge as exc:
        return None, [Problem(name, 1, 1, exc.strerror)]
    except OSError as exc:
        return None, [Problem(name, 1, 1, f"cannot read the file: {exc.strerror or exc}")]


def load_campaign_text(text: str | bytes, filename: str = "<string>") -> Campaign:
    """Load a campaign from text (str or raw bytes). Raises CampaignError listing every problem."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    campaign, problems = _load_bytes(data, filename)
    if campaign is None:
        raise CampaignError(problems)
    return campaign


def validate_text(text: str | bytes, filename: str = "<string>") -> list[Problem]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return _load_bytes(data, filename)[1]


def load_campaign(path: str | os.PathLike) -> Campaign:
    """Load and validate a campaign file. Raises CampaignError (never another exception) on any problem."""
    data, problems = _read(path)
    if data is None:
        raise CampaignError(problems)
    return load_campaign_text(data, os.fspath(path))


def load_campaign_tree(path: str | os.PathLike) -> tuple[Campaign | None, list[Problem], Node | None]:
    """A campaign file read once for checks that also need its YAML's positions (`fairshare validate`'s warnings):
    (the campaign, or None and its problems, and the located tree when the YAML could be read)."""
    data, problems = _read(path)
    if data is None:
        return None, problems, None
    return _load_tree(data, os.fspath(path))


def validate_file(path: str | os.PathLike) -> list[Problem]:
    """Every problem of a campaign file, in file order; an empty list means the file is valid."""
    data, problems = _read(path)
    if data is None:
        return problems
    return _load_bytes(data, os.fspath(path))[1]
