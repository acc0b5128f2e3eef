"""The wartime response: how far an adversary's war economy stands above its trend, and each run's draw of how
hard allies answer it (the calibration's bootstrap replicates, tools/calibrate.py)."""
from __future__ import annotations

import numpy as np

from game.sim.state import State

SURGE_FLOOR = 1e-4    # a departure from trend smaller than this is rounding, not a war economy (war_surge)


def war_surge(state: State) -> np.ndarray:
    """(B, N) the ally's exposure times how far its adversary's capability stands above its own trend (0 while it
    follows it): the signal of a war economy, which steady growth (China's) does not give."""
    w = state.world
    trend = w.adversary_capability0 * (1 + w.adversary_growth) ** (state.turn * w.dt)
    above = state.adv_capability / trend - 1.0
    # Capability compounded turn by turn and the trend raised to a power part ways by rounding (some 1e-7 in
    # float32): that is no war economy, so only a departure past 1e-4 counts.
    return w.exposure * np.where(above > SURGE_FLOOR, above, 0.0)[:, w.adversary]


def draw_war(state: State, rng: np.random.Generator) -> np.ndarray:
    """(B, 2) each run's wartime response: one of the fit's bootstrap replicates, drawn with the batch axis first
    (the parameter uncertainty the fit leaves); the fitted values where the calibration ships none."""
    replicates = np.asarray(state.world.params.shock_draws, dtype=state.world.real).reshape(-1, 2)
    if not len(replicates):
        return state.war
    pick = np.minimum((rng.random(state.runs) * len(replicates)).astype(int), len(replicates) - 1)
    return np.asfortranarray(replicates[pick])
