"""Issue 21, saves that survive harmless edits and say where they came from: a save finds its campaign by the hash
of its meaning (comments, layout and wording never break it); a changed meaning is replayed on the current version,
as hot reload does, in the window (after asking), `debrief` and `class`, each saying so; games written by
`simulate --save` are marked and listed apart from the teams."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pygame
import pytest

from game.analysis.replay import policy_session
from game.campaign import load_campaign
from game.cli import main
from game.saves import WINDOW, CampaignChanged, load_save, open_save, write_save, write_save_file
from game.sim.policies import built_in
from game.ui import flow
from game.ui.synth import Driver

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def mine(home) -> Path:
    """The tutorial as an instructor's own campaign file, in the user's campaigns folder."""
    path = home / "campaigns" / "my_tutorial.yaml"
    path.parent.mkdir(parents=True)
    text = (REPO / "campaigns" / "tutorial.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("id: tutorial", "id: my_tutorial", 1), encoding="utf-8")
    return path


def played(path: Path, seed: int = 5):
    return policy_session(load_campaign(path), built_in("adaptive"), seed)


def test_comments_layout_and_wording_never_break_a_save(mine):
    session = played(mine)
    save = write_save(session, "Team Adams")
    text = mine.read_text(encoding="utf-8")
    edited = ("# fixed a typo after class\n" + text.replace("turns: 6", "turns:   6   # six years")
              .replace("Paying for the Umbrella", "Paying for the umbrella"))
    assert edited != text
    mine.write_text(edited, encoding="utf-8")
    again = load_save(save)                              # exactly, no question asked
    assert again.to_save()["log"] == session.to_save()["log"]
    assert float(again.outcome().score[0]) == float(session.outcome().score[0])


def test_a_changed_campaign_is_replayed_on_its_current_version_and_said(mine, capsys, tmp_path):
    hand_in = tmp_path / "hand_in"
    sessions = {name: played(mine, seed=5) for name in ("Team Adams", "Team Baker")}
    for name, session in sessions.items():
        write_save_file(session, hand_in / f"{name}.json", WINDOW, team=name)
    mine.write_text(mine.read_text(encoding="utf-8").replace("budget: ", "budget: 1", 1), encoding="utf-8")
    with pytest.raises(CampaignChanged, match="has changed since this game was saved"):
        load_save(hand_in / "Team Adams.json")
    game = open_save(hand_in / "Team Adams.json", replay_changed=True)
    assert game.changed is not None and game.session.over and game.team == "Team Adams"
    assert "replayed on the current version (every order kept)" in game.note()
    # debrief: written, and it says so on the terminal and in the debrief
    assert main(["debrief", str(hand_in / "Team Adams.json"), "--out", str(tmp_path / "adams")]) == 0
    assert "replayed on the current version" in capsys.readouterr().err
    assert "replayed on the current version" in (tmp_path / "adams" / "debrief.md").read_text(encoding="utf-8")
    # class: both teams ranked on the current version, and the report says they were replayed
    assert main(["class", str(hand_in), "--out", str(tmp_path / "report")]) == 0
    out = capsys.readouterr().out
    assert "2 teams ranked" in out and "Team Adams" in out and "Team Baker" in out
    md = (tmp_path / "report" / "class.md").read_text(encoding="utf-8")
    assert "Replayed on the current campaign file" in md and "Saves left out" not in md


def test_the_window_asks_before_replaying_a_save_on_a_changed_campaign(app, mine):
    path = write_save(played(mine), "Team Adams")
    mine.write_text(mine.read_text(encoding="utf-8").replace("budget: ", "budget: 1", 1), encoding="utf-8")
    drive = Driver(app)
    assert not flow.load(app, path)
    assert drive.scene.name == "confirm" and "changed" in drive.scene.title
    drive.press(pygame.K_RETURN)                         # replay it
    assert app.session is not None and app.session.over and drive.scene.name == "message"
    assert "replayed on the current version" in drive.scene.text


def test_a_simulated_save_is_marked_and_listed_apart_from_the_teams(capsys, tmp_path):
    hand_in = tmp_path / "hand_in"
    write_save_file(policy_session(load_campaign(REPO / "campaigns" / "europe_2024.yaml"), built_in("hold"), 3),
                    hand_in / "Team Adams.json", WINDOW, team="Team Adams")
    plan = REPO / "campaigns" / "plans" / "best" / "europe_2024.yaml"
    assert main(["simulate", "europe_2024", "--policy", str(plan), "--runs", "1", "--seed", "3", "--save",
                 str(hand_in / "Team Best.json")]) == 0
    data = json.loads((hand_in / "Team Best.json").read_text(encoding="utf-8"))
    assert data["origin"] == "simulate" and data["policy"] == "europe_2024.yaml"
    capsys.readouterr()
    assert main(["class", str(hand_in), "--out", str(tmp_path / "report")]) == 0
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO((tmp_path / "report" / "class.csv").read_text(encoding="utf-8-sig"))))
    assert [(r["rank"], r["team"]) for r in rows if r["status"] == "ranked"] == [("1", "Team Adams")]
    apart = [r for r in rows if r["status"].startswith("simulated")]
    assert len(apart) == 1 and apart[0]["rank"] == "" and "Team Best" in apart[0]["team"]
    assert float(apart[0]["score"]) > float(rows[0]["score"])     # the best plan beats holding, and is not ranked
    assert "1 team ranked" in out and "listed apart, not ranked" in out
    md = (tmp_path / "report" / "class.md").read_text(encoding="utf-8")
    assert "Simulated games (not played by a team)" in md


def test_class_lists_every_team_it_ranks_and_no_folder_of_the_instructors(capsys, tmp_path):
    hand_in = tmp_path / "hand_in"
    campaign = load_campaign(REPO / "campaigns" / "tutorial.yaml")
    for n, policy in enumerate(("hold", "pressure", "reassure", "adaptive")):
        write_save_file(policy_session(campaign, built_in(policy), 3), hand_in / f"team {n}.json", WINDOW,
                        team=f"Team {policy}")
    (hand_in / "broken.json").write_text("{", encoding="utf-8")
    assert main(["class", str(hand_in), "--out", str(tmp_path / "report")]) == 0
    out = capsys.readouterr().out
    assert "4 teams ranked" in out
    assert all(f"Team {policy}:" in out for policy in ("hold", "pressure", "reassure", "adaptive"))
    page = (tmp_path / "report" / "class.html").read_text(encoding="utf-8")
    assert "broken.json" in page and str(tmp_path) not in page
