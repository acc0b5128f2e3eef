"""`fairshare class` on saves made with `simulate --save`: the ranking against independent runs, the grid, the
baselines, the questions, and foreign, corrupt and unfinished saves listed and left out, never a crash."""
from __future__ import annotations

import csv
import io

import pytest

from game.analysis import class_report
from game.analysis.summary import simulate_summary
from game.catalog import find_campaign
from game.cli import main
from game.analysis.replay import policy_session
from game.saves import WINDOW, write_save_file
from game.sim.policies import built_in
from game.sim.session import EndTurn, InjectEvent, Session, SetOrder

SEED = 9
TEAMS = ("adaptive", "pressure", "withdraw", "reassure")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def saves(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hand_in")
    for policy in TEAMS:     # games played in the window with the orders each strategy would give
        write_save_file(policy_session(find_campaign("tutorial"), built_in(policy), SEED),
                        folder / f"team_{policy}.json", WINDOW)
    assert main(["simulate", "tutorial", "--policy", "hold", "--runs", "1", "--seed", str(SEED + 1), "--save",
                 str(folder / "other_seed.json")]) == 0
    assert main(["simulate", "europe_2024", "--policy", "hold", "--runs", "1", "--seed", str(SEED), "--save",
                 str(folder / "other_campaign.json")]) == 0
    (folder / "corrupt.json").write_text('{"game": "fair-share", "vers')
    (folder / "old.json").write_text('{"game": "fair-share", "version": 1}')
    half = Session(find_campaign("tutorial"), SEED)
    half.execute(SetOrder(half.campaign.allies[0].id, "pressure"))
    half.execute(EndTurn())
    write_save_file(half, folder / "unfinished.json")
    return folder


def test_class_ranks_the_teams_like_separate_simulate_runs(capsys, saves, tmp_path):
    code, out, err = run(capsys, "class", saves, "--out", tmp_path)
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO((tmp_path / "class.csv").read_text(encoding="utf-8-sig"))))
    ranked = [r for r in rows if r["status"] == "ranked"]
    campaign = find_campaign("tutorial")
    expected = {f"team_{p}": simulate_summary(campaign, built_in(p), 1, SEED)["final"]["outcomes"]["score"]
                for p in TEAMS}
    assert [r["team"] for r in ranked] == sorted(expected, key=lambda t: -expected[t])
    assert [r["rank"] for r in ranked] == [str(k + 1) for k in range(len(TEAMS))]
    for r in ranked:
        assert float(r["score"]) == pytest.approx(expected[r["team"]], abs=1e-3)
    hold = simulate_summary(campaign, built_in("hold"), 1, SEED)["final"]["outcomes"]["score"]
    assert float(ranked[0]["vs_hold"]) == pytest.approx(float(ranked[0]["score"]) - hold, abs=1e-3)
    assert "4 teams ranked" in out


def test_foreign_corrupt_old_and_unfinished_saves_are_left_out_with_a_reason(capsys, saves, tmp_path):
    report = class_report.build([str(saves)])
    reasons = {x.file.name: x.reason for x in report.left_out}
    assert set(reasons) == {"other_seed.json", "other_campaign.json", "corrupt.json", "old.json", "unfinished.json"}
    assert "another seed" in reasons["other_seed.json"]
    assert "another campaign ('europe_2024'" in reasons["other_campaign.json"]
    assert "not valid JSON" in reasons["corrupt.json"]
    assert "older version" in reasons["old.json"]
    assert "not finished (1 of" in reasons["unfinished.json"]
    assert 3 <= len(report.questions) <= 5
    assert any("withdrew from" in q for q in report.questions)     # the withdraw team against the others


def test_class_html_is_self_contained_with_grid_and_charts(capsys, saves, tmp_path):
    assert run(capsys, "class", saves, "--out", tmp_path)[0] == 0
    page = (tmp_path / "class.html").read_text(encoding="utf-8")
    assert page.count('src="data:image/png;base64,') == 3 and "http" not in page
    md = (tmp_path / "class.md").read_text(encoding="utf-8")
    assert "| team_withdraw | W |" in md          # the grid: the withdraw team's first order
    assert "(adviser)" in md and "Saves left out" in md


def test_a_class_of_nothing_usable_is_a_readable_error(capsys, tmp_path):
    (tmp_path / "junk.json").write_text("[]")
    code, out, err = run(capsys, "class", tmp_path / "junk.json", tmp_path / "missing", "--out", tmp_path / "o")
    assert code == 1 and "no finished game" in err and "no such file or folder" in err
    assert "Traceback" not in err


def test_a_team_name_cannot_become_a_spreadsheet_formula(capsys, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    assert main(["simulate", "tutorial", "--policy", "hold", "--runs", "1", "--seed", str(SEED), "--save",
                 str(folder / "a.json")]) == 0
    text = (folder / "a.json").read_text().replace('"team": ""', '"team": "=HYPERLINK(\\"x\\")"') \
        .replace('"origin": "simulate"', '"origin": "window"')
    (folder / "a.json").write_text(text)
    assert run(capsys, "class", folder, "--out", tmp_path / "out")[0] == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "class.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0]["team"] == "'=HYPERLINK(\"x\")"


def test_each_team_is_compared_with_baselines_facing_the_events_injected_into_its_game(capsys, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    campaign = find_campaign("tutorial")
    for name, injected in (("calm", False), ("stirred", True)):
        game = Session(campaign, SEED)
        for turn in range(campaign.turns):
            if injected and turn + 1 < campaign.turns:
                game.execute(InjectEvent("lesson_congress"))   # the facilitator stirs Congress every turn
            game.execute(EndTurn())
        write_save_file(game, folder / f"{name}.json", WINDOW)
    assert run(capsys, "class", folder, "--out", tmp_path / "out")[0] == 0
    rows = {r["team"]: r for r in csv.DictReader(io.StringIO((tmp_path / "out" / "class.csv")
                                                             .read_text(encoding="utf-8-sig")))}
    # Both teams held every ally every turn: each is exactly its own hold baseline, whatever was injected.
    assert rows["calm"]["score"] != rows["stirred"]["score"]
    assert float(rows["calm"]["vs_hold"]) == pytest.approx(0, abs=1e-6)
    assert float(rows["stirred"]["vs_hold"]) == pytest.approx(0, abs=1e-6)
    assert "different events into different teams' games" in (tmp_path / "out" / "class.md").read_text()
