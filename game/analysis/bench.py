"""The model's measured speed for `fairshare bench`: a turn, a Monte Carlo batch, validation (the window's frame
times come from game.ui.render_bench; `frame_times_line` words them)."""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from game.catalog import find_campaign
from game.sim.policies import built_in
from game.sim.run import new_game, rngs, simulate
from game.sim.state import make_world
from game.sim.step import step


def model_figures() -> list[str]:
    """One line per figure: measured now, on this machine."""
    campaign = find_campaign("europe_2024")
    world = make_world(campaign)
    adaptive = built_in("adaptive")
    lines = []

    # One turn of one game (batch 1): orders from the adaptive policy, timed step by step.
    model_rng, policy_rng = rngs(1)
    state, _ = new_game(world, 1)
    times = []
    for _ in range(3000):
        if state.over:
            state, _ = new_game(world, 1)
        orders = adaptive(state, policy_rng)
        t = time.perf_counter()
        state, _ = step(state, orders, model_rng)
        times.append(time.perf_counter() - t)
    lines.append(f"one turn, batch 1 (europe_2024, {world.n_allies} allies): "
                 f"median {statistics.median(times) * 1e3:.3f} ms, p99 {np.percentile(times, 99) * 1e3:.3f} ms "
                 f"over {len(times)} turns")

    # Monte Carlo: 10,000 runs in one batch, the simulation itself (campaign already loaded).
    runs = 10_000
    simulate(campaign, adaptive, runs=100, seed=0, world=world)  # warm up
    t = time.perf_counter()
    simulate(campaign, adaptive, runs=runs, seed=0, world=world)
    batch = time.perf_counter() - t
    ally_turns = runs * campaign.turns * world.n_allies
    lines.append(f"Monte Carlo, {runs:,} runs x {campaign.turns} turns x {world.n_allies} allies: {batch:.3f} s, "
                 f"{ally_turns / batch:,.0f} ally-turns/s")

    # The same runs looped one by one through the batch-1 path.
    loops = 100
    t = time.perf_counter()
    for seed in range(loops):
        simulate(campaign, adaptive, runs=1, seed=seed, world=world)
    looped = (time.perf_counter() - t) / loops
    per_run = batch / runs
    lines.append(f"per run: batch {per_run * 1e6:.1f} us vs looped batch-1 {looped * 1e3:.2f} ms: "
                 f"{looped / per_run:,.0f}x faster in batch")

    # Validation, including interpreter start, as a user would run it.
    main = Path(__file__).resolve().parents[2] / "main.py"
    target = Path(campaign.path)
    cmd = [sys.executable, str(main), "validate", str(target)] if main.exists() else \
        [sys.executable, "-m", "game", "validate", str(target)]
    samples = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        samples.append(time.perf_counter() - t)
    lines.append(f"validate {target.name} (with interpreter start): median {statistics.median(samples):.3f} s "
                 f"over {len(samples)} runs")
    return lines


def frame_times_line(r: dict) -> str:
    """The line for the window's frame times measured by game.ui.render_bench.render_bench."""
    return (f"render {r['size'][0]}x{r['size'][1]}, {r['frames']} frames (headless, software): "
            f"median {r['median_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms")
