"""Mutation harness (issues 15 and 24): break one mechanism of the model, or one value a screen or an analysis shows,
at a time and check that a test notices.

    python -m tools.mutate                     # every mutant (tools/mutants.py, tools/mutants_shown.py), by area
    python -m tools.mutate --list              # the mutants, their areas and what each breaks
    python -m tools.mutate --check             # only check that every mutant still applies (no tests run)
    python -m tools.mutate --area screens wording --jobs 2
    python -m tools.mutate --only jolt-flip hedging-decay-zero
    python -m tools.mutate --tests tests/test_model_claims.py    # these tests for every mutant chosen

Why a script and not mutmut: mutmut generates hundreds of anonymous operator mutants per file, most of them
equivalent or about bookkeeping, and on a shared two-core machine a full run takes hours. The question here is
narrower: for each mechanism the model claims to have (tools/mutants.py names them), does some test fail when it is
deleted or reversed? A curated list answers it in a few minutes and keeps the answer readable.

Each mutant belongs to an area (model, war, outcome, adviser, explain (the report's words), screens, wording,
analyses, files (the write rule), room (the class room's server): tools/mutants.py) and is run against its area's
tests (AREA_TESTS), those named for the area first; the run ends with each area's count of mutants killed.

How: the repository (game, tests, tools, campaigns, data; assets linked) is copied into a temporary folder once per
worker; each mutant's edits are written into the copy, pytest runs there (`-x`, stopping at the first failure) with
the copy first on PYTHONPATH, and the file is put back. The working tree is never touched, so an interrupted run
leaves nothing behind. The unmutated copy must pass first. Exit 0 when every mutant is killed, 1 if any survived or
is stale (its text is no longer in the file), 2 if the unmutated code fails the tests.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.mutants import MUTANTS as MODEL_MUTANTS, Mutant  # noqa: E402
from tools.mutants_shown import MUTANTS as SHOWN_MUTANTS  # noqa: E402

MUTANTS: tuple[Mutant, ...] = MODEL_MUTANTS + SHOWN_MUTANTS

# The fast tests that watch the model (its claims, its mechanisms, the outcome, the adviser, the report's words) and
# the screens' content: 10-20 s unmutated. The slow balance and window suites add little here and would make a
# run take hours.
# In this order because pytest stops at the first failure: the tests that name one mechanism go first, so the kill
# reported is theirs; the formula checks and the slower core tests come last.
FAST_TESTS = ("tests/test_model_mechanisms.py", "tests/test_model_nuclear.py", "tests/test_model_dilemma_proper.py",
              "tests/test_model_answers.py", "tests/test_model_channels.py", "tests/test_model_events.py",
              "tests/test_model_outcome.py", "tests/test_model_offset.py", "tests/test_model_adviser.py",
              "tests/test_model_claims.py",
              "tests/test_model_dilemma_mechanics.py", "tests/test_explain.py", "tests/test_ui_content.py",
              "tests/test_model_honesty.py", "tests/test_model_core.py", "tests/test_system_factors.py",
              "tests/test_facilitator_events.py", "tests/test_validity.py", "tests/test_session.py",
              "tests/test_votes.py")
SCREEN_TESTS = ("tests/test_screen_play.py", "tests/test_screen_report.py", "tests/test_screen_debrief.py",
                "tests/test_screen_yardstick.py", "tests/test_room_window.py")
# The rules issue 24 named (tests/test_model_rules.py) after the tests that name the older mechanisms, so that each of
# those is still reported killed by its own test (a rule's test can fail first as a side effect), before the broad ones.
_NAMED = FAST_TESTS.index("tests/test_model_adviser.py") + 1
MODEL_TESTS = (*FAST_TESTS[:_NAMED], "tests/test_model_rules.py", *FAST_TESTS[_NAMED:])
# Each area's tests, those that name its rules first; the screens', the analyses' and the files' are fast (a few
# seconds).
AREA_TESTS = {
    **{name: MODEL_TESTS for name in ("model", "war", "outcome", "adviser", "explain")},
    "screens": (*SCREEN_TESTS, "tests/test_ui_content.py", "tests/test_ui_wording.py", "tests/test_system_factors.py"),
    "wording": ("tests/test_ui_wording.py", *SCREEN_TESTS, "tests/test_explain.py"),
    "analyses": ("tests/test_analysis_values.py", "tests/test_screen_debrief.py", "tests/test_seminar_whatif.py",
                 "tests/test_seminar_class.py", "tests/test_votes.py", "tests/test_hardening_names.py"),
    "files": ("tests/test_write_rule.py", "tests/test_safe_writes.py", "tests/test_hardening_files.py"),
    "room": ("tests/test_room_server.py", "tests/test_room.py"),
}
COPIED = ("game", "tests", "tools", "campaigns", "data")
LINKED = ("assets",)
TIMEOUT = 900   # seconds for one mutant's test run; a mutant that hangs the tests counts as killed


def stale(mutant: Mutant) -> str | None:
    """Why the mutant no longer applies (an edit's text is missing or ambiguous), or None."""
    text = (ROOT / mutant.path).read_text(encoding="utf-8")
    for old, _ in mutant.edits:
        count = text.count(old)
        if count != 1:
            return f"{'not found' if count == 0 else f'found {count} times'}: {old!r}"
    return None


def mutated(mutant: Mutant) -> str:
    text = (ROOT / mutant.path).read_text(encoding="utf-8")
    for old, new in mutant.edits:
        text = text.replace(old, new, 1)
    return text


def make_copy(where: Path) -> Path:
    for name in COPIED:
        shutil.copytree(ROOT / name, where / name,
                        ignore=shutil.ignore_patterns("__pycache__", ".hypothesis", "*.pyc"))
    for name in LINKED:
        (where / name).symlink_to(ROOT / name)
    for name in ("pyproject.toml", "main.py"):
        shutil.copy2(ROOT / name, where / name)
    return where


def run_tests(copy: Path, tests: list[str]) -> tuple[bool, str]:
    """(passed, the first failing test or the reason) for the tests in the copy."""
    env = {**os.environ, "PYTHONPATH": str(copy), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
           "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-rf", "-p", "no:cacheprovider", *tests]
    try:
        out = subprocess.run(cmd, cwd=copy, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return False, f"timed out after {TIMEOUT} s"
    if out.returncode == 0:
        return True, ""
    failed = re.search(r"^(?:FAILED|ERROR) (\S+)", out.stdout, re.MULTILINE)
    return False, failed.group(1) if failed else (out.stdout + out.stderr).strip().splitlines()[-1]


def check_imports(copy: Path, mutant: Mutant) -> None:
    """Guard against a harness bug: the tests must import the copy, not the working tree."""
    env = {**os.environ, "PYTHONPATH": str(copy), "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    module = mutant.path.removesuffix(".py").replace("/", ".")
    out = subprocess.run([sys.executable, "-c", f"import {module} as m; print(m.__file__)"], cwd=copy, env=env,
                         capture_output=True, text=True, check=True)
    where = out.stdout.strip().splitlines()[-1]    # the last line: an imported module may print a banner first
    if not Path(where).resolve().is_relative_to(copy.resolve()):
        raise SystemExit(f"the copy's {module} is shadowed by {where}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--check", action="store_true", help="check that every mutant applies; run no tests")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run these mutants only")
    parser.add_argument("--area", nargs="+", choices=sorted(AREA_TESTS), help="run the mutants of these areas only")
    parser.add_argument("--tests", nargs="+", metavar="PATH", help="tests to run for every mutant (default: the "
                                                                    "tests of its area, AREA_TESTS)")
    parser.add_argument("--jobs", type=int, default=1, help="mutants tested side by side (default 1)")
    args = parser.parse_args(argv)
    # A terminated run still removes its temporary copies (TemporaryDirectory cleans up on SystemExit).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    mutants = [mu for mu in MUTANTS if (not args.only or mu.name in args.only) and
               (not args.area or mu.area in args.area)]
    if args.only and len({mu.name for mu in mutants}) != len(set(args.only)):
        parser.error(f"unknown mutant(s) or not in the areas chosen: "
                     f"{sorted(set(args.only) - {mu.name for mu in mutants})}")
    if args.list:
        for mu in mutants:
            print(f"{mu.name:36} {mu.area:12} {mu.path:30} {mu.mechanism}")
        return 0
    problems = {mu.name: why for mu in mutants if (why := stale(mu))}
    for name, why in problems.items():
        print(f"STALE     {name}: {why}")
    if args.check:
        print(f"{len(mutants) - len(problems)} of {len(mutants)} mutants apply")
        return 1 if problems else 0
    live = [mu for mu in mutants if mu.name not in problems]

    def tests_of(mutant: Mutant) -> list[str]:
        return [t for t in (args.tests or AREA_TESTS[mutant.area]) if (ROOT / t).exists()]

    tests = list(dict.fromkeys(t for mu in live for t in tests_of(mu)))
    with tempfile.TemporaryDirectory(prefix="mutate-") as tmp:
        copies = [make_copy(Path(tmp) / f"w{i}") for i in range(max(1, min(args.jobs, len(live))))]
        if live:
            check_imports(copies[0], live[0])
        start = time.monotonic()
        passed, why = run_tests(copies[0], tests)
        if not passed:
            print(f"the unmutated code fails the tests ({why}): fix that first")
            return 2
        print(f"unmutated: passes in {time.monotonic() - start:.0f} s; {len(live)} mutants, {len(tests)} test files",
              flush=True)
        free = list(copies)

        def one(mutant: Mutant) -> tuple[Mutant, bool, str]:
            copy = free.pop()
            target = copy / mutant.path
            original = target.read_text(encoding="utf-8")
            try:
                target.write_text(mutated(mutant), encoding="utf-8")
                survived, why = run_tests(copy, tests_of(mutant))
            finally:
                target.write_text(original, encoding="utf-8")
                free.append(copy)
            return mutant, survived, why

        survivors = []
        with ThreadPoolExecutor(len(copies)) as pool:
            for mutant, survived, why in pool.map(one, live):
                if survived:
                    survivors.append(mutant)
                print(f"{'SURVIVED' if survived else 'killed  '}  {mutant.area:12} {mutant.name:36} "
                      f"{mutant.mechanism if survived else why}", flush=True)
    for name in dict.fromkeys(mu.area for mu in live):
        mine = [mu for mu in live if mu.area == name]
        alive = sum(mu in survivors for mu in mine)
        files = len({mu.path for mu in mine})
        print(f"{name:12} {len(mine) - alive:3} of {len(mine):3} killed ({files} file{'s' * (files > 1)})"
              + (f"; survived: {', '.join(mu.name for mu in mine if mu in survivors)}" if alive else ""))
    print(f"{len(survivors)} of {len(live)} mutants survived; {len(problems)} stale")
    return 1 if survivors or problems else 0


if __name__ == "__main__":
    sys.exit(main())
