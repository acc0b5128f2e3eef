"""The four pillars of the outcome and the score, for every run of a batch."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.campaign.model import PILLARS
from game.sim import posture
from game.sim.state import State
from game.sim.layout import allies_total, weighted


@dataclass(frozen=True, eq=False)
class Outcome:
    """Pillars are 0-100 per run; the other fields are the figures they are built from."""
    deterrence: np.ndarray
    burden: np.ndarray
    influence: np.ndarray
    cohesion: np.ndarray
    score: np.ndarray
    burden_share: np.ndarray    # allies' share of the common defence over the game (their spending vs U.S. cost)
    us_cost: np.ndarray         # mean U.S. cost per year, US$ bn
    us_cost_ratio: np.ndarray   # U.S. cost over budget, over the game
    aggression: np.ndarray      # bool: at least one successful aggression
    proliferation: np.ndarray   # bool: at least one ally started a nuclear programme (given up since, or not)
    realignment: np.ndarray     # bool: at least one ally accommodated the adversary

    def pillar(self, name: str) -> np.ndarray:
        return getattr(self, name)


def burden_share(ally_milex: np.ndarray, us_cost: np.ndarray) -> np.ndarray:
    return ally_milex / np.maximum(ally_milex + us_cost, 1e-9)


# Points per unit. Deterrence is judged mostly by the risk the U.S. ran (expected successful aggressions, which the
# player's choices set) and less by the dice that fell, so one unlucky probe does not decide a game.
RISK_POINTS = 60          # per expected successful aggression over the game
HIT_POINTS = 8            # per aggression that actually succeeded
BURDEN_POINTS = 100        # per whole fair-share gap closed (or saved by the U.S.), on average over the game
OVERRUN_POINTS = 60       # burden points per 100 % of budget overspent
HEDGING_POINTS = 150      # cohesion points per unit of average hedging gained
TRUST_POINTS = 100        # cohesion points per unit of average trust lost
BREAK_POINTS = 15         # cohesion points per ally that has a bomb programme or accommodated the adversary
RENOUNCED_POINTS = 6      # cohesion points per ally that started a programme and gave it up: stopped, it still shook
                          # the alliance and leaves the know-how behind


def outcome(state: State, start: State) -> Outcome:
    """Judge a (finished or running) game against its opening position `start`."""
    w = state.world
    start_milex = weighted(start.spending, w.gdp) / 100
    start_cost = allies_total(posture.upkeep(start.presence, 0.0, w.upkeep, w.params, start.offset))
    start_fair = weighted(np.minimum(start.spending, w.fair_share0), w.gdp) / 100
    weight = w.gdp / w.gdp.sum()
    start_influence = weighted(start.alignment * ~start.realigned, weight)
    if state.turn == 0:  # before the first turn, judge the opening position itself
        years = 1.0
        ratio = start_cost / np.maximum(start.budget, 1e-9)
        us_cost, share = start_cost, burden_share(start_milex, start_cost)
        fair, influence_avg = start_fair, start_influence
    else:
        years = state.turn * w.dt
        us_cost = state.us_cost_total / years
        share = burden_share(state.ally_milex_total / years, us_cost)
        ratio = state.us_cost_total / np.maximum(state.budget_total, 1e-9)
        fair, influence_avg = state.fair_total / years, state.influence_total / years
    # Burden: money counts the same whoever moves it. A dollar the allies add toward their fair share and a dollar
    # the U.S. saves are worth the same; 50 is the opening position and closing half the allies' fair-share gap
    # (on average over the game) reaches 100.
    # Spending past a fair share earns nothing: the front line already pays, and pressing it gains no burden.
    # A campaign whose allies all start at their fair share has no gap to close: then 5 % of what they pay is the
    # yardstick, so the pillar does not swing from 0 to 100 on a rounding error.
    fair_paid = float(np.minimum(start.spending[0], w.fair_share0) @ w.gdp / 100)
    gap = max(float(np.maximum(w.fair_share0 - start.spending[0], 0) @ w.gdp / 100), 0.05 * fair_paid, 1e-9)
    gained = (fair - start_fair) + (start_cost - us_cost)
    burden = np.clip(50 + BURDEN_POINTS * gained / gap - OVERRUN_POINTS * np.maximum(ratio - 1, 0), 0, 100)
    deterrence = np.clip(100 - RISK_POINTS * state.risk_total - HIT_POINTS * state.aggressions, 0, 100)
    # Influence: alignment over the game and at its end (the legacy left), an ally that realigned counting zero.
    final_influence = weighted(state.alignment * ~state.realigned, weight)
    influence = 100 * (influence_avg + final_influence) / 2
    n = state.hedging.shape[1]
    hedging_gain = np.maximum((allies_total(state.hedging) - allies_total(start.hedging)) / n, 0)
    trust_loss = np.maximum((allies_total(start.trust) - allies_total(state.trust)) / n, 0)
    breaks = state.nuclear.sum(-1) + state.realigned.sum(-1)
    cohesion = np.clip(100 - HEDGING_POINTS * hedging_gain - TRUST_POINTS * trust_loss - BREAK_POINTS * breaks
                       - RENOUNCED_POINTS * state.renounced.sum(-1), 0, 100)
    pillars = {"deterrence": deterrence, "burden": burden, "influence": influence, "cohesion": cohesion}
    weights = w.campaign.score_weights
    total = sum(weights.get(p, 1.0) for p in PILLARS)
    score = sum(weights.get(p, 1.0) * pillars[p] for p in PILLARS) / total
    return Outcome(score=score, burden_share=share, us_cost=us_cost, us_cost_ratio=ratio,
                   aggression=state.aggressions > 0, proliferation=(state.nuclear | state.renounced).any(-1),
                   realignment=state.realigned.any(-1), **pillars)
