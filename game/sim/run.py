"""Playing a campaign headless: one game or a batch of runs under a policy."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from game.campaign.model import Campaign
from game.sim.batches import CHUNK_RUNS, chunk_rngs, chunk_rows
from game.sim.batches import rngs as rngs  # the single game's streams, imported from here by saves and tools
from game.sim.events import fire_events
from game.sim.outcome import Outcome, outcome
from game.sim.params import DEFAULT, Params
from game.sim.policies import Policy
from game.sim.report import Report
from game.sim.state import State, World, initial_state, make_world
from game.sim.step import step


def new_game(world: World, runs: int = 1) -> tuple[State, np.ndarray]:
    """The opening position with the turn-1 events fired; returns it and the (B, E) events that fired. A batch of
    more than one run plays in float32 (World.batched); a single game in the world's own float type."""
    state, _, fired = fire_events(initial_state(world.batched if runs > 1 else world, runs))
    return state, fired


@dataclass(frozen=True)
class Result:
    start: State
    final: State
    outcome: Outcome
    reports: tuple[Report, ...]


def simulate(campaign: Campaign, policy: Policy, runs: int = 1, seed: int = 0, params: Params = DEFAULT,
             keep_reports: bool = False, world: World | None = None) -> Result:
    """`runs` games as one batch, seeded as the first chunk of a streamed batch (game.sim.batches): for up to
    CHUNK_RUNS runs it is the streamed batch itself, and its first run is the single game of `seed`."""
    world = world or make_world(campaign, params)
    return _play(world, policy, runs, *chunk_rngs(seed, 0, runs), keep_reports)


def simulate_chunks(campaign: Campaign, policy: Policy, runs: int, seed: int = 0, params: Params = DEFAULT,
                    world: World | None = None, chunk: int = CHUNK_RUNS) -> Iterator[Result]:
    """`runs` games streamed as chunks of at most `chunk` runs, one Result each, so memory stays flat in runs."""
    world = world or make_world(campaign, params)
    for index, (_, rows) in enumerate(chunk_rows(runs, chunk)):
        yield simulate_chunk(world, policy, seed, index, rows)


def simulate_chunk(world: World, policy: Policy, seed: int, index: int, rows: int) -> Result:
    """Chunk `index` (of `rows` runs) of the streamed batch of `seed`, played alone: the Result simulate_chunks gives
    for it, so chunks can be played apart (in other processes) and come out the same."""
    return _play(world, policy, rows, *chunk_rngs(seed, index, rows), False)


def _play(world: World, policy: Policy, runs: int, model_rng, policy_rng, keep_reports: bool) -> Result:
    start, _ = new_game(world, runs)
    state, reports = start, []
    while not state.over:
        state, report = step(state, policy(state, policy_rng), model_rng, policy.us_action(state, policy_rng),
                             policy.forced(state))
        if keep_reports:
            reports.append(report)
    return Result(start, state, outcome(state, start), tuple(reports))
