"""Plans as tables of orders, their plan files, and playing many plans at once on the same games.

A plan fixes every order in advance: a (T, N) table of ally order codes and a (T,) row of U.S.-level action codes.
`evaluate` plays P plans x R runs as one batch of P*R rows, with every plan facing the same R games (common random
numbers), which is both faster than P separate batches and a fairer comparison.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import yaml

from game.campaign.model import ORDERS, US_ACTIONS, Campaign
from game.sim.batches import chunks
from game.sim.outcome import Outcome, outcome
from game.sim.policies import Policy
from game.sim.run import new_game
from game.sim.state import NO_ACTION, World
from game.sim.step import step
from game.i18n import N_
from game.userdata import FileKind

# The first words of a plan file `balance --plan-out` writes: how the write rule knows one it may replace (a plan an
# author wrote is replaced only with --force).
FOUND_BY = "Best plan found by `fairshare balance"
PLAN_FILE = FileKind(N_("a plan written by `fairshare balance`"),
                     lambda head: head.startswith(f"# {FOUND_BY}".encode()), head=64)


@dataclass(frozen=True, eq=False)
class Plan:
    orders: np.ndarray          # (T, N) int8 order codes (state.ORDER_CODE), turn by turn
    us: np.ndarray              # (T,) int8 U.S.-level action codes (state.US_ACTION_CODE)

    @classmethod
    def blanket(cls, code: int, turns: int, allies: int) -> "Plan":
        return cls(np.full((turns, allies), code, dtype=np.int8), np.full(turns, NO_ACTION, dtype=np.int8))

    def same_as(self, other: "Plan") -> bool:
        return np.array_equal(self.orders, other.orders) and np.array_equal(self.us, other.us)


def plan_policy(plan: Plan, name: str = "plan") -> Policy:
    return Policy(name, lambda state, rng: np.broadcast_to(plan.orders[state.turn], state.spending.shape).copy(),
                  lambda state, rng: np.full(state.runs, plan.us[state.turn], dtype=np.int8))


def _collapse(names: list[str]) -> str | list[str]:
    """A turn-by-turn list as a plan file writes it: the last entry repeats, so trailing repeats go."""
    while len(names) > 1 and names[-1] == names[-2]:
        names.pop()
    return names[0] if len(names) == 1 else names


def plan_document(plan: Plan, campaign: Campaign) -> dict:
    """The plan as a plan file's data: `default` (the commonest order), `orders` for the allies that ever
    differ from it, and `us` only when the plan uses a U.S.-level action."""
    counts = np.bincount(plan.orders.ravel(), minlength=len(ORDERS))
    default = int(np.argmax(counts))
    orders = {a.id: _collapse([ORDERS[c] for c in plan.orders[:, i]])
              for i, a in enumerate(campaign.allies) if (plan.orders[:, i] != default).any()}
    doc: dict = {"default": ORDERS[default], "orders": orders}
    if (plan.us != NO_ACTION).any():
        doc["us"] = _collapse([US_ACTIONS[c] for c in plan.us])
    return doc


def plan_yaml(plan: Plan, campaign: Campaign, comment: str = "") -> str:
    header = "".join(f"# {line}\n" for line in comment.splitlines())
    doc = plan_document(plan, campaign)
    if not doc["orders"]:  # an empty mapping would be written `{}`; the loader wants a mapping or nothing
        del doc["orders"]
    return header + yaml.safe_dump(doc, sort_keys=False, default_flow_style=None, width=200)


class TiledGenerator:
    """Stands in for the model's Generator in a batch of `copies` plans x `runs` runs: each draw is made for
    `runs` rows by the real seeded Generator and repeated for every plan, so row p*runs + r gets exactly the luck
    run r gets when the plan is played alone with the same seed. This relies on `step` drawing with the batch
    axis first; a draw that does not, or a Generator method this class does not tile, raises."""

    def __init__(self, rng: np.random.Generator, copies: int, runs: int):
        self._rng, self._copies, self._runs = rng, copies, runs

    def random(self, size):
        shape = (int(size),) if np.ndim(size) == 0 else tuple(size)
        if not shape or shape[0] != self._copies * self._runs:
            raise ValueError(f"step drew random numbers of shape {shape} without the batch "
                             f"({self._copies * self._runs} rows) first: tiled plan evaluation would be wrong")
        draw = self._rng.random((self._runs, *shape[1:]))
        return np.tile(draw, (self._copies,) + (1,) * (len(shape) - 1))

    def __getattr__(self, name: str):
        raise AttributeError(f"step called Generator.{name}, which TiledGenerator does not tile: teach it that "
                             "method (batch axis first) before comparing plans in one batch")


@dataclass(frozen=True, eq=False)
class Played:
    outcome: Outcome            # per run
    fired: np.ndarray           # (B, E) bool: the campaign events that fired at least once
    attacked: np.ndarray        # (B, N) bool: at least one successful aggression against the ally


def play(world: World, policy: Policy, runs: int, seed: int) -> Played:
    """`simulate`'s game loop, run for run the same games (streamed in the same chunks), with the successful
    aggressions against each ally tallied turn by turn instead of keeping every turn's report."""
    parts = [_play_chunk(world, policy, rows, model_rng, policy_rng)
             for _, rows, model_rng, policy_rng in chunks(runs, seed)]
    if len(parts) == 1:
        return parts[0]
    joined = {f.name: np.concatenate([getattr(p.outcome, f.name) for p in parts]) for f in fields(Outcome)}
    return Played(Outcome(**joined), np.concatenate([p.fired for p in parts]),
                  np.concatenate([p.attacked for p in parts]))


def _play_chunk(world: World, policy: Policy, rows: int, model_rng, policy_rng, copies: int = 1) -> Played:
    """One chunk of `rows` runs; with `copies` > 1 the batch is `copies` x `rows` rows that share the luck of the
    chunk's `rows` games (TiledGenerator)."""
    rng = TiledGenerator(model_rng, copies, rows) if copies > 1 else model_rng
    start, _ = new_game(world, copies * rows)
    state, attacked = start, np.zeros(start.spending.shape, dtype=bool)
    while not state.over:
        state, report = step(state, policy(state, policy_rng), rng, policy.us_action(state, policy_rng),
                             policy.forced(state))
        attacked |= report.aggression
    return Played(outcome(state, start), state.fired, attacked)


def evaluate(world: World, plans: list[Plan], runs: int, seed: int, events: np.ndarray | None = None) -> np.ndarray:
    """Per-run scores (P, runs) of each plan on the same `runs` games of `seed`: equal, run for run, to playing
    each plan alone with `simulate(..., runs, seed)` (or `play`), chunk by chunk. `events`: a facilitator's forced
    events (Policy.events)."""
    scores = []
    for _, rows, model_rng, policy_rng in chunks(runs, seed):
        orders = np.repeat(np.stack([p.orders for p in plans]), rows, axis=0)   # (P*R, T, N): row p*R + r is plan p
        us = np.repeat(np.stack([p.us for p in plans]), rows, axis=0)           # (P*R, T)
        policy = Policy("plans", lambda state, rng, orders=orders: orders[:, state.turn],
                        lambda state, rng, us=us: us[:, state.turn], events)
        played = _play_chunk(world, policy, rows, model_rng, policy_rng, copies=len(plans))
        scores.append(played.outcome.score.reshape(len(plans), rows))
    return np.concatenate(scores, axis=1)
