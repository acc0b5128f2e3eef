"""Strategies that give orders without a player: the built-in policies and plan files.

A policy maps a state to an (B, N) array of order codes. Policies read the state; they never change it.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Callable

import numpy as np

from game.campaign import CampaignError
from game.campaign.model import ORDERS, Campaign
from game.campaign.plan import load_plan
from game.sim.state import CONGRESS, HOLD, NO_ACTION, ORDER_CODE, PRESSURE, REASSURE, US_ACTION_CODE, State
from game.sim import posture
from game.sim.derived import derive, pressure_push
from game.sim.layout import allies_total

PolicyFn = Callable[[State, np.random.Generator], np.ndarray]
BUILT_IN = ("hold", "pressure", "reassure", "withdraw", "criticize", "adaptive", "random")


@dataclass(frozen=True)
class Policy:
    """`choose` gives the per-ally orders (B, N); `us`, if set, the U.S.-level action of each run (B,); `events`,
    if set, a (turns, E) table of the campaign events a facilitator forced at each turn, which a replay of that
    game under another policy must force too (they are part of the world the class played, not of the plan)."""
    name: str
    choose: PolicyFn
    us: PolicyFn | None = None
    events: np.ndarray | None = None

    def __call__(self, state: State, rng: np.random.Generator) -> np.ndarray:
        return self.choose(state, rng)

    def us_action(self, state: State, rng: np.random.Generator) -> np.ndarray:
        if self.us is None:
            return np.full(state.runs, NO_ACTION, dtype=np.int8)
        return self.us(state, rng)

    def forced(self, state: State) -> np.ndarray | None:
        """The events forced at the start of the turn after this one, (E,), or None."""
        if self.events is None or state.turn >= len(self.events):
            return None
        return self.events[state.turn]


def uniform(order: str) -> Policy:
    code = ORDER_CODE[order]
    return Policy(order, lambda state, rng: np.full(state.spending.shape, code, dtype=np.int8))


# Why the adviser suggests what it does, one code per ally (see explain.advice).
NO_REASON, THIN, SHAKY, BELOW_PAR, RESTING, NO_MONEY, UNMOVED = range(7)


def adviser(state: State) -> tuple[np.ndarray, np.ndarray]:
    """A rule of thumb built on the research, ally by ally: reassure where deterrence is thin or an ally wavers;
    apply conditional pressure where it would work (an ally below its fair share, a real threat, a credible U.S.
    threat), and once a threat has been repeated give the promised support instead (Nixon's pairing); stand by an
    ally that pays its share; leave alone an ally pressure would not move (an empty demand only strains the
    relationship); never spend past the budget on reassurance. Returns the orders and a reason code for each,
    both (B, N)."""
    w, p = state.world, state.world.params
    d = derive(state, congress=congress_wanted(state))
    front = state.threat >= ADVISER_EXPOSED
    thin = front & (d.risk > ADVISER_RISK * w.dt)
    shaky = (state.trust < 0.5) | (state.hedging > 0.25) | (state.alignment < w.alignment0 - 0.08)
    below_par = state.spending < p.fair_share(state.threat) - 0.05
    resting = below_par & (state.pressed >= ADVISER_REST)
    moved = pressure_push(state, d) >= ADVISER_COMPLIANCE * p.compliance_scale
    press = below_par & ~resting & moved & ~thin & ~shaky
    # The front line needs the promise most: between demands, and once it pays, stand by it while its faith is
    # short of firm (Nixon's pairing of pressure with reassurance).
    stand_by = front & ~press & (state.trust < ADVISER_FIRM)
    # The other half of the bargain: after a run of demands, and for an ally that pays its share, the support
    # promised ("do it and we stand by you"), as the budget allows.
    promised = resting | ~below_par
    orders = first_true([thin | shaky | stand_by | promised, press], [REASSURE, PRESSURE], HOLD)
    reasons = first_true([thin | stand_by, shaky, press, resting, below_par],
                         [THIN, SHAKY, BELOW_PAR, RESTING, UNMOVED], NO_REASON)
    # Keep within budget: drop the reassurances of the least exposed allies first.
    held = posture.projected(state.presence, np.zeros_like(orders), w.upkeep, p, w.dt, state.offset)
    extra = (orders == REASSURE) * (posture.projected(state.presence, orders, w.upkeep, p, w.dt, state.offset)
                                    - held)
    by_exposure = np.argsort(-w.exposure, kind="stable")
    slack = state.budget - allies_total(held)
    over = np.empty_like(orders, dtype=bool)
    over[:, by_exposure] = np.cumsum(extra[:, by_exposure], axis=1) > slack[:, None]
    dropped = over & (orders == REASSURE)
    return first_true([dropped], [HOLD], orders), first_true([dropped], [NO_MONEY], reasons)


def first_true(conditions: list[np.ndarray], codes: list[int], default) -> np.ndarray:
    """(B, N) int8: the code of the first condition that holds, else `default` (a code or an array of them): what
    np.select gives, by arithmetic on the masks, which measured some 25x faster than np.select and np.where on a
    batch's boolean arrays."""
    out = np.zeros(conditions[0].shape, dtype=np.int8, order="F")
    out += np.asarray(default, dtype=np.int8)
    for condition, code in zip(reversed(conditions), reversed(codes)):
        out += condition * (np.int8(code) - out)
    return out


ADVISER_RISK = 0.02         # yearly chance of a successful aggression above which deterrence counts as thin
ADVISER_REST = 1.5          # years of recent pressure after which a threat is given a rest
ADVISER_EXPOSED = 0.7      # threat at which an ally counts as the front line
ADVISER_FIRM = 0.8          # trust at which a front-line ally's faith counts as firm
ADVISER_COMPLIANCE = 0.3    # press only where the ally would answer at least 30 % of a full demand
ADVISER_MARGIN = 0.0        # point at Congress only while, stirred up, domestic pressure stays below its threshold
                            # (past it, a forced drawdown costs as a withdrawal nobody chose, and luck decides games)


def congress_wanted(state: State) -> np.ndarray:
    """The adviser points at Congress while domestic pressure, stirred up, stays clear of the level where Congress
    may force a drawdown: a withdrawal from every ally that nobody chose. (B,) bool."""
    p = state.world.params
    return state.domestic_pressure + p.congress_stir < p.congress_threshold - ADVISER_MARGIN


def adviser_us(state: State, rng: np.random.Generator | None = None, orders: np.ndarray | None = None) -> np.ndarray:
    """Invoke Congress in the turns the adviser presses at least one ally (`orders`: its orders, if known)."""
    orders = adviser(state)[0] if orders is None else orders
    return np.where(congress_wanted(state) & (orders == PRESSURE).any(-1), CONGRESS, NO_ACTION).astype(np.int8)


def adaptive_orders(state: State, rng: np.random.Generator | None = None) -> np.ndarray:
    return adviser(state)[0]


def adaptive() -> Policy:
    """The adviser as a policy. Its orders and its U.S. action come from one reading of each state (the last one is
    kept), so a Monte Carlo turn works the adviser out once, not twice."""
    last: dict = {}

    def orders(state: State, rng=None) -> np.ndarray:
        if last.get("state") is not state:
            last.update(state=state, orders=adaptive_orders(state))
        return last["orders"]

    return Policy("adaptive", orders, lambda state, rng: adviser_us(state, rng, orders(state)))


def random_orders(state: State, rng: np.random.Generator) -> np.ndarray:
    return rng.integers(0, len(ORDERS), size=state.spending.shape, dtype=np.int8)


def plan_table(default: str, orders: dict[str, tuple[str, ...]], campaign: Campaign,
               us: tuple[str, ...] = ("none",)) -> tuple[np.ndarray, np.ndarray]:
    """A plan file's orders as a (turns, allies) table of order codes and a (turns,) row of U.S.-level action
    codes: per ally a sequence of orders by turn (the last one repeats), `default` for the others."""
    n, turns = len(campaign.allies), campaign.turns
    table = np.full((turns, n), ORDER_CODE[default], dtype=np.int8)
    for ally_id, seq in orders.items():
        i = campaign.ally_index(ally_id)
        for t in range(turns):
            table[t, i] = ORDER_CODE[seq[min(t, len(seq) - 1)]]
    actions = np.array([US_ACTION_CODE[us[min(t, len(us) - 1)]] for t in range(turns)], dtype=np.int8)
    return table, actions


def plan_policy(name: str, default: str, orders: dict[str, tuple[str, ...]], campaign: Campaign,
                us: tuple[str, ...] = ("none",)) -> Policy:
    """A plan (see plan_table) played as a policy."""
    turns = campaign.turns
    table, actions = plan_table(default, orders, campaign, us)
    row = lambda state: min(state.turn, turns - 1)  # noqa: E731
    return Policy(name, lambda state, rng: np.broadcast_to(table[row(state)], state.spending.shape).copy(),
                  lambda state, rng: np.full(state.runs, actions[row(state)], dtype=np.int8))


def built_in(name: str) -> Policy:
    if name in ORDERS:
        return uniform(name)
    if name == "adaptive":
        return adaptive()
    if name == "random":
        return Policy(name, random_orders)
    raise KeyError(name)


# ------------------------------------------------------------------------------------------ naming a policy


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
    return plan_policy(plan.name, plan.default, plan.orders, campaign, plan.us)
