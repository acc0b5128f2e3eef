"""What the commands accept and emit: seeds in range and numbers in the digits 0-9, batches of runs that fit in
memory, strict JSON.

The model plays the runs of a batch side by side in numpy arrays, in chunks of at most `CHUNK_RUNS` runs
(game.sim.batches), so a command holds one chunk's state plus what it keeps of every run: each run's outcome, and
for the backtest each turn's spending. A request that would not fit in `MEMORY_BUDGET` is refused, with the largest
number of runs that does fit.
"""
from __future__ import annotations

import argparse
import json
import math

from game.i18n import _, integer

MAX_SEED = 2 ** 63 - 1
MEMORY_BUDGET = 2 * 1024 ** 3          # bytes a command may use for its batch of runs

# Bytes one run keeps alive at its peak, measured with tracemalloc on the shipped campaigns (about 1,120 per ally
# and 300 fixed; see tests/test_hardening_cli.py), with a margin for numpy's temporaries.
PER_ALLY = 1500
PER_ADVERSARY = 400
PER_EVENT = 16
PER_RUN = 1024
KEPT_PER_RUN = 128                     # what streaming keeps of a finished run: its outcome (balance: all of it)

CHUNK_RUNS = 4096   # runs a chunk (game.sim.batches): 4,096-8,192 ran 3.4x faster than one batch at 100,000 runs


def _whole(text: str) -> int | None:
    """`text` as a whole number written with the digits 0-9, else None (int() also takes '٥' and '²', which no
    number field of a campaign does)."""
    try:
        return int(text) if text.isascii() else None
    except ValueError:
        return None


def whole_arg(text: str) -> int:
    """argparse type of a count (--runs, --turns): a whole number written with the digits 0-9."""
    value = _whole(text)
    if value is None:
        raise argparse.ArgumentTypeError(_("must be a whole number written with the digits 0-9, got '{text}'").format(
            text=text))
    return value


def number_arg(text: str) -> float:
    """argparse type of a number written with the digits 0-9 (float() also takes '٥')."""
    try:
        if text.isascii():
            return float(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(_("must be a number written with the digits 0-9, got '{text}'").format(text=text))


def seed_arg(text: str) -> int:
    """argparse type of --seed: a whole number from 0 to 2**63 - 1."""
    value = _whole(text)
    value = -1 if value is None else value
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(_("must be a whole number from 0 to {max} (2**63 - 1), got '{text}'").format(
            max=integer(MAX_SEED), text=text))
    return value


def run_bytes(campaign) -> int:
    """Bytes one run of a chunk needs while it plays: the state of every ally, adversary and event."""
    n = len(campaign.allies)
    return PER_RUN + PER_ALLY * n + PER_ADVERSARY * len(campaign.adversaries) + PER_EVENT * len(campaign.events)


def kept_bytes(campaign, kept_per_turn: int = 0) -> int:
    """Bytes kept of every finished run: its outcome, the events that fired and the allies attacked, plus
    `kept_per_turn` bytes per ally and turn for a command that keeps each turn's values (the backtest keeps the
    spending path)."""
    n = len(campaign.allies)
    return KEPT_PER_RUN + n + len(campaign.events) + kept_per_turn * n * (campaign.turns + 1)


def batch_bytes(campaign, runs: int, kept_per_turn: int = 0) -> int:
    """Peak bytes of a batch of `runs` runs played in chunks."""
    return min(runs, CHUNK_RUNS) * run_bytes(campaign) + runs * kept_bytes(campaign, kept_per_turn)


def _round_down(n: int) -> int:
    """Two significant figures, rounded down: 126,337 -> 120,000."""
    if n < 100:
        return n
    scale = 10 ** (int(math.log10(n)) - 1)
    return n // scale * scale


def memory_problem(campaign, runs: int, kept_per_turn: int = 0) -> str | None:
    """Why `runs` runs of `campaign` would not fit in memory, saying how many would; None if they fit."""
    need = batch_bytes(campaign, runs, kept_per_turn)
    if need <= MEMORY_BUDGET:
        return None
    chunk = min(runs, CHUNK_RUNS) * run_bytes(campaign)
    fits = max(1, _round_down(max(MEMORY_BUDGET - chunk, 0) // kept_bytes(campaign, kept_per_turn)))
    return (f"--runs {runs:,} would need about {need / 1e9:.1f} GB of memory for '{campaign.id}' "
            f"({len(campaign.allies)} allies); at most {fits:,} runs fit in the {MEMORY_BUDGET >> 30} GiB "
            "a command allows itself")


def _non_finite(value, path: str = "") -> str | None:
    """The JSON path of the first NaN or infinity in `value`, or None."""
    if isinstance(value, float) and not math.isfinite(value):
        return path or "the top level"
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, (list, tuple)):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = _non_finite(item, f"{path}.{key}" if path else str(key))
        if found:
            return found
    return None


class NotFinite(ValueError):
    """A result to be printed as JSON holds NaN or infinity, which JSON cannot represent."""


def strict_json(value, **options) -> str:
    """json.dumps that never writes NaN or Infinity (not JSON: strict parsers refuse the whole output); raises
    NotFinite naming the first such value instead."""
    where = _non_finite(value)
    if where:
        raise NotFinite(f"the result holds a value that is not a finite number at '{where}'")
    return json.dumps(value, allow_nan=False, **options)
