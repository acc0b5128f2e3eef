"""The fuzz harness's process operators (issue 22), each a `python main.py ...` of its own:

- streams: a command with its standard output, error and input each open, closed (as a shell's `>&-`) or full
  (/dev/full). Output lost (stdout closed or full) must be a non-zero exit; stderr or stdin lost must change
  nothing else; no traceback may reach a stream that can be read; nothing may hang.
- interrupts: SIGINT at a random moment of a command, a third of them in its first tenth of a second while the
  modules load. The exit must be 130 (or the command's own, had it finished), with no traceback from our code and
  no temp file or half-written save left. A signal that arrives before the interpreter has run a line of ours
  (its own start-up, "Fatal Python error: init_sys_streams" or a frame of <frozen ...> only) is no failure of the
  game's and is counted apart.

Case i of seed S is always the same, but the moment a signal lands is not: a failure names its delay.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tools.fuzz_files import tally

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 180
OURS = (str(ROOT / "main.py"), str(ROOT / "game") + os.sep)


def commands(base: dict[str, Path], case: Path) -> dict[str, list[str]]:
    """Commands worth interrupting or starving of a stream: each prints, most also read and write files."""
    return {
        "validate": ["validate", "tutorial", "europe_2024"],
        "simulate": ["simulate", "tutorial", "--policy", "adaptive", "--runs", "3000", "--json"],
        "save": ["simulate", "tutorial", "--policy", "hold", "--runs", "1", "--save", str(case / "game.json")],
        "balance": ["balance", "tutorial", "--runs", "40", "--search", "1", "--plan-out", str(case / "plan.yaml")],
        "new": ["new", "fuzzed", "--allies", "poland", "--out", str(case / "new.yaml")],
        "class": ["class", str(base["saves"]), "--out", str(case / "class")],
        "debrief": ["debrief", str(base["save0"]), "--out", str(case / "debrief")],
        "help": ["--help"],
    }


def _start(argv: list[str], streams: dict[int, str], env: dict, cwd: Path) -> subprocess.Popen:
    """`python main.py ARGV` with descriptor 0, 1, 2 each 'pipe', 'closed' or 'full'."""
    full = [fd for fd, how in streams.items() if how == "full"]
    closed = [fd for fd, how in streams.items() if how == "closed"]

    def prepare():
        for fd in full:
            os.dup2(os.open("/dev/full", os.O_WRONLY), fd)
        for fd in closed:
            os.close(fd)
    pipe = {fd: subprocess.PIPE if how == "pipe" else None for fd, how in streams.items()}   # None: set in prepare
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), *argv],
                            stdin=subprocess.DEVNULL if streams[0] == "pipe" else None, stdout=pipe[1],
                            stderr=pipe[2], preexec_fn=prepare, env=env, cwd=cwd)


def _finish(process: subprocess.Popen) -> tuple[int | None, str, str]:
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return None, "", ""
    return process.returncode, (out or b"").decode(errors="replace"), (err or b"").decode(errors="replace")


def _ours(trace: str) -> bool:
    """A traceback that passes through a line of the game's (the interpreter's start-up has none)."""
    return any(f'File "{place}' in trace for place in OURS)


def _env(scratch: Path) -> dict:
    return {**os.environ, "FAIRSHARE_HOME": str(scratch / "home"), "PYTHONPATH": str(ROOT)}


# --------------------------------------------------------------------------------------------- streams
HOW = ("pipe", "closed", "full") if Path("/dev/full").exists() else ("pipe", "closed")


def stream_case(seed: int, i: int, scratch: Path, base: dict[str, Path], baseline: dict) -> str | None:
    rng = random.Random(f"{seed}:streams:{i}")
    case = scratch / f"p{i}"
    case.mkdir()
    try:
        name = rng.choice(sorted(commands(base, case)))
        streams = {0: rng.choice(("pipe", "closed")), 1: rng.choice(HOW), 2: rng.choice(HOW)}
        if all(how == "pipe" for how in streams.values()):
            streams[rng.choice((1, 2))] = rng.choice(HOW[1:])
        code, out, err = _finish(_start(commands(base, case)[name], streams, _env(scratch), case))
        label = f"stream case {i} (seed {seed}): {name} with stdin/stdout/stderr {'/'.join(streams.values())}"
        if code is None:
            return f"{label}: hang over {TIMEOUT} s"
        if "Traceback" in out + err:
            return f"{label}: a traceback: {err[-300:]!r}"
        if streams[1] != "pipe" and code == 0:
            return f"{label}: exit 0 although its output was lost"
        if streams[1] == "pipe" and code != baseline[name]:
            return f"{label}: exit {code}, with every stream open {baseline[name]}"
        return None
    finally:
        shutil.rmtree(case, ignore_errors=True)


# --------------------------------------------------------------------------------------------- interrupts
def interrupt_case(seed: int, i: int, scratch: Path, base: dict[str, Path], baseline: dict,
                   seconds: dict) -> tuple[str | None, bool]:
    """(what went wrong or None, whether the signal landed in the interpreter's own start-up)."""
    rng = random.Random(f"{seed}:interrupts:{i}")
    case = scratch / f"i{i}"
    case.mkdir()
    try:
        name = rng.choice([n for n in sorted(commands(base, case)) if n != "help"])
        delay = rng.uniform(0, 0.1) if rng.random() < 0.35 else rng.uniform(0, 1.2 * seconds[name])
        process = _start(commands(base, case)[name], {0: "pipe", 1: "pipe", 2: "pipe"}, _env(scratch), case)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        code, _, err = _finish(process)
        label = f"interrupt case {i} (seed {seed}): {name} after {delay * 1000:.0f} ms"
        if code is None:
            return f"{label}: hang over {TIMEOUT} s", False
        # killed by the default handler (no traceback), or a traceback of the interpreter's start-up alone
        early = not _ours(err) and (code == -signal.SIGINT or "Traceback" in err or "Fatal Python error" in err)
        if early:
            return None, True
        if "Traceback" in err:
            return f"{label}: a traceback: {err[-300:]!r}", False
        if code not in (130, baseline[name]):
            return f"{label}: exit {code}: {err[-200:]!r}", False
        left = [str(p) for p in case.rglob("*.tmp")]
        if left:
            return f"{label}: temp files left: {left}", False
        save = case / "game.json"
        if save.exists() and json.loads(save.read_bytes()).get("game") != "fair-share":
            return f"{label}: a half-written save", False
        return None, False
    except ValueError as error:      # the save did not parse
        return f"interrupt case {i} (seed {seed}): a half-written save ({error})", False
    finally:
        shutil.rmtree(case, ignore_errors=True)


def measure(scratch: Path, base: dict[str, Path]) -> tuple[dict, dict]:
    """Each command's exit code and seconds with every stream open: what a case is compared with."""
    codes, seconds = {}, {}
    for name in commands(base, scratch):
        case = scratch / f"m-{name}"
        case.mkdir()
        start = time.perf_counter()
        codes[name], _, err = _finish(_start(commands(base, case)[name], {0: "pipe", 1: "pipe", 2: "pipe"},
                                             _env(scratch), case))
        seconds[name] = time.perf_counter() - start
        shutil.rmtree(case, ignore_errors=True)
        if codes[name] not in (0, 1) or "Traceback" in err:
            raise RuntimeError(f"the fuzz harness's baseline failed: {name}: {err[-300:]}")
    return codes, seconds


def run(report, seed: int, streams: int, interrupts: int, scratch: Path, base: dict[str, Path]) -> None:
    """Both operators, counted into `report` (tools.fuzz.Report)."""
    if os.name != "posix" or not (streams or interrupts):
        return
    baseline, seconds = measure(scratch, base)
    tally(report, streams, lambda i: stream_case(seed, i, scratch, base, baseline), "stream_runs", "stream_failures")

    def interrupt(i: int) -> str | None:
        problem, early = interrupt_case(seed, i, scratch, base, baseline, seconds)
        report.startup_interrupts += early
        return problem
    tally(report, interrupts, interrupt, "interrupts", "interrupt_failures")
