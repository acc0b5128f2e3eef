"""The mutation lists (tools/mutants.py, tools/mutants_shown.py) follow the code: every mutant's text is still found
exactly once, so a change to a mechanism's line cannot quietly leave it unwatched (run `python -m tools.mutate` for
the kills), and every mutant's area has tests to run."""
from __future__ import annotations

from tools.mutate import AREA_TESTS, MUTANTS, stale


def test_every_mutant_still_applies_to_the_code_it_names():
    problems = {m.name: stale(m) for m in MUTANTS if stale(m)}
    assert not problems, problems
    assert len({m.name for m in MUTANTS}) == len(MUTANTS)
    assert {m.area for m in MUTANTS} <= set(AREA_TESTS)
