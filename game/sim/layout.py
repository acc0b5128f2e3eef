"""How a batch's arrays are laid out, and the sums over allies that keep each run's result its own.

Layout. A batch of more than one run plays in float32 (World.batched) and stores its (B, N) arrays column-major,
ally by ally (state.initial_state). Most of `step` multiplies a batch by per-ally vectors and sums over the allies;
with a few allies and thousands of runs, row-major arrays made each of those a loop of length N, and float64 doubled
the memory moved. A single game (B = 1) keeps float64, and its (1, N) arrays are both layouts at once.

Sums. Analyses tile many plans into one batch and expect each run to score exactly as it does alone (test_balance).
A BLAS matrix product does not promise that: its kernels take a batch's rows in blocks and the last, partial block
with other instructions, so a run's bits can depend on where it sits. Measured: with `@` and `.sum(-1)` a run's
score differed in its last digits between a batch of 40 and a tiled batch of 200. The sums below add the allies
one after another with element-wise NumPy additions, so a run's result depends on its own row alone.
"""
from __future__ import annotations

import numpy as np


def factor_arrays(factors: int, runs: int, width: int, real: type) -> np.ndarray:
    """(F, B, N) zeros for a factor breakdown, each factor's (B, N) slice laid out column-major like the state."""
    return np.zeros((factors, width, runs), dtype=real).transpose(0, 2, 1)


def by_kind(draws: np.ndarray, real: type) -> np.ndarray:
    """A turn's (B, 6, N) draws as six column-major (B, N) arrays of the model's float type, one per kind of chance
    (probe, success, entrapment, nuclear, realignment, alarm). Drawn in float64 whatever the batch's type, so a
    float32 batch faces its first run's single game's luck, rounded to float32."""
    out = np.empty((draws.shape[1], draws.shape[2], draws.shape[0]), dtype=real)
    out[...] = draws.transpose(1, 2, 0)
    return out.transpose(0, 2, 1)


def by_group(x: np.ndarray, members: tuple[tuple[int, ...], ...]) -> np.ndarray:
    """(B, G): the columns of x (B, N) summed over the allies of each group (`members[g]`: the allies of a theatre
    or an adversary, World.theatre_members). What `x @ onehot` gives, up to rounding, each run's sum on its own."""
    out = np.zeros((x.shape[0], len(members)), dtype=x.dtype, order="F")
    for g, allies in enumerate(members):
        for i in allies:
            out[:, g] += x[:, i]
    return out


def neighbours(x: np.ndarray, members: tuple[tuple[int, ...], ...], group: np.ndarray) -> np.ndarray:
    """(B, N): for each ally, the sum of x over the other allies of its group: x times the matrix of allies that
    share a group, without forming it."""
    return by_group(x, members)[:, group] - x


def weighted(x: np.ndarray, v: np.ndarray) -> np.ndarray:
    """(B,): x (B, N) weighted by v (N,) and summed over the allies (`x @ v`)."""
    out = np.zeros(x.shape[0], dtype=np.result_type(x, v))
    for i in range(x.shape[1]):
        out += x[:, i] * v[i]
    return out


def allies_total(x: np.ndarray) -> np.ndarray:
    """(B,): x (B, N) summed over the allies, one ally after another (`x.sum(-1)`)."""
    out = x[:, 0].copy()
    for i in range(1, x.shape[1]):
        out += x[:, i]
    return out


def factors_total(factors: np.ndarray) -> np.ndarray:
    """(B, ...): a factor breakdown (F, B, ...) summed over its factors, one after another (see allies_total)."""
    out = factors[0].copy(order="K")
    for k in range(1, len(factors)):
        out += factors[k]
    return out
