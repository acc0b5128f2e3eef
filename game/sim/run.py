"""Playing a campaign headless: one game or a batch of runs under a policy."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.campaign.model import Campaign
from game.sim.events import fire_events
from game.sim.outcome import Outcome, outcome
from game.sim.params import DEFAULT, Params
from game.sim.policies import Policy
from game.sim.report import Report
from game.sim.state import State, World, initial_state, make_world
from game.sim.step import step


def rngs(seed: int) -> tuple[np.random.Generator, np.random.Generator]:
    """The model's generator and a separate one for policies that roll dice, so a random policy does not shift
    the model's draws (two policies played with one seed face the same luck)."""
    model, policy = np.random.SeedSequence(seed).spawn(2)
    return np.random.default_rng(model), np.random.default_rng(policy)


def new_game(world: World, runs: int = 1) -> tuple[State, np.ndarray]:
    """The opening position with the turn-1 events fired; returns it and the (B, E) events that fired."""
    state, _, fired = fire_events(initial_state(world, runs))
    return state, fired


@dataclass(frozen=True)
class Result:
    start: State
    final: State
    outcome: Outcome
    reports: tuple[Report, ...]


def simulate(campaign: Campaign, policy: Policy, runs: int = 1, seed: int = 0, params: Params = DEFAULT,
             keep_reports: bool = False, world: World | None = None) -> Result:
    world = world or make_world(campaign, params)
    model_rng, policy_rng = rngs(seed)
    start, _ = new_game(world, runs)
    state, reports = start, []
    while not state.over:
        state, report = step(state, policy(state, policy_rng), model_rng, policy.us_action(state, policy_rng),
                             policy.forced(state))
        if keep_reports:
            reports.append(report)
    return Result(start, state, outcome(state, start), tuple(reports))
