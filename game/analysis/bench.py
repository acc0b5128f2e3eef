"""The model's measured speed for `fairshare bench`: every figure repeated, given as its median and its spread
(lowest to highest sample), because on a shared machine one sample can be off by 2x.

Figures: the turn resolve of the window's single game (adviser + step + report + autosave, no drawing); Monte
Carlo batches of europe_2024 under the adviser at 10,000 and 100,000 runs (and 1,000,000 with --full), each in a
fresh process so that its peak memory (maximum resident set) is its own; the same runs looped one by one; start-up
of `validate campaigns/*.yaml` (the window's figures come from game.ui.render_bench).
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from game.catalog import find_campaign
from game.paths import campaigns_dir
from game.sim.policies import adviser, built_in
from game.sim.run import simulate
from game.sim.session import EndTurn, Session
from game.sim.state import make_world

MC_RUNS = (10_000, 100_000)
MC_FULL = 1_000_000          # behind --full: about two minutes of CPU (123 s measured on a busy 2-core machine)
ROOT = Path(__file__).resolve().parents[2]

# One Monte Carlo batch, timed inside a fresh interpreter (start-up excluded); the parent reads its peak memory.
_MC_CHILD = """
import json, sys, time
from game.analysis.summary import simulate_summary
from game.catalog import find_campaign
from game.sim.policies import built_in
campaign = find_campaign("europe_2024")
t = time.perf_counter()
simulate_summary(campaign, built_in("adaptive"), int(sys.argv[1]), 0)
print(json.dumps({"seconds": time.perf_counter() - t, "allies": len(campaign.allies), "turns": campaign.turns}))
"""


@dataclass(frozen=True)
class Figure:
    """A repeated measurement: its samples, in `unit`."""
    name: str
    unit: str
    samples: tuple[float, ...]
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def line(self, digits: int = 3) -> str:
        lo, hi = min(self.samples), max(self.samples)
        note = f"; {self.note}" if self.note else ""
        return (f"{self.name}: median {self.median:,.{digits}f} {self.unit} (spread {lo:,.{digits}f}-{hi:,.{digits}f},"
                f" {len(self.samples)} samples{note})")

    def to_dict(self) -> dict:
        return {"unit": self.unit, "median": self.median, "min": min(self.samples), "max": max(self.samples),
                "samples": list(self.samples), "note": self.note}


def percentile(samples, q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def child_env() -> dict:
    """The environment of a measured child: the user's, with the one BLAS thread the commands set (game.cli)."""
    env = dict(os.environ)
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(name, "1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def run_child(args: list[str]) -> tuple[float, int, str]:
    """Run a child interpreter; (wall seconds, peak resident memory in bytes, its stdout)."""
    t = time.perf_counter()
    child = subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=child_env())
    out, err = child.communicate()
    wall = time.perf_counter() - t
    if child.returncode:
        raise RuntimeError(f"bench child failed: {err.decode(errors='replace').strip()[-400:]}")
    return wall, child_peak_bytes(), out.decode()


def child_peak_bytes() -> int:
    """The largest resident set of the children waited for so far (what getrusage offers portably)."""
    try:
        import resource  # noqa: PLC0415 - POSIX only: Windows has no resource module, and gets no memory figure
    except ImportError:
        return 0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024   # bytes on macOS, KiB elsewhere


def monte_carlo(runs: int, repeats: int) -> list[Figure]:
    """Ally-turns per second and peak memory of `runs` runs, each repeat in a fresh process. The peak is the
    largest child so far, so the batches are measured from the smallest up."""
    speed, peaks = [], []
    for _ in range(repeats):
        _, peak, out = run_child(["-c", _MC_CHILD, str(runs)])
        got = json.loads(out)
        speed.append(runs * got["turns"] * got["allies"] / got["seconds"] / 1e6)
        peaks.append(peak / 2 ** 20)
    label = f"Monte Carlo europe_2024, adviser, {runs:,} runs"
    return [Figure(f"{label}: speed", "M ally-turns/s", tuple(speed), "chunks of 4,096 runs, one BLAS thread"),
            Figure(f"{label}: peak memory", "MiB", tuple(peaks), "whole process, as the largest child so far")]


def turn_resolve(turns: int = 240) -> Figure:
    """The window's End turn without drawing: the adviser's reading, the step, the report, the autosave."""
    campaign = find_campaign("europe_2024")
    times = []
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "autosave.json"
        session = Session(campaign, seed=1)
        while len(times) < turns:
            if session.over:
                session = Session(campaign, seed=len(times))
            t = time.perf_counter()
            adviser(session.state)
            session.execute(EndTurn())
            target.write_text(json.dumps(session.to_save()), encoding="utf-8")
            times.append((time.perf_counter() - t) * 1e3)
    p95 = percentile(times, 95)
    return Figure("turn resolve (adviser + step + report + autosave, no drawing)", "ms", tuple(times),
                  f"p95 {p95:.2f} ms")


def looped(runs: int = 50, repeats: int = 3) -> Figure:
    """One game at a time through the batch-1 path, for comparison with the batches."""
    campaign = find_campaign("europe_2024")
    world, adaptive = make_world(campaign), built_in("adaptive")

    def once() -> float:
        t = time.perf_counter()
        for seed in range(runs):
            simulate(campaign, adaptive, runs=1, seed=seed, world=world)
        return runs * campaign.turns * world.n_allies / (time.perf_counter() - t) / 1e6
    return Figure(f"looped batch-1 games ({runs} a sample)", "M ally-turns/s", tuple(once() for _ in range(repeats)))


def validate_startup(repeats: int = 7) -> Figure:
    """`fairshare validate campaigns/*.yaml`, the author's check of every shipped campaign, start to exit."""
    targets = [str(p) for p in sorted(campaigns_dir().glob("*.yaml"))]
    main = ROOT / "main.py"
    cmd = [str(main), "validate", *targets] if main.exists() else ["-m", "game", "validate", *targets]
    samples = tuple(run_child(cmd)[0] for _ in range(repeats))
    return Figure(f"validate campaigns/*.yaml ({len(targets)} files, with interpreter start)", "s", samples,
                  "the shipped campaigns' ranges cached after the first run")


def model_figures(full: bool = False, repeats: int = 3,
                  report: Callable[[Figure], None] = lambda f: None) -> list[Figure]:
    """Every model figure, measured now on this machine; `report` is called with each as it is ready."""
    figures: list[Figure] = []

    def add(*new: Figure) -> None:
        for figure in new:
            figures.append(figure)
            report(figure)
    add(turn_resolve())
    for runs in (*MC_RUNS, *((MC_FULL,) if full else ())):
        add(*monte_carlo(runs, repeats if runs < MC_FULL else 1))
    add(looped())
    add(validate_startup())
    return figures


def load_line() -> str:
    """The machine's load while measuring: figures on a busy machine are slower and wider."""
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "load average: unknown"
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"
