"""Strategies that give orders without a player: the built-in policies and plan files.

A policy maps a state to an (B, N) array of order codes. Policies read the state; they never change it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from game.campaign.model import ORDERS, Campaign
from game.sim.state import HOLD, ORDER_CODE, PRESSURE, REASSURE, State
from game.sim.step import derive, fair_share

PolicyFn = Callable[[State, np.random.Generator], np.ndarray]
BUILT_IN = ("hold", "pressure", "reassure", "withdraw", "criticize", "adaptive", "random")


@dataclass(frozen=True)
class Policy:
    name: str
    choose: PolicyFn

    def __call__(self, state: State, rng: np.random.Generator) -> np.ndarray:
        return self.choose(state, rng)


def uniform(order: str) -> Policy:
    code = ORDER_CODE[order]
    return Policy(order, lambda state, rng: np.full(state.spending.shape, code, dtype=np.int8))


# Why the adviser suggests what it does, one code per ally (see explain.advice).
NO_REASON, THIN, SHAKY, BELOW_PAR, RESTING, NO_MONEY = range(6)


def adviser(state: State) -> tuple[np.ndarray, np.ndarray]:
    """A sensible adviser: shore up exposed allies where deterrence is thin and allies losing faith; press the
    ones spending less than their threat warrants (pressing an ally that already pays breeds resentment), and
    give a threat a rest once it has been repeated for a while; never spend past the budget on reassurance.
    Returns the orders and a reason code for each, both (B, N)."""
    w, p = state.world, state.world.params
    d = derive(state)
    thin = (d.deterrence < 1.0) & (state.threat >= 0.6)
    shaky = (state.trust < 0.45) | (state.hedging > 0.3) | (state.alignment < w.alignment0 - 0.08)
    below_par = state.spending < fair_share(state.threat, p)
    resting = below_par & (state.pressed >= 1.5)
    press = below_par & ~resting
    orders = np.where(thin | shaky, REASSURE, np.where(press, PRESSURE, HOLD)).astype(np.int8)
    reasons = np.select([thin, shaky, press, resting], [THIN, SHAKY, BELOW_PAR, RESTING], NO_REASON)
    # Keep within budget: drop the reassurances of the least exposed allies first.
    extra = (orders == REASSURE) * (p.reassure_cost + p.reassure_presence) * w.upkeep
    by_exposure = np.argsort(-w.exposure, kind="stable")
    slack = state.budget - (state.presence * w.upkeep).sum(-1)
    over = np.empty(orders.shape, dtype=bool)
    over[:, by_exposure] = np.cumsum(extra[:, by_exposure], axis=1) > slack[:, None]
    dropped = over & (orders == REASSURE)
    return np.where(dropped, HOLD, orders).astype(np.int8), np.where(dropped, NO_MONEY, reasons)


def adaptive_orders(state: State, rng: np.random.Generator | None = None) -> np.ndarray:
    return adviser(state)[0]


def random_orders(state: State, rng: np.random.Generator) -> np.ndarray:
    return rng.integers(0, len(ORDERS), size=state.spending.shape, dtype=np.int8)


def plan_policy(name: str, default: str, orders: dict[str, tuple[str, ...]], campaign: Campaign) -> Policy:
    """A plan: per ally a sequence of orders by turn (the last one repeats); `default` for the others."""
    n = len(campaign.allies)
    table = np.full((campaign.turns, n), ORDER_CODE[default], dtype=np.int8)
    for ally_id, seq in orders.items():
        i = campaign.ally_index(ally_id)
        for t in range(campaign.turns):
            table[t, i] = ORDER_CODE[seq[min(t, len(seq) - 1)]]
    return Policy(name, lambda state, rng: np.broadcast_to(table[min(state.turn, len(table) - 1)],
                                                           state.spending.shape).copy())


def built_in(name: str) -> Policy:
    if name in ORDERS:
        return uniform(name)
    if name == "adaptive":
        return Policy(name, adaptive_orders)
    if name == "random":
        return Policy(name, random_orders)
    raise KeyError(name)


# ------------------------------------------------------------------------------------------ naming a policy
# Appended below the model's code (not merged into the imports at the top) so that edits above merge cleanly.
import difflib  # noqa: E402

from game.campaign import CampaignError  # noqa: E402
from game.campaign.plan import load_plan  # noqa: E402


class PolicyError(Exception):
    """A plan file that cannot be used; str(error) is the message for the user."""


class UnknownPolicyError(PolicyError):
    """A name that is neither a built-in policy nor a plan file: a mistake in the command, not in a file."""


def resolve_policy(name: str, campaign: Campaign) -> Policy:
    """A built-in policy by name, or a plan file (a path) checked against `campaign`. Raises PolicyError
    (UnknownPolicyError for a name that is neither)."""
    if name in BUILT_IN:
        return built_in(name)
    if not (name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name):
        close = difflib.get_close_matches(name, BUILT_IN, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise UnknownPolicyError(f"unknown policy '{name}'{hint} (built-in: {', '.join(BUILT_IN)}; "
                                 "or a plan file .yaml)")
    try:
        plan = load_plan(name, campaign)
    except CampaignError as error:
        raise PolicyError(f"plan '{name}' has problems:\n{error}") from None
    return plan_policy(plan.name, plan.default, plan.orders, campaign)
