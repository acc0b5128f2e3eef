"""How Washington's orders move its forward presence, and what presence costs: the one home of the rule that
`step` plays, the play screen projects (Session.projected_cost) and the adviser budgets for. What an ally pays
toward the forces on its soil (its offset) comes off their cost here, and nowhere else."""
from __future__ import annotations

import numpy as np

from game.sim.params import Params
from game.sim.state import REASSURE, WITHDRAW


def removed(presence: np.ndarray, orders: np.ndarray, p: Params) -> np.ndarray:
    """Presence a withdrawal takes away: as much as is actually there, up to one withdrawal's worth (where none is
    left the order does nothing)."""
    return np.minimum(presence, p.withdraw_presence) * (orders == WITHDRAW)


def presence_after(presence: np.ndarray, reassured: np.ndarray, taken: np.ndarray, p: Params, dt: float) -> np.ndarray:
    """Presence once this turn's orders take effect: a turn of reassurance adds its share of a year's exercises and
    rotations, a withdrawal removes `taken` (see `removed`)."""
    return np.clip(presence + reassured * (p.reassure_presence * dt) - taken, 0.0, 1.0)


def upkeep(presence: np.ndarray, reassured: np.ndarray, cost: np.ndarray, p: Params, offset=0.0) -> np.ndarray:
    """US$ bn a year each ally's U.S. presence costs Washington (`cost`: its upkeep at full presence), a
    reassurance's visits and exercises included, less what the ally pays toward it (`offset`, up to the whole
    cost: with no forces left there is nothing to offset); crises come on top (step)."""
    garrison = (presence + reassured * p.reassure_cost) * cost
    return garrison - np.minimum(offset, garrison)


def projected(presence: np.ndarray, orders: np.ndarray, cost: np.ndarray, p: Params, dt: float,
              offset=0.0) -> np.ndarray:
    """Per ally, what its presence will cost once these orders take effect (before crises and Congress)."""
    reassured = (orders == REASSURE).astype(presence.dtype)
    return upkeep(presence_after(presence, reassured, removed(presence, orders, p), p, dt), reassured, cost, p,
                  offset)
