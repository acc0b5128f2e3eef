"""Large batches in chunks: which runs a chunk holds and the random streams it draws from.

A batch of a million runs played as one set of arrays needed 10 GiB and ran at a third of the speed of a batch of
10,000 (every temporary was fresh memory for the kernel to zero). Played in chunks of `CHUNK_RUNS` runs, memory
stays flat in the number of runs and each chunk's arrays stay in cache.

Seeding, for a seed S (results are deterministic for a given S and chunk size):
- run 0 draws from `rngs(S)`, the streams of the single game of seed S, so `simulate --runs 1 --seed S`, the
  window's Session, a replayed save and the first run of any batch are the same game;
- the other runs of chunk k draw from child k of `SeedSequence(S)`'s third spawned child (the first two are
  `rngs(S)`'s model and policy streams), itself split into a model and a policy stream.
"""
from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from game.limits import CHUNK_RUNS as CHUNK_RUNS  # kept with the memory limits it sets; the sim imports it here


def rngs(seed: int) -> tuple[np.random.Generator, np.random.Generator]:
    """The model's generator and a separate one for policies that roll dice, so a random policy does not shift
    the model's draws (two policies played with one seed face the same luck)."""
    model, policy = np.random.SeedSequence(seed).spawn(2)
    return np.random.default_rng(model), np.random.default_rng(policy)


def chunk_seed(seed: int, index: int) -> np.random.SeedSequence:
    """Child `index` of the third child of SeedSequence(seed): what `.spawn(3)[2].spawn(index + 1)[index]`
    returns, made directly (spawn keys are the path from the root) so chunk k does not spawn k siblings first."""
    return np.random.SeedSequence(seed, spawn_key=(2, index))


class FirstRunApart:
    """Stands in for a Generator in a batch whose row 0 is the single game of the seed: each draw (batch axis
    first, as `step` and the policies draw) takes row 0 from `first` and the other rows from `rest`. With one row
    it is exactly `first`."""

    def __init__(self, first: np.random.Generator, rest: np.random.Generator):
        self._first, self._rest = first, rest

    def random(self, size) -> np.ndarray:
        shape = _batch_shape(size)
        out = np.empty(shape)
        self._first.random(out=out[:1])      # drawn in place: the same values as a fresh draw, with no copy
        self._rest.random(out=out[1:])
        return out

    def integers(self, low, high=None, size=None, dtype=np.int64) -> np.ndarray:
        shape = _batch_shape(size)
        out = np.empty(shape, dtype=dtype)
        out[:1] = self._first.integers(low, high, (1, *shape[1:]), dtype=dtype)
        out[1:] = self._rest.integers(low, high, (shape[0] - 1, *shape[1:]), dtype=dtype)
        return out

    def __getattr__(self, name: str):
        raise AttributeError(f"Generator.{name} is not split by run: teach FirstRunApart that method (batch axis "
                             "first) so the first run of a batch stays the single game of its seed")


def _batch_shape(size) -> tuple[int, ...]:
    shape = (int(size),) if np.ndim(size) == 0 else tuple(int(s) for s in size)
    if not shape or shape[0] < 1:
        raise ValueError(f"a draw of shape {shape} has no batch axis first: the runs of a chunk would share luck")
    return shape


def chunk_rngs(seed: int, index: int, rows: int):
    """The model's and the policies' generators for chunk `index` of seed `seed`, a chunk of `rows` runs."""
    rest = [np.random.default_rng(s) for s in chunk_seed(seed, index).spawn(2)]
    if index > 0:
        return rest[0], rest[1]
    model, policy = rngs(seed)
    if rows == 1:
        return model, policy
    return FirstRunApart(model, rest[0]), FirstRunApart(policy, rest[1])


def chunk_rows(runs: int, size: int = CHUNK_RUNS) -> list[tuple[int, int]]:
    """(first run, number of runs) of each chunk of a batch of `runs`: chunk k is the k-th."""
    return [(start, min(size, runs - start)) for start in range(0, runs, size)]


def chunks(runs: int, seed: int, size: int = CHUNK_RUNS) -> Iterator[tuple[int, int, object, object]]:
    """(first run, number of runs, model generator, policy generator) for each chunk of a batch of `runs`."""
    for index, (start, rows) in enumerate(chunk_rows(runs, size)):
        model, policy = chunk_rngs(seed, index, rows)
        yield start, rows, model, policy
