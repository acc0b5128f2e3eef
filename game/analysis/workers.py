"""Many games spread over the machine's cores (`--workers N`): whole tasks (a chunk of runs, one strategy's games, a
batch of plans) played in other processes, their results taken back in task order.

- Processes, not threads: a turn is many numpy calls on small arrays, with the interpreter (and its lock) in
  between, so threads would take turns rather than run together.
- The same results whatever N: every task carries its own seeds (a chunk's child seed, a strategy's seed), a
  plan's scores do not depend on the plans that share its batch (game.analysis.plans.evaluate), and the caller
  combines the results in task order, as one process would.
- Started fresh ("spawn": the only way on Windows, the default on macOS, and safe beside the window's threads),
  so a task's function and arguments travel pickled. A Policy's functions are closures, which do not: a task
  names its policy instead, as a `Recipe`.
- One worker plays in this process. A process takes about a second to start and import numpy on a busy machine,
  so work of a few seconds gains little, and none where other programs already keep every core busy (the README
  gives the measured speed-ups).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from game.analysis.plans import Plan, plan_policy
from game.campaign.model import Campaign
from game.sim.policies import Policy, resolve_policy

MAX_WORKERS = 256


def cores() -> int:
    """The default number of workers: every core the system reports."""
    return os.cpu_count() or 1


@dataclass(frozen=True, eq=False)
class Recipe:
    """A policy as a worker process can build it again: a built-in's name or a plan file's path (as
    game.sim.policies.resolve_policy reads them), or a Plan."""
    source: str | Plan

    def policy(self, campaign: Campaign) -> Policy:
        return plan_policy(self.source) if isinstance(self.source, Plan) else resolve_policy(self.source, campaign)


def policy_of(policy: Policy | Recipe, campaign: Campaign) -> Policy:
    return policy.policy(campaign) if isinstance(policy, Recipe) else policy


class Workers:
    """`map(function, tasks)`: the results in task order, from `n` processes (started on entering the `with` block,
    stopped on leaving it) or, with n = 1 or a single task, from this one. `function` must be a module's own
    function, so that a fresh process can import it."""

    def __init__(self, n: int = 1):
        self.n = max(1, int(n))
        self._pool = None

    def __enter__(self) -> Workers:
        if self.n > 1:
            # loaded for more than one worker only: the window imports this module (through the best-plan search)
            # and its start-up should not pay for multiprocessing
            import multiprocessing  # noqa: PLC0415 - as said above
            from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415 - as above
            self._pool = ProcessPoolExecutor(self.n, mp_context=multiprocessing.get_context("spawn"))
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def map(self, function: Callable, tasks: Iterable) -> Iterator:
        tasks = list(tasks)
        if self._pool is None or len(tasks) < 2:
            return map(function, tasks)
        return self._pool.map(function, tasks)


def run_all(function: Callable, tasks: Iterable, n: int) -> Iterator:
    """`Workers(n).map(function, tasks)` for a one-off batch of tasks: the processes stop once the last result is in."""
    tasks = list(tasks)
    with Workers(min(n, len(tasks))) as workers:
        yield from workers.map(function, tasks)
