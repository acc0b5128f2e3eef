"""Fuzz harness (issues 9 and 22): a seeded mutation fuzzer over the shipped campaigns, a random-input monkey for
the window, and the operators of tools/fuzz_files.py (writes onto existing and special files, hostile saves for
`class` and `debrief`) and tools/fuzz_process.py (closed and full standard streams, interrupts at random moments
including start-up). Nothing that validates may crash, hang or produce NaN; nothing may be lost or traced back.

    python -m tools.fuzz                 # the short run, as tests/test_fuzz.py does (about 40 s)
    python -m tools.fuzz --long          # 10,000 mutants, 100,000 window events, LONG_IO file and process cases
                                         # (about an hour on a shared two-core machine)
    python -m tools.fuzz --seed 7 --mutants 500 --events 5000

A mutant is the text of a shipped campaign with a few edits (characters the window cannot draw, escapes, huge
numbers, lines dropped, repeated or swapped) or its data with numbers set to the edges of their allowed range and
events with effects of any size. Each goes through validate; an accepted one is simulated under several policies
and every state array and the JSON output are checked for finiteness, and some are played for a few turns in a
headless window. Every mutant runs under a 10-second alarm (a hang). Mutant i of seed S is always the same, so a
failure is reproduced by its number. Exit 0 when nothing failed.
"""
from __future__ import annotations

import argparse
import dataclasses
import functools
import os
import random
import re
import signal
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import yaml  # noqa: E402

from game.analysis.summary import summarise  # noqa: E402
from game.campaign import load_campaign_text, validate_text  # noqa: E402
from game.campaign.loader import INTERNAL  # noqa: E402
from game.campaign.model import ADVERSARY_VARS, ALLY_VARS, US_VARS  # noqa: E402
from game.campaign.schema import ADVERSARY, ALLY, CALENDAR, SCORE_WEIGHTS, TOP, US  # noqa: E402
from game.limits import NotFinite, strict_json  # noqa: E402
from game.paths import campaigns_dir  # noqa: E402
from game.sim.policies import built_in  # noqa: E402
from game.sim.run import simulate  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.report import whatif_job  # noqa: E402
from tools import fuzz_files, fuzz_process, monkey  # noqa: E402

HANG_SECONDS = 10
POLICIES = ("withdraw", "random")     # withdraw: the cheapest budget and the most emboldened adversaries
# cases of the file and process operators: writes, hostile saves, stream runs, interrupts
SHORT_IO = {"writes": 18, "saves": 6, "streams": 4, "interrupts": 4}
LONG_IO = {"writes": 400, "saves": 150, "streams": 150, "interrupts": 250}

# Text edits: what a careless author or an attacker puts in a campaign file.
EVIL = ["\x00", "\u2028", "\x85", "\u2029", "\u200b\u200b", "\ufeff", "\t", "\r", "\x1b[31m", "\U0001F1F5\U0001F1F1",
        "x" * 8000, "1e308", "-1e308", "1e-320", "0x" + "f" * 5000, "9" * 5000, ".nan", ".inf", "-.inf", "[" * 40,
        "{", "&a", "*a", "!!python/object/apply:os.system ['true']", "---", "? [a]", "%TAG ! x", "~", "''", "é"]
# The escapes pygame cannot draw come twice: they are what the window meets least often and fails on.
ESCAPES = 2 * ["\\0", "\\ud83c", "\\ud83c\\uddf5", "\\u200b\\u200d"] + [
    "\\U00110000", "\\uFFFE", "\\U0001FFFF", "\\x07", "\\N", "\\L", "\\P", "\\e"]
EXTREMES = ["0", "-0", "1e300", "-1e300", "5e-324", "1e5", "100000.1", "0.09", "-1", "60", "61", "1e400"]
_NUMBER = re.compile(r"(?<![\w.])-?\d+(\.\d+)?(e-?\d+)?(?![\w.])")
_SHOWN = re.compile(r"\s*(- )?(name|title|text|description|briefing|goals|note): ")   # texts the window draws


@dataclasses.dataclass
class Report:
    mutants: int = 0
    valid: int = 0
    tracebacks: int = 0
    hangs: int = 0
    nan: int = 0
    numpy_warnings: int = 0
    window_games: int = 0
    window_failures: int = 0
    events: int = 0
    event_exceptions: int = 0
    writes: int = 0
    write_failures: int = 0
    hostile_saves: int = 0
    hostile_failures: int = 0
    stream_runs: int = 0
    stream_failures: int = 0
    interrupts: int = 0
    interrupt_failures: int = 0
    startup_interrupts: int = 0           # signals that landed in the interpreter's own start-up: not failures
    seconds: float = 0.0
    examples: list[str] = dataclasses.field(default_factory=list)

    @property
    def failures(self) -> int:
        return (self.tracebacks + self.hangs + self.nan + self.numpy_warnings + self.window_failures
                + self.event_exceptions + self.write_failures + self.hostile_failures + self.stream_failures
                + self.interrupt_failures)

    def note(self, what: str) -> None:
        if len(self.examples) < 20:
            self.examples.append(what)

    def summary(self) -> str:
        return "\n".join([f"campaign mutants {self.mutants:,} ({self.valid:,} valid): tracebacks {self.tracebacks}, "
                          f"hangs over {HANG_SECONDS} s {self.hangs}, NaN/inf {self.nan}, numpy warnings "
                          f"{self.numpy_warnings}",
                          f"headless window games {self.window_games:,}: failures {self.window_failures}",
                          f"random window events {self.events:,}: exceptions {self.event_exceptions}",
                          f"writes onto existing and special files {self.writes:,}: failures {self.write_failures}",
                          f"hostile saves for class and debrief {self.hostile_saves:,}: failures "
                          f"{self.hostile_failures}",
                          f"commands with closed or full streams {self.stream_runs:,}: failures {self.stream_failures}",
                          f"interrupts {self.interrupts:,}: failures {self.interrupt_failures} (landed in the "
                          f"interpreter's own start-up: {self.startup_interrupts})",
                          f"{self.seconds:.1f} s", *(f"  {e}" for e in self.examples)])


# --------------------------------------------------------------------------------------------- mutants


@functools.lru_cache(maxsize=1)
def shipped_texts() -> tuple[tuple[str, str], ...]:
    return tuple((p.stem, p.read_text(encoding="utf-8")) for p in sorted(campaigns_dir().glob("*.yaml")))


@functools.lru_cache(maxsize=1)
def shipped_documents() -> tuple[tuple[str, dict], ...]:
    """Parsed once (pure-Python YAML is slow); structured_mutant copies before it changes anything."""
    return tuple((name, yaml.safe_load(text)) for name, text in shipped_texts())


def text_mutant(text: str, rng: random.Random) -> str:
    """One edit of the raw text, now and then two or three (each more edit is more likely to break the YAML, and
    the window only meets what validates)."""
    lines = text.split("\n")
    shown = [i for i, line in enumerate(lines) if _SHOWN.match(line)]
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        i = rng.choice(shown) if shown and rng.random() < 0.5 else rng.randrange(len(lines))
        line, roll = lines[i], rng.random()
        if roll < 0.25:                                      # a character or token inside a value
            at = line.find(": ") + 2 if ": " in line and rng.random() < 0.7 else rng.randint(0, len(line))
            lines[i] = line[:at] + rng.choice(EVIL) + line[at:]
        elif roll < 0.6 and ": " in line:                    # the value in double quotes, with an escape
            key, value = line.split(": ", 1)
            value = value.split("  #")[0].strip()            # a trailing comment would end up inside the quotes
            if value[:1] in ("|", ">"):                      # a block scalar holds no escapes: raw text in it
                lines[min(i + 1, len(lines) - 1)] += rng.choice(EVIL)
                continue
            if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            if rng.random() < 0.3:                           # the whole value: a name of zero-width characters
                value = ""
            cut = rng.randint(0, len(value))
            lines[i] = f'{key}: "{value[:cut]}{rng.choice(ESCAPES)}{value[cut:]}"'
        elif roll < 0.8 and _NUMBER.search(line):            # a number at an extreme
            lines[i] = _NUMBER.sub(lambda m: rng.choice(EXTREMES), line, count=1)
        elif roll < 0.87:
            del lines[i]
        elif roll < 0.94:
            lines.insert(i, line)
        else:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], line
    return "\n".join(lines)


def _edge(spec, rng: random.Random):
    """A value at or near the edges of a field's range (now and then just outside it, to be refused)."""
    lo = spec.lo if spec.lo is not None else -1e5
    hi = spec.hi if spec.hi is not None else 1e5
    value = rng.choice([lo, hi, lo + (hi - lo) * 1e-9, hi - (hi - lo) * 1e-9, rng.uniform(lo, hi),
                        lo - 1, hi * 10 + 1])
    return int(round(value)) if spec.kind == "int" else float(value)


def _numeric(table: dict) -> list[str]:
    return [key for key, spec in table.items() if spec.kind in ("num", "int")]


def structured_mutant(doc: dict, rng: random.Random) -> str:
    """The campaign's data with one to four numbers moved to the edges of their range or events added."""
    doc = yaml.safe_load(yaml.safe_dump(doc))          # a deep copy of plain data
    allies, adversaries = doc["allies"], doc["adversaries"]
    for _ in range(rng.randint(1, 4)):
        roll = rng.random()
        if roll < 0.35:
            ally = rng.choice(allies)
            key = rng.choice(_numeric(ALLY))
            ally[key] = _edge(ALLY[key], rng)
        elif roll < 0.5:
            adversary = rng.choice(adversaries)
            key = rng.choice(_numeric(ADVERSARY))
            adversary[key] = _edge(ADVERSARY[key], rng)
        elif roll < 0.6:
            key = rng.choice(_numeric(US))
            doc["us"][key] = _edge(US[key], rng)
        elif roll < 0.65:
            doc["turns"] = _edge(TOP["turns"], rng)
            doc["calendar"]["start"] = _edge(CALENDAR["start"], rng)
        elif roll < 0.7:
            doc["score_weights"] = {key: _edge(spec, rng) for key, spec in SCORE_WEIGHTS.items()}
        else:
            doc.setdefault("events", []).append(_event(doc, rng))
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


def _event(doc: dict, rng: random.Random) -> dict:
    targets = ([("ally", a["id"]) for a in doc["allies"]] + [("ally", "allies")]
               + [("adversary", a["id"]) for a in doc["adversaries"]] + [("us", "us")])
    effects = []
    for _ in range(rng.randint(1, 3)):
        kind, target = rng.choice(targets)
        var = rng.choice({"ally": ALLY_VARS, "adversary": ADVERSARY_VARS, "us": US_VARS}[kind])
        add = rng.choice([-100.0, 100.0, -1.0, 1.0, rng.uniform(-100, 100), rng.uniform(-1, 1)])
        effects.append({"target": target, "var": var, "add": add})
    event = {"id": f"fuzz_{rng.randrange(10 ** 9)}", "title": "Fuzz", "text": "A fuzzed event.", "effects": effects,
             "once": rng.random() < 0.5}
    if rng.random() < 0.7:
        event["turn"] = rng.randint(1, max(1, int(doc.get("turns", 1))))
    else:
        event["when"] = rng.choice(["turn >= 2", "us.budget < 10", f"{doc['allies'][0]['id']}.trust < 0.5"])
    return event


def mutant(seed: int, i: int) -> tuple[str, str]:
    """(name, text) of mutant number `i` of `seed`: always the same."""
    rng = random.Random(f"{seed}:{i}")
    if i % 2:
        name, doc = rng.choice(shipped_documents())
        return f"{name}-s{seed}-m{i}", structured_mutant(doc, rng)
    name, text = rng.choice(shipped_texts())
    return f"{name}-s{seed}-m{i}", text_mutant(text, rng)


# --------------------------------------------------------------------------------------------- checks


def non_finite(result) -> list[str]:
    """The float arrays of a result's final state and outcome that hold NaN or inf."""
    arrays = {f"state.{f.name}": getattr(result.final, f.name) for f in dataclasses.fields(result.final)}
    arrays.update({f"outcome.{f.name}": getattr(result.outcome, f.name) for f in dataclasses.fields(result.outcome)})
    return [name for name, a in arrays.items()
            if isinstance(a, np.ndarray) and a.dtype.kind == "f" and not np.isfinite(a).all()]


def check_numbers(text: str, name: str, seed: int) -> str:
    """'refused', 'finite', or what went wrong ('internal error: ...', 'NaN: ...', 'numpy warning: ...')."""
    problems = validate_text(text, f"{name}.yaml")
    internal = [p for p in problems if INTERNAL in p.message or "\n" in str(p)]
    if internal:
        return f"internal error: {internal[0]}"
    if problems:
        return "refused"
    campaign = load_campaign_text(text, f"{name}.yaml")
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn", under="ignore"):
        warnings.simplefilter("always")
        for policy in POLICIES:
            result = simulate(campaign, built_in(policy), runs=3, seed=seed)
            bad = non_finite(result)
            if bad:
                return f"NaN: {policy}: {', '.join(bad)}"
            try:
                strict_json(summarise(result, campaign, policy, seed))
            except NotFinite as error:
                return f"NaN: {policy}: {error}"
    numpy = [w for w in caught if issubclass(w.category, RuntimeWarning)]
    return f"numpy warning: {numpy[0].message}" if numpy else "finite"


class _Hang(Exception):
    pass


def _alarm(signum, frame):
    raise _Hang()


def _guarded(report: Report, label: str, call, counter: str = "tracebacks"):
    """Run `call()` under the hang alarm; count a hang, or an exception in `counter`. Returns its result or None."""
    signal.alarm(HANG_SECONDS)
    try:
        return call()
    except _Hang:
        report.hangs += 1
        report.note(f"hang: {label}")
    except Exception as error:  # noqa: BLE001 - what the harness is looking for
        setattr(report, counter, getattr(report, counter) + 1)
        report.note(f"traceback: {label}: {type(error).__name__}: {str(error)[:160]!r} "
                    f"at {traceback.extract_tb(error.__traceback__)[-1].filename.split(os.sep)[-1]}")
    finally:
        signal.alarm(0)
    return None


def fuzz_campaigns(report: Report, seed: int, count: int, window_every: int, app=None) -> None:
    for i in range(count):
        name, text = mutant(seed, i)
        report.mutants += 1
        outcome = _guarded(report, name, lambda: check_numbers(text, name, seed + i))
        if outcome is None or outcome == "refused":
            continue
        if outcome != "finite":
            kind = "numpy_warnings" if outcome.startswith("numpy") else "nan" if outcome.startswith("NaN") \
                else "tracebacks"
            setattr(report, kind, getattr(report, kind) + 1)
            report.note(f"{outcome[:200]}: {name}")
            continue
        report.valid += 1
        # Every text mutant that validates is played (its texts are what the window may fail to draw); of the
        # structured ones, which only move numbers, one in `window_every`.
        if app is not None and (i % 2 == 0 or report.valid % window_every == 1):
            report.window_games += 1
            _guarded(report, f"window game of {name}", lambda: monkey.play_in_window(app, text, name, seed + i),
                     "window_failures")


# --------------------------------------------------------------------------------------------- running


def run(seed: int = 1, mutants: int = 100, events: int = 1500, window_every: int = 10, io_cases=None) -> Report:
    """The whole harness, with saves and settings in a fresh temporary folder. `io_cases`: how many cases of each
    file and process operator (SHORT_IO by default)."""
    io_cases = {**SHORT_IO, **(io_cases or {})}
    report = Report()
    start = time.perf_counter()
    old, home = signal.signal(signal.SIGALRM, _alarm), os.environ.get("FAIRSHARE_HOME")
    # As in the window tests (tests/conftest.py): no best plan searched ahead for each mutant campaign. Those
    # searches outlived the harness on their threads and loaded whatever ran next (tracemalloc counted them in
    # tests/test_hardening_cli.py's memory figure). The what-if screen, if the random input opens it, still starts
    # its own job.
    prefetch, whatif_job.PREFETCH = whatif_job.PREFETCH, False
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["FAIRSHARE_HOME"] = scratch
        pygame.init()
        try:
            app = App(size=(1280, 720))          # strict: every exception reaches the harness
            fuzz_campaigns(report, seed, mutants, window_every, app)
            app.session = None
            app.reset_to_title()
            report.events += events
            for failure in monkey.random_input(app, seed, events):
                report.event_exceptions += 1
                report.note(failure)
            base = fuzz_files.make_base(Path(scratch) / "files")
            fuzz_files.run(report, seed, io_cases["writes"], io_cases["saves"], Path(scratch) / "files", base)
            fuzz_process.run(report, seed, io_cases["streams"], io_cases["interrupts"], Path(scratch) / "files", base)
        finally:
            pygame.quit()
            whatif_job.PREFETCH = prefetch
            signal.signal(signal.SIGALRM, old)
            if home is None:
                os.environ.pop("FAIRSHARE_HOME", None)
            else:
                os.environ["FAIRSHARE_HOME"] = home
    report.seconds = time.perf_counter() - start
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--long", action="store_true", help="10,000 mutants and 100,000 window events")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mutants", type=int, default=None)
    parser.add_argument("--events", type=int, default=None)
    args = parser.parse_args(argv)
    mutants = args.mutants if args.mutants is not None else 10_000 if args.long else 100
    events = args.events if args.events is not None else 100_000 if args.long else 1500
    report = run(args.seed, mutants, events, io_cases=LONG_IO if args.long else SHORT_IO)
    print(report.summary())
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
