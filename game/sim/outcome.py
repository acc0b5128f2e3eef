"""The four pillars of the outcome and the score, for every run of a batch."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.campaign.model import PILLARS
from game.sim.state import State

BURDEN_SCALE = 150


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
    proliferation: np.ndarray   # bool: at least one ally started a nuclear programme
    realignment: np.ndarray     # bool: at least one ally accommodated the adversary

    def pillar(self, name: str) -> np.ndarray:
        return getattr(self, name)


def burden_share(ally_milex: np.ndarray, us_cost: np.ndarray) -> np.ndarray:
    return ally_milex / np.maximum(ally_milex + us_cost, 1e-9)


def outcome(state: State, start: State) -> Outcome:
    """Judge a (finished or running) game against its opening position `start`."""
    w = state.world
    # The allies' share of the common defence: their military spending against what the U.S. spent on them.
    start_milex, start_cost = start.spending @ w.gdp / 100, start.presence @ w.upkeep
    start_share = burden_share(start_milex, start_cost)
    if state.turn == 0:  # before the first turn, judge the opening position itself
        share, us_cost, ratio = start_share, start_cost, start_cost / start.budget
    else:
        years = state.turn * w.dt
        us_cost = state.us_cost_total / years
        share = burden_share(state.ally_milex_total / years, us_cost)
        ratio = state.us_cost_total / np.maximum(state.budget_total, 1e-9)
    # 50 means the allies carry the same share as at the start; every 1 % of the U.S. part of the burden that
    # they take over adds BURDEN_SCALE / 100 points (and every 1 % the U.S. takes back costs as much).
    taken_over = 1 - (1 - share) / np.maximum(1 - start_share, 1e-9)
    burden = np.clip(50 + BURDEN_SCALE * taken_over - 60 * np.maximum(ratio - 1, 0), 0, 100)
    deterrence = np.clip(100 - 45 * state.aggressions - 4 * state.crises, 0, 100)
    weight = w.gdp / w.gdp.sum()
    influence = 100 * (state.alignment * ~state.realigned) @ weight
    cohesion = np.clip(100 - 30 * state.nuclear.sum(-1) - 30 * state.realigned.sum(-1)
                       - 100 * np.maximum(state.hedging.mean(-1) - 0.1, 0), 0, 100)
    pillars = {"deterrence": deterrence, "burden": burden, "influence": influence, "cohesion": cohesion}
    weights = w.campaign.score_weights
    total = sum(weights.get(p, 1.0) for p in PILLARS)
    score = sum(weights.get(p, 1.0) * pillars[p] for p in PILLARS) / total
    return Outcome(score=score, burden_share=share, us_cost=us_cost, us_cost_ratio=ratio,
                   aggression=state.aggressions > 0, proliferation=state.nuclear.any(-1),
                   realignment=state.realigned.any(-1), **pillars)
