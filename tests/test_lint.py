"""Lint: each warning fires on a crafted campaign at the exact line and column of the value to change, none fires
on the shipped campaigns, and `validate` prints them (exit 0), or counts them as errors with --strict."""
from __future__ import annotations

import types
from pathlib import Path

import pytest

from game.authoring import balance_lint
from game.authoring.lint import lint_file
from game.cli import main

ROOT = Path(__file__).resolve().parents[1]

BASE = """\
# yaml-language-server: $schema=../docs/campaign.schema.json
id: baltic_watch
name: Baltic Watch
description: Two allies on NATO's eastern flank, one adversary, eight quarters.
briefing: |
  Russia is massing forces near the Baltic. Keep both allies safe
  without paying for everything yourself.
turns: 8
calendar: {start: 2025, step: quarter}
us:
  budget: 6
allies:
  - id: poland
    name: Poland
    country: POL
    theatre: europe
    adversary: russia
    gdp: 811.2
    spending: 4.12
    threat: 0.85
    trust: 0.7
    alignment: 0.85
    presence: 0.6
    upkeep: 1.65
  - id: estonia
    name: Estonia
    country: EST
    theatre: europe
    adversary: russia
    gdp: 40.7
    spending: 3.43
    threat: 0.95
    trust: 0.65
    alignment: 0.85
    presence: 0.3
    upkeep: 0.3
    ceiling: 4.5
adversaries:
  - id: russia
    name: Russia
    country: RUS
    theatre: europe
    capability: 150.5
    growth: 0.01
events:
  - id: wavering
    title: Tallinn wavers
    text: Estonian politicians ask aloud whether Washington would come.
    when: estonia.trust < 0.4 and turn >= 4
    effects:
      - {target: estonia, var: hedging, add: 0.1}
sources:
  - SIPRI Military Expenditure Database, 2024
"""


def write(tmp_path: Path, old: str = "", new: str = "") -> Path:
    assert old in BASE
    path = tmp_path / "baltic_watch.yaml"
    path.write_text(BASE.replace(old, new, 1), encoding="utf-8")
    return path


def where(path: Path, needle: str) -> tuple[int, int]:
    """1-based line and column of `needle` in the file."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n, line.index(needle) + 1
    raise AssertionError(needle)


def warnings(path: Path) -> list[str]:
    campaign, found = lint_file(path)
    assert campaign is not None, [str(p) for p in found]
    return [str(p) for p in found]


def test_the_base_campaign_is_clean(tmp_path):
    assert warnings(write(tmp_path)) == []


@pytest.mark.parametrize("path", sorted((ROOT / "campaigns").glob("*.yaml")), ids=lambda p: p.stem)
def test_no_warning_on_a_shipped_campaign(path):
    assert warnings(path) == []


WHEN = "when: estonia.trust < 0.4 and turn >= 4"


@pytest.mark.parametrize("condition,needle,message", [
    ("when: estonia.trust > 1.2 and turn >= 4", "estonia.trust > 1.2",
     "event 'wavering' can never fire: `estonia.trust > 1.2` is never true (estonia.trust stays between 0 and 1)"),
    # quoted: the column is inside the quotes; spending is bounded by the ally's own ceiling
    ('when: "estonia.spending >= 4.6"', "estonia.spending",
     "event 'wavering' can never fire: `estonia.spending >= 4.6` is never true (estonia.spending stays between 0 "
     "and 4.5)"),
    ("when: estonia.trust < 0.4 and turn >= 9", "estonia.trust < 0.4",
     "event 'wavering' can never fire: `turn >= 9` asks for a turn past the last one (turn 8)"),
    ("when: min(hedging) >= 0 or turn > 100", "min(hedging)",
     "event 'wavering' fires at the start of turn 1: `min(hedging) >= 0` is always true (min(hedging) stays between "
     "0 and 1); use `turn:` for a scripted event"),
], ids=["never", "quoted", "past_the_last_turn", "always"])
def test_a_condition_out_of_reach_or_always_true(tmp_path, condition, needle, message):
    path = write(tmp_path, WHEN, condition)
    line, col = where(path, needle)
    assert warnings(path) == [f"{path}:{line}:{col}: warning: {message}"]


def test_a_scripted_event_past_the_last_turn_is_an_error_at_its_turn(tmp_path):
    path = write(tmp_path, "when: estonia.trust < 0.4 and turn >= 4", "turn: 9")
    campaign, found = lint_file(path)
    line, col = where(path, "turn: 9")
    col += len("turn: ")
    assert campaign is None and [str(p) for p in found] == [
        f"{path}:{line}:{col}: error: turn must be between 1 and 8 (the campaign's turns), got 9"]


def test_an_ally_whose_country_is_not_on_the_map(tmp_path):
    path = write(tmp_path, "country: EST", "country: CAN")
    line, col = where(path, "CAN")
    assert warnings(path) == [f"{path}:{line}:{col}: warning: country CAN of ally 'estonia' is not on the map of "
                              "theatre 'europe' (assets/map/theatres.json): it will have no outline to see or click"]


def test_on_the_1969_map_todays_countries_are_not_there(tmp_path):
    """`map: 1969`: Estonia is inside the Soviet Union, whose code is SUN; lint reads the era's own map."""
    path = write(tmp_path, "us:\n", "map: 1969\nus:\n")
    (est_line, est_col), (rus_line, rus_col) = where(path, "EST"), where(path, "RUS")
    assert warnings(path) == [
        f"{path}:{est_line}:{est_col}: warning: country EST of ally 'estonia' is not on the map of theatre 'europe' "
        "(assets/map/theatres_1969.json): it will have no outline to see or click",
        f"{path}:{rus_line}:{rus_col}: warning: country RUS of adversary 'russia' is not on the map of theatre "
        "'europe' (assets/map/theatres_1969.json): it will have no outline to see or click"]


def test_an_ally_in_a_theatre_with_no_map(tmp_path):
    path = write(tmp_path, "    theatre: europe\n    adversary: russia\n    gdp: 40.7",
                 "    theatre: arctic\n    adversary: russia\n    gdp: 40.7")
    line, col = where(path, "arctic")
    assert warnings(path) == [f"{path}:{line}:{col}: warning: theatre 'arctic' of ally 'estonia' has no map (the map "
                              "covers europe, indo_pacific): the ally will not be drawn"]


@pytest.mark.parametrize("old,new,needle,message", [
    ("trust: 0.65", "trust: 0.05", "trust: 0.05", "trust 0.05 of ally 'estonia' is far outside the shipped campaigns' "
                                           "range (0.3 to 0.75)"),
    ("upkeep: 0.3\n    ceiling: 4.5", "upkeep: 0.3\n    ceiling: 4.5\n    responsiveness: 2.9", "responsiveness: 2.9",
     "responsiveness 2.9 of ally 'estonia' is far outside the shipped campaigns' range (0.5 to 1.4)"),
    ("growth: 0.01", "growth: 0.3", "growth: 0.3",
     "growth 0.3 of adversary 'russia' is far outside the shipped campaigns' range (-0.012 to 0.061)"),
])
def test_a_judgement_far_outside_the_shipped_ranges(tmp_path, old, new, needle, message):
    path = write(tmp_path, old, new)
    line, col = where(path, needle)
    col += needle.index(": ") + 2                 # at the value
    assert warnings(path) == [f"{path}:{line}:{col}: warning: {message}: check it is meant"]


def test_a_value_a_little_outside_the_shipped_range_is_no_warning(tmp_path):
    assert warnings(write(tmp_path, "trust: 0.65", "trust: 0.8")) == []


def test_a_briefing_that_names_no_goal(tmp_path):
    path = write(tmp_path, "Keep both allies safe\n  without paying for everything yourself.",
                 "Tanks are on the move\n  and the winter is cold.")
    line, col = where(path, "briefing: |")
    assert warnings(path) == [f"{path}:{line}:{col + len('briefing: ')}: warning: the briefing names no goal and the "
                              "campaign has no `goals:`: say what the player should achieve (deterrence, burden, "
                              "influence, cohesion)"]
    goals = write(tmp_path, "Keep both allies safe\n  without paying for everything yourself.\n",
                  "Tanks move.\ngoals:\n  - Deterrence above all.\n")
    assert warnings(goals) == []


def test_a_campaign_whose_sources_are_only_placeholders(tmp_path):
    path = write(tmp_path, "  - SIPRI Military Expenditure Database, 2024", "  - TODO\n  - n/a")
    line, col = where(path, "- TODO")
    assert warnings(path) == [f"{path}:{line}:{col}: warning: the campaign names no real source (only placeholders): "
                              "say where its figures come from"]


# --------------------------------------------------------------------------------------------- the command


def test_validate_prints_warnings_and_exits_0_unless_strict(tmp_path, capsys):
    path = write(tmp_path, "country: EST", "country: CAN")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{path}:") and ": warning: country CAN" in out[0]
    assert out[1] == f"{path}: ok (1 warning)"
    assert main(["validate", "--strict", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and ": error: country CAN" in out[0]
    assert main(["validate", "--strict", "campaigns/tutorial.yaml"]) == 0


def test_balance_findings_become_warnings_at_their_place(tmp_path):
    path = write(tmp_path, "when: estonia.trust < 0.4 and turn >= 4", "when: russia.capability > 100")
    path.write_text(path.read_text(encoding="utf-8").replace(
        "sources:", "  - id: never\n    title: Never\n    text: Out of reach.\n    when: estonia.hedging > 0.9\n"
        "    effects:\n      - {target: us, var: credibility, add: 0.01}\nsources:"), encoding="utf-8")
    campaign, found = lint_file(path)
    assert campaign is not None and found == []          # nothing a static check can see
    shown = [str(w) for w in balance_lint.balance_warnings(campaign, runs=60, search_seconds=0)]
    always, never = where(path, "russia.capability > 100"), where(path, "estonia.hedging > 0.9")
    assert any(s.startswith(f"{path}:{always[0]}:{always[1]}: warning: balance: Event 'Tallinn wavers' (wavering) "
                            "fires in every game") for s in shown), shown
    assert any(s.startswith(f"{path}:{never[0]}:{never[1]}: warning: balance: Event 'Never' (never) never fires")
               for s in shown), shown


def test_a_dominant_blanket_order_and_random_play_are_warned_at_the_allies(tmp_path, monkeypatch):
    path = write(tmp_path)
    campaign, _ = lint_file(path)
    flags = [types.SimpleNamespace(id="blanket_near_best:pressure", text="Blanket pressure scores 80.0."),
             types.SimpleNamespace(id="random_vs_adviser", text="The adviser is not 3 points ahead."),
             types.SimpleNamespace(id="ally_attacked:poland", text="not an author's lint")]
    monkeypatch.setattr(balance_lint, "balance", lambda *a: types.SimpleNamespace(flags=flags))
    monkeypatch.setattr(balance_lint, "measure", lambda *a: [])
    line, col = where(path, "allies:")
    assert [str(w) for w in balance_lint.balance_warnings(campaign)] == [
        f"{path}:{line}:{col}: warning: balance: Blanket pressure scores 80.0.",
        f"{path}:{line}:{col}: warning: balance: The adviser is not 3 points ahead."]


def test_a_claim_the_campaign_does_not_show_is_warned_at_the_allies(tmp_path, monkeypatch):
    from game.analysis.claims import Claim
    path = write(tmp_path)
    campaign, _ = lint_file(path)
    monkeypatch.setattr(balance_lint, "balance", lambda *a: types.SimpleNamespace(flags=[]))
    claims = [Claim("criticism", "Public criticism does next to nothing for spending.", False, "It moved 0.4 pp."),
              Claim("hubs", "Hubs discount threats.", None, "Not in this campaign: no hub."),
              Claim("threat", "Threat drives effort.", True, "It does.")]
    monkeypatch.setattr(balance_lint, "measure", lambda *a: claims)
    line, col = where(path, "allies:")
    assert [str(w) for w in balance_lint.balance_warnings(campaign)] == [
        f"{path}:{line}:{col}: warning: claims: this campaign does not show that public criticism does next to "
        "nothing for spending: It moved 0.4 pp."]


def test_validate_balance_prints_the_short_run_s_warnings(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(balance_lint, "RUNS", 40)
    monkeypatch.setattr(balance_lint, "SEARCH_SECONDS", 0.0)
    path = write(tmp_path, "when: estonia.trust < 0.4 and turn >= 4", "when: estonia.hedging > 0.9")
    assert main(["validate", "--balance", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    line, col = where(path, "estonia.hedging > 0.9")
    expected = f"{path}:{line}:{col}: warning: balance: Event 'Tallinn wavers' (wavering) never fires"
    assert any(expected in o for o in out), out
    assert out[-1].startswith(f"{path}: ok (") and "warning" in out[-1]
    assert main(["validate", "--balance", "--strict", str(path)]) == 1
