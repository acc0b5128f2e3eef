"""`fairshare class`: the teams' saves of one campaign and seed, replayed, ranked and compared with each other and
with hold and the adviser on the same seed, plus discussion questions drawn from where the teams differed.

A save that cannot be used (damaged, another campaign, seed or version of the game, an unfinished game) is listed
with the reason and left out; it never stops the report. A save whose campaign file changed since (more than its
comments or wording) is replayed on the current version, as hot reload does, and the report says so. Games written
by `simulate --save` were chosen by a strategy, not played by a team: they are listed apart, never ranked among the
teams (unless no team's game was given at all, as when an instructor prepares an example class). A team's name is
whatever its save says, of any length: the report shows it capped at NAME_LENGTH characters (Team.name) and keeps
the whole of it (Team.full_name).
"""
from __future__ import annotations

import functools
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from game.i18n import _, ngettext, num
from game.analysis.replay import GamePath, policy_path, session_path
from game.campaign.model import ORDERS, PILLARS, Campaign, meaning_hash
from game.catalog import find_campaign
from game.saves import SIMULATED, Loaded, open_save
from game.sim.explain import PILLAR_WORDS, order_name
from game.sim.policies import built_in
from game.sim.session import Session
from game.sim.state import WITHDRAW
from game.text_rules import file_name, shown
from game.userdata import SaveError

MAX_FILES = 500      # a class, not a crawl of someone's disk
NAME_LENGTH = 60     # characters of a team's name the report shows


@dataclass(frozen=True, eq=False)
class Team:
    name: str                         # as shown: capped at NAME_LENGTH, on one line, told apart from the others
    file: Path
    session: Session
    path: GamePath
    # the baselines on this team's dice and facing the events its facilitator injected (a fair "vs hold")
    hold_score: float = float("nan")
    adviser_score: float = float("nan")
    simulated: str = ""     # for a game written by `simulate --save`: the strategy that chose its orders
    note: str = ""          # how a changed campaign was met ("" when the save replayed exactly)
    full_name: str = ""     # the whole name the save gives

    @property
    def score(self) -> float:
        return self.path.score

    def pillar(self, name: str) -> float:
        return float(getattr(self.path.outcome, name)[0])


@dataclass(frozen=True)
class LeftOut:
    file: Path
    reason: str


@dataclass(frozen=True, eq=False)
class ClassReport:
    campaign: Campaign
    seed: int
    teams: list[Team]                 # ranked, best first
    left_out: list[LeftOut]
    hold: GamePath                    # the baselines facing the events most teams had injected (usually none)
    adviser: GamePath
    questions: list[str]
    mixed_events: bool = False        # teams faced different injected events: each is compared with its own
    simulated: tuple[Team, ...] = ()  # games written by `simulate --save`, listed apart (best first)

    @property
    def only_simulated(self) -> bool:
        """No team's game was given: the simulated games stand in the ranking, each marked as such."""
        return bool(self.teams) and all(t.simulated for t in self.teams)


def save_files(args: list[str]) -> tuple[list[Path], list[LeftOut]]:
    """The .json files named or inside the folders named (not recursive), in order, each once."""
    files, missing, seen = [], [], set()
    for arg in args:
        p = Path(arg)
        found = sorted(q for q in p.glob("*.json") if not q.name.startswith(".")) if p.is_dir() else [p]
        if not p.exists():
            missing.append(LeftOut(p, _("no such file or folder")))
        for q in found:
            key = os.path.realpath(q)
            if key not in seen:
                seen.add(key)
                files.append(q)
    return files, missing


def _team_name(loaded: Loaded, file: Path) -> str:
    """The team's whole name as the game asked it; else the file's name (a save copied and renamed by its team):
    never the save's slot, which for an autosave says only "autosave"."""
    if loaded.origin == SIMULATED:
        return _("{name} (simulated: {policy})").format(name=file_name(file.stem),
                                                        policy=loaded.policy or _("a strategy"))
    return loaded.full_team or file_name(file.stem)


def build(args: list[str], progress: Callable[[int, int], None] | None = None) -> ClassReport:
    """Raises SaveError only when no save at all can be used (the message lists why each was left out).
    `progress(saves read, saves in all)` after each save."""
    files, left_out = save_files(args)
    if len(files) > MAX_FILES:
        left_out += [LeftOut(f, _("more than {n} files: only the first {n} are read").format(n=MAX_FILES))
                     for f in files[MAX_FILES:]]
        files = files[:MAX_FILES]
    loaded: list[tuple[Path, Loaded]] = []
    find = functools.lru_cache(maxsize=None)(find_campaign)   # one campaign, read once for the whole class
    for k, f in enumerate(files):
        if progress:
            progress(k, len(files))
        try:
            game = open_save(f, find, replay_changed=True)
        except SaveError as error:
            left_out.append(LeftOut(f, str(error)))
            continue
        if not game.session.over:
            left_out.append(LeftOut(f, _("the game is not finished ({n} of {turns} played)").format(
                                       n=len(game.session.reports), turns=_turns(game.session.campaign.turns))
                                    + (f"; {game.note()}" if game.changed else "")))
            continue
        loaded.append((f, game))
    if progress:
        progress(len(files), len(files))
    if not loaded:
        raise SaveError(_("no finished game of Fair Share among the files given")
                        + "".join(f"\n  {file_name(x.file)}: {x.reason}" for x in left_out))
    # The class's game is the one most teams played; the others are listed, not mixed in.
    meanings = {id(g): meaning_hash(g.session.campaign) for _, g in loaded}
    keys = Counter((g.session.campaign.id, meanings[id(g)], g.session.seed) for _, g in loaded)
    cid, meaning, seed = keys.most_common(1)[0][0]
    teams, simulated, names = [], [], Counter()
    for f, game in loaded:
        s = game.session
        if s.campaign.id != cid:
            left_out.append(LeftOut(f, _("another campaign ('{campaign}'; the class played '{played}')").format(
                campaign=s.campaign.id, played=cid)))
        elif meanings[id(game)] != meaning:
            left_out.append(LeftOut(f, _("another version of the campaign file '{campaign}' (found at {file})").format(
                campaign=cid, file=file_name(Path(s.campaign.path).name))))
        elif s.seed != seed:
            left_out.append(LeftOut(f, _("another seed ({seed}; the class played seed {played})").format(
                seed=s.seed, played=seed)))
        else:
            name = _team_name(game, f)
            label = shown(name, NAME_LENGTH)
            names[label] += 1
            if names[label] > 1:      # two teams that chose one name (or two that differ only after the cut)
                label = f"{label} ({shown(file_name(f.name), NAME_LENGTH)})"
            team = Team(label, f, s, session_path(s, label), simulated=(game.policy or _("a strategy"))
                        if game.origin == SIMULATED else "", note=game.note(), full_name=name)
            (simulated if team.simulated else teams).append(team)
    if not teams:           # an example class, all of it from `simulate --save`: ranked, each marked
        teams, simulated = simulated, []
    # Each distinct table of injected events gets its own pair of baselines, played once.
    world, tables = teams[0].session.world, {t.session.injected().tobytes(): t.session.injected()
                                             for t in teams + simulated}
    paths = {key: tuple(_baseline(world, seed, name, table) for name in ("hold", "adaptive"))
             for key, table in tables.items()}
    common = Counter(t.session.injected().tobytes() for t in teams)
    hold, adviser = paths[common.most_common(1)[0][0]]

    def scored(group: list[Team]) -> list[Team]:
        ranked = sorted(group, key=lambda t: -t.score)
        return [replace(t, hold_score=paths[key][0].score, adviser_score=paths[key][1].score)
                for t, key in ((t, t.session.injected().tobytes()) for t in ranked)]
    teams = scored(teams)
    return ClassReport(teams[0].session.campaign, seed, teams, left_out, hold, adviser, questions(teams, hold, adviser),
                       mixed_events=len(common) > 1, simulated=tuple(scored(simulated)))


def _turns(n: int) -> str:
    return f"{n} turn{'s' * (n != 1)}"


def _baseline(world, seed: int, name: str, injected: np.ndarray) -> GamePath:
    """A built-in policy on the class's dice, facing the events a facilitator injected into a team's game."""
    policy = replace(built_in(name), events=injected if injected.any() else None)
    return policy_path(world, policy, seed, name)


# --------------------------------------------------------------------------------------------- questions
def _orders(team: Team, ally: int) -> list[str]:
    return [ORDERS[int(r.orders[0, ally])] for r in team.path.reports]


def _final(team: Team, var: str, ally: int) -> float:
    return float(getattr(team.path.final, var)[0, ally])


def _withdrawal_question(teams: list[Team], campaign: Campaign) -> str | None:
    best = None
    for i, ally in enumerate(campaign.allies):
        out = [t for t in teams if any(int(r.orders[0, i]) == WITHDRAW for r in t.path.reports)]
        stayed = [t for t in teams if t not in out]
        if out and stayed:
            gap = np.mean([_final(t, "hedging", i) for t in out]) - np.mean([_final(t, "hedging", i) for t in stayed])
            if best is None or gap > best[0]:
                best = (gap, i, ally, out, stayed)
    if best is None:
        return None
    i, ally, out, stayed = best[1:]
    first = next(k for k, o in enumerate(_orders(out[0], i)) if o == "withdraw")
    who = out[0].name + (ngettext(" and {n} other team", " and {n} other teams", len(out) - 1).format(n=len(out) - 1)
                         if len(out) > 1 else "")
    return _("{who} withdrew from {ally} (first in {when}). {ally}'s hedging ended at {theirs} for them, against "
             "{others} for the teams that never withdrew. What did {ally} fear, and could the U.S. have freed those "
             "forces another way?").format(who=who, ally=ally.name, when=campaign.calendar.label(first),
                                           theirs=num(np.mean([_final(t, 'hedging', i) for t in out])),
                                           others=num(np.mean([_final(t, 'hedging', i) for t in stayed])))


def _disagreement_question(teams: list[Team], campaign: Campaign) -> str | None:
    """The ally the teams treated most differently: its usual order per team, and what each choice gave."""
    best = None
    for i, ally in enumerate(campaign.allies):
        usual = {t.name: Counter(_orders(t, i)).most_common(1)[0][0] for t in teams}
        groups = Counter(usual.values())
        if len(groups) > 1 and (best is None or len(groups) > best[0]):
            best = (len(groups), i, ally, usual, groups)
    if best is None:
        return None
    i, ally, usual, groups = best[1:]
    parts = []
    for order, n in groups.most_common(3):
        mine = [t for t in teams if usual[t.name] == order]
        parts.append(ngettext("{n} team mostly chose {order} (spending ended at {spending} % of GDP, alignment "
                              "{alignment})", "{n} teams mostly chose {order} (spending ended at {spending} % of GDP, "
                              "alignment {alignment})", n).format(
                                  n=n, order=order_name(order),
                                  spending=num(np.mean([_final(t, 'spending', i) for t in mine])),
                                  alignment=num(np.mean([_final(t, 'alignment', i) for t in mine]))))
    return _("The teams disagreed most over {ally}: {parts}. Which answer did the article predict for an ally facing "
             "{ally}'s threat, and why?").format(ally=ally.name, parts="; ".join(parts))


def _pillar_question(teams: list[Team]) -> str | None:
    spreads = {p: (max(teams, key=lambda t: t.pillar(p)), min(teams, key=lambda t: t.pillar(p))) for p in PILLARS}
    p, (hi, lo) = max(spreads.items(), key=lambda kv: kv[1][0].pillar(kv[0]) - kv[1][1].pillar(kv[0]))
    if hi is lo or hi.pillar(p) - lo.pillar(p) < 1:
        return None
    return _("The teams differed most on {pillar}: {hi} reached {hi_score}, {lo} {lo_score}. Compare their order "
             "grids: which orders bought {pillar}, and what did they cost on the other pillars?").format(
                 pillar=PILLAR_WORDS[p], hi=hi.name, hi_score=num(hi.pillar(p), 0), lo=lo.name,
                 lo_score=num(lo.pillar(p), 0))


def _attack_question(teams: list[Team], campaign: Campaign) -> str | None:
    for i, ally in enumerate(campaign.allies):
        hit = [t for t in teams if any(bool(r.aggression[0, i]) for r in t.path.reports)]
        spared = [t for t in teams if t not in hit]
        if hit and spared:
            adversary = campaign.adversaries[teams[0].session.world.adversary[i]].name
            return ngettext("On the same dice, {adversary} struck {ally} successfully in {n} team's games ({hit} among "
                            "them) but not in {spared_n} others ({spared} among them). What made deterrence look thin "
                            "there?", "On the same dice, {adversary} struck {ally} successfully in {n} teams' games "
                            "({hit} among them) but not in {spared_n} others ({spared} among them). What made "
                            "deterrence look thin there?", len(hit)).format(
                                adversary=adversary, ally=ally.name, n=len(hit), hit=hit[0].name,
                                spared_n=len(spared), spared=spared[0].name)
    return None


def _baseline_question(teams: list[Team], hold: GamePath, adviser: GamePath) -> str:
    beat_hold = sum(t.score > t.hold_score for t in teams)
    beat_adviser = [t for t in teams if t.score > t.adviser_score]
    text = ngettext("{beat} of {n} team beat holding every ally every turn ({hold}), and {beat_adviser} beat the "
                    "built-in adviser ({adviser}) on the same dice. ", "{beat} of {n} teams beat holding every ally "
                    "every turn ({hold}), and {beat_adviser} beat the built-in adviser ({adviser}) on the same dice. ",
                    len(teams)).format(beat=beat_hold, n=len(teams), hold=num(hold.score, 0),
                                       beat_adviser=len(beat_adviser), adviser=num(adviser.score, 0))
    if beat_adviser:
        return text + _("What did {team} do that the adviser did not?").format(team=beat_adviser[0].name)
    return text + _("Where did the adviser press, reassure or hold that the teams did not?")


def questions(teams: list[Team], hold: GamePath, adviser: GamePath) -> list[str]:
    """3-5 questions for the discussion, from where the teams' games differed most."""
    campaign = teams[0].session.campaign
    found = [_withdrawal_question(teams, campaign), _disagreement_question(teams, campaign), _pillar_question(teams),
             _attack_question(teams, campaign), _baseline_question(teams, hold, adviser)]
    found = [q for q in found if q]
    generic = ["Which ally changed most over the game, and which of the turn report's factors drove it?",
               _("Where did pressure work, and where was the threat of abandonment not credible enough?"),
               _("Did any team reassure an ally that then spent less? Is that free-riding, and was it worth it?")]
    return (found + generic)[:max(3, min(5, len(found)))]
