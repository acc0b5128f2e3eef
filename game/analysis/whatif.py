"""The what-if debrief: the player's game beside the same seed played by others, the player's own orders over many
games, and the orders that moved the outcome most.

- Baselines: the same seed under hold, the adviser and the campaign's best plan (game.analysis.best_plan). The
  model's dice are separate from the player's choices (game.sim.run.rngs), so all four games face the same luck.
- Luck: the player's orders, turn by turn, replayed over `DISTRIBUTION_RUNS` other games. Where this game falls
  among them tells skill from luck, and the chance happenings (attacks, probes, events, Congress) that set this
  game apart from the average are weighed by what they cost or gave in those games.
- Turning points: each order the player gave (and each call on Congress) undone, one at a time, on the same dice;
  the difference in the final score is what that order was worth.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from game.i18n import N_, Translated, _, integer, num, percent, pgettext
from game.analysis.best_plan import Found, find
from game.analysis.plans import Plan, evaluate, plan_policy
from game.analysis.replay import GamePath, plan_of, policy_path, session_path
from game.campaign.model import ORDERS, PILLARS
from game.sim.batches import chunk_rngs
from game.sim.explain import happenings, order_name
from game.sim.outcome import outcome
from game.sim.policies import Policy, built_in
from game.sim.run import new_game
from game.sim.session import Session
from game.sim.state import HOLD, NO_ACTION
from game.sim.step import step

DISTRIBUTION_RUNS = 1000
LABELS = Translated({"you": N_("Your game"), "hold": N_("Hold everywhere"), "adaptive": N_("The adviser"),
                     "best plan": N_("Best plan found")})
TURNING_POINTS = 5


@dataclass(frozen=True)
class Chance:
    """A happening the dice decide: in this game or not, how often in the other games, and what it is worth."""
    text: str              # "a successful attack on Estonia"
    absent: str            # "no successful attack on Estonia"
    here: bool
    when: str              # the turn it happened in this game ("" if it did not)
    share: float           # share of the other games with it
    effect: float          # mean score of the games with it minus those without
    contribution: float    # (here - share) x effect: how far it moved this game from the average


@dataclass(frozen=True, eq=False)
class Luck:
    scores: np.ndarray     # the player's orders' final score in each of the other games
    score: float           # this game
    mean: float
    below: float           # share of the other games that scored less than this one (ties count half)
    chances: list[Chance]  # the largest contributions first
    sentence: str
    at_least: float = 0.0  # share of the other games that scored as high as this one or higher
    at_most: float = 0.0   # share of the other games that scored as low as this one or lower


@dataclass(frozen=True)
class TurningPoint:
    turn: int              # 0-based
    label: str             # the turn's calendar label
    ally: str              # an ally id, or "" for a U.S.-level action
    what: str              # "pressure on Poland", "invoking Congress"
    worth: float           # final score with the order minus the score with hold (or no action) instead


@dataclass(frozen=True, eq=False)
class WhatIf:
    paths: dict[str, GamePath]            # "you", "hold", "adaptive" and "best plan", all on the session's seed
    pillars: dict[str, dict[str, float]]  # path name -> pillar (and "score") -> value at the end
    best: Found
    luck: Luck | None                     # None for an unfinished game
    turning_points: list[TurningPoint]
    swings: list[tuple[str, float, list[str]]]   # (turn label, score change that turn, what happened), largest first


def baselines(session: Session, best: Plan) -> dict[str, GamePath]:
    policies: dict[str, Policy] = {"hold": built_in("hold"), "adaptive": built_in("adaptive"),
                                   "best plan": plan_policy(best, "best plan")}
    # The facilitator's events belong to the world the player faced: every baseline faces them too.
    events = session.injected()
    return {name: policy_path(session.world, replace(policy, events=events), session.seed, name)
            for name, policy in policies.items()}


def final_pillars(path: GamePath) -> dict[str, float]:
    o = path.outcome
    return {**{p: float(getattr(o, p)[0]) for p in PILLARS}, "score": float(o.score[0])}


def what_if(session: Session, best: Found | None = None, runs: int = DISTRIBUTION_RUNS) -> WhatIf:
    best = best or find(session.campaign)
    paths = {"you": session_path(session), **baselines(session, best.plan)}
    luck = chance_and_skill(session, runs) if session.over else None
    return WhatIf(paths, {name: final_pillars(p) for name, p in paths.items()}, best, luck,
                  turning_points(session), swings(session))


# --------------------------------------------------------------------------------------------- luck
def _features(session: Session) -> list[tuple[str, str, str]]:
    """The chance happenings the distribution tallies, as (key, words, words for its absence): attacks, probes
    turned back, conditional events, Congress."""
    c = session.campaign
    out = [(f"attack:{a.id}", _("a successful attack on {ally}").format(ally=a.name),
            _("no successful attack on {ally}").format(ally=a.name)) for a in c.allies]
    out += [(f"probe:{a.id}", _("a probe of {ally} turned back").format(ally=a.name),
             _("no probe of {ally}").format(ally=a.name)) for a in c.allies]
    out += [(f"event:{e.id}", _("the event '{event}'").format(event=e.title), _("no '{event}'").format(event=e.title))
            for e in c.events if e.when is not None]
    return out + [("congress", _("Congress forcing a drawdown"), _("no drawdown forced by Congress"))]


def _tally(reports, allies: int, events: int) -> dict[str, np.ndarray]:
    """Per game (B,): whether each chance happening came about, and the first turn it did (-1: never)."""
    first: dict[str, np.ndarray] = {}

    def mark(key: str, hit: np.ndarray, t: int) -> None:
        now = first.setdefault(key, np.full(hit.shape, -1))
        now[(now < 0) & hit] = t

    for t, r in enumerate(reports):
        for i in range(allies):
            mark(f"attack:{i}", r.aggression[:, i], t)
            mark(f"probe:{i}", r.probe[:, i] & ~r.aggression[:, i], t)
        for k in range(events):
            mark(f"event:{k}", r.fired[:, k], t)
        mark("congress", r.congress_cut, t)
    return first


def _play_tallied(session: Session, plan: Plan, runs: int):
    """The plan over `runs` other games of the session's seed: final scores and the chance happenings' first turns.
    Seeded as `simulate` seeds a batch, whose first game is the player's own luck: that one is played and left out,
    so that this game is never counted among the "other dice"."""
    world = session.world
    model_rng, policy_rng = chunk_rngs(session.seed, 0, runs + 1)
    policy = replace(plan_policy(plan), events=session.injected())
    start, _ = new_game(world, runs + 1)
    state, reports = start, []
    while not state.over:
        state, report = step(state, policy(state, policy_rng), model_rng, policy.us_action(state, policy_rng),
                             policy.forced(state))
        reports.append(report)
    tally = _tally(reports, world.n_allies, len(session.campaign.events))
    return outcome(state, start).score[1:], {key: first[1:] for key, first in tally.items()}


def _index_key(key: str, session: Session) -> str:
    """'attack:estonia' -> 'attack:3': the tally counts allies and events by index."""
    kind, _, name = key.partition(":")
    if kind in ("attack", "probe"):
        return f"{kind}:{[a.id for a in session.campaign.allies].index(name)}"
    if kind == "event":
        return f"event:{[e.id for e in session.campaign.events].index(name)}"
    return key


def chance_and_skill(session: Session, runs: int = DISTRIBUTION_RUNS) -> Luck:
    plan = plan_of(session_path(session), session.campaign.turns)
    scores, tally = _play_tallied(session, plan, runs)
    mine = _tally([*session.reports], session.world.n_allies, len(session.campaign.events))
    score = float(session.outcome().score[0])
    chances = []
    for key, text, absent in _features(session):
        k = _index_key(key, session)
        hit = tally[k] >= 0
        here_turn = int(mine[k][0])
        if hit.all() or not hit.any():   # it happens in every game or in none: the orders, not luck, decide it
            continue
        effect = float(scores[hit].mean() - scores[~hit].mean())
        here = here_turn >= 0
        when = session.campaign.calendar.label(here_turn) if here else ""
        chances.append(Chance(text, absent, here, when, float(hit.mean()), effect,
                              (here - float(hit.mean())) * effect))
    chances.sort(key=lambda ch: -abs(ch.contribution))
    below, mean = placement(scores, score), float(scores.mean())
    at_least, at_most = float((scores >= score - TIE).mean()), float((scores <= score + TIE).mean())
    return Luck(scores, score, mean, below, chances,
                luck_sentence(score, mean, below, chances, runs, at_least, at_most), at_least, at_most)


# The batch keeps its states in float32: a score within this of the game's own counts as the same score.
TIE = 1e-3


def placement(scores: np.ndarray, score: float) -> float:
    """The share of `scores` below `score`, ties counting half (a mid-rank percentile)."""
    tied = np.abs(scores - score) <= TIE
    return float(((scores < score) & ~tied).sum() + 0.5 * tied.sum()) / len(scores)


# The dice are not the only uncertainty: a game is the model's answer, and parts of the model are judgements.
MODEL_DOUBT = (N_(" Your orders', that is, as this model reads them: how far capable allies drift, how often Congress "
               "acts and how much a drawdown emboldens are judgements the research still argues over (Help: How "
               "sure is the research?)."))


def rank_words(below: float, at_least: float, at_most: float) -> str:
    """Where this game falls among the others, in words that agree with the histogram: "higher than any of them"
    only where none scored as high, "only 0.4% of them scored as high or higher" where a few did."""
    if at_least == 0:
        return _("higher than any of them")
    if at_most == 0:
        return _("lower than any of them")
    if at_least < 0.01:
        return _("only {share} of them scored as high or higher").format(share=percent(at_least, 1))
    if at_most < 0.01:
        return _("only {share} of them scored as low or lower").format(share=percent(at_most, 1))
    return _("better than {share} of them").format(share=percent(below))


def _share(share: float) -> str:
    """'30%', or '0.3%' where whole percents would say a chance that happened was 0%."""
    return percent(share) if share >= 0.01 or share == 0 else percent(share, 1)


def luck_sentence(score: float, mean: float, below: float, chances: list[Chance], runs: int, at_least: float,
                  at_most: float) -> str:
    """'Your orders average 83 over 1,000 games; this game got 78 (better than 30% of them), mostly from ...'."""
    rank = rank_words(below, at_least, at_most)
    text = _("Your orders average {mean} over {runs} games with other dice; this game got {score} ({rank})").format(
        mean=num(mean, 0), runs=integer(runs), score=num(score, 0), rank=rank)
    gap = score - mean
    main = [ch for ch in chances[:2] if abs(ch.contribution) >= 0.5 and np.sign(ch.contribution) == np.sign(gap)]
    if abs(gap) < 1.0:
        return text + _(", within a point of their average ({gap}): luck barely moved this game, so the result is "
                        "your orders' doing.").format(gap=num(gap, 1, sign=True)) + _(MODEL_DOUBT)
    if not main:
        return text + "."
    parts = [(_("{what} in {when}").format(what=ch.text, when=ch.when) if ch.here else ch.absent)
             + _(" ({share} of games; {effect} points when it happens)").format(share=_share(ch.share),
                                                                              effect=num(ch.effect, 1, sign=True))
             for ch in main]
    return text + _(", mostly from ") + pgettext("join", " and ").join(parts) + "."


# --------------------------------------------------------------------------------------------- turning points
def turning_points(session: Session, top: int = TURNING_POINTS) -> list[TurningPoint]:
    """The player's orders whose undoing, alone and on the same dice, would change the final score most."""
    c = session.campaign
    plan = plan_of(session_path(session), c.turns)
    played = len(session.reports)
    cells = [(t, i) for t in range(played) for i in range(len(c.allies)) if plan.orders[t, i] != HOLD]
    calls = [t for t in range(played) if plan.us[t] != NO_ACTION]
    if not cells and not calls:
        return []
    undone = []
    for t, i in cells:
        orders = plan.orders.copy()
        orders[t, i] = HOLD
        undone.append(Plan(orders, plan.us))
    for t in calls:
        us = plan.us.copy()
        us[t] = NO_ACTION
        undone.append(Plan(plan.orders, us))
    scores = evaluate(session.world, [plan, *undone], 1, session.seed, session.injected())[:, 0]
    points = [TurningPoint(t, c.calendar.label(t), c.allies[i].id,
                           _("{order} on {ally}").format(order=order_name(ORDERS[plan.orders[t, i]]),
                                                         ally=c.allies[i].name),
                           float(scores[0] - s)) for (t, i), s in zip(cells, scores[1:])]
    points += [TurningPoint(t, c.calendar.label(t), "", _("invoking Congress"), float(scores[0] - s))
               for t, s in zip(calls, scores[1 + len(cells):])]
    return sorted(points, key=lambda p: -abs(p.worth))[:top]


def swings(session: Session) -> list[tuple[str, float, list[str]]]:
    """Each turn's change in the score so far, with what happened that turn; the largest changes first."""
    c, path = session.campaign, session_path(session)
    trend = [float(outcome(path.start, path.start).score[0]), *path.trend()]
    out = [(c.calendar.label(t), trend[t + 1] - trend[t], [h.title for h in happenings(r, session.history[t + 1])])
           for t, r in enumerate(session.reports)]
    return sorted(out, key=lambda x: -abs(x[1]))
