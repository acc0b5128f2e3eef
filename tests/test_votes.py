"""The class's vote (game.sim.votes, the Vote command): the order carried out must lead the tally (a tie leaves the
facilitator the choice among the leaders), the tally is data in the log that a save replays bit for bit, and the
turn report, the debrief and the class report keep the split."""
from __future__ import annotations

import json

import numpy as np
import pytest

from game.analysis import best_plan, live_record
from game.analysis.seat_score import seat_scores
from game.catalog import find_campaign
from game.cli import main
from game.saves import load_save, write_save_file
from game.sim import votes
from game.sim.session import AnswerAlly, CommandError, EndTurn, Session, SetOrder, Vote
from game.sim.state import ORDER_CODE


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(best_plan, "SEARCH_SECONDS", 0.5)
    return tmp_path


def test_the_split_is_said_most_votes_first():
    counts = votes.parse("pressure:14 reassure:9 withdraw:2")
    assert votes.split(counts) == "14 pressure, 9 reassure, 2 withdraw"
    assert votes.split(votes.parse("withdraw:2 hold:2 reassure:9")) == "9 reassure, 2 hold, 2 withdraw"
    assert votes.tally_text({"withdraw": 2, "pressure": 14, "hold": 0}) == "pressure:14 withdraw:2"
    assert votes.leaders({"pressure": 5, "reassure": 5, "hold": 1}) == ("pressure", "reassure")
    assert votes.leaders({}) == ("hold", "pressure", "reassure", "withdraw", "criticize")


@pytest.mark.parametrize("tally", ["bomb:3", "pressure:-1", "pressure:x", "pressure:1 pressure:2", "pressure"])
def test_a_tally_that_is_not_one_is_refused(tally):
    session = Session(find_campaign("tutorial"), 1)
    with pytest.raises(CommandError):
        session.execute(Vote("poland", "pressure", tally))
    assert session.log == []


def test_the_order_must_lead_the_vote_and_a_tie_is_the_facilitators_to_break():
    session = Session(find_campaign("tutorial"), 1)
    with pytest.raises(CommandError, match="did not lead the vote"):
        session.execute(Vote("poland", "reassure", "pressure:14 reassure:9"))
    for pick in ("pressure", "reassure"):          # a tie: either leader may be carried out
        session.execute(Vote("poland", pick, "pressure:7 reassure:7 hold:1"))
        assert session.order_of("poland") == pick
    with pytest.raises(CommandError, match="did not lead"):
        session.execute(Vote("poland", "hold", "pressure:7 reassure:7 hold:1"))


def test_a_vote_sets_the_order_and_the_turn_keeps_the_split():
    session = Session(find_campaign("tutorial"), 3)
    session.execute(Vote("poland", "pressure", "pressure:14 reassure:9 withdraw:2"))
    session.execute(Vote("germany", "hold", ""))                   # nobody voted: the facilitator's choice
    session.execute(SetOrder("spain", "reassure"))
    report = session.execute(EndTurn())
    poland = session.campaign.ally_index("poland")
    assert int(report.orders[0, poland]) == ORDER_CODE["pressure"]
    assert session.votes[0] == {poland: "pressure:14 reassure:9 withdraw:2",
                                session.campaign.ally_index("germany"): ""}
    text = votes.turn_text([a.name for a in session.campaign.allies], session.votes[0])
    assert "Poland 14 pressure, 9 reassure, 2 withdraw" in text and "Germany no votes" in text
    assert session.pending_votes == {}


def test_the_facilitators_own_order_after_a_vote_replaces_it_in_the_record():
    session = Session(find_campaign("tutorial"), 3)
    session.execute(Vote("poland", "pressure", "pressure:3"))
    session.execute(SetOrder("poland", "reassure"))
    session.execute(EndTurn())
    assert session.votes[0] == {}


def live_game(seed=4) -> Session:
    """A whole tutorial played as a class room would: votes for two allies, one ally answered by its seat."""
    session = Session(find_campaign("tutorial"), seed)
    rng = np.random.default_rng(seed)
    while not session.over:
        for ally in ("poland", "germany"):
            counts = {o: int(rng.integers(0, 9)) for o in ("pressure", "reassure", "hold")}
            session.execute(Vote(ally, votes.leaders(counts)[-1], votes.tally_text(counts)))
        session.execute(AnswerAlly("spain", "raise", "follow", "We hear you, <b>Washington</b>."))
        session.execute(EndTurn())
    return session


def test_a_live_game_saves_and_replays_bit_for_bit(home):
    session = live_game()
    path = home / "live.json"
    write_save_file(session, path, team="the class")
    again = load_save(path)
    assert again.votes == session.votes and again.messages == session.messages
    for a, b in zip(session.history, again.history):
        np.testing.assert_array_equal(a.spending, b.spending)
        np.testing.assert_array_equal(a.trust, b.trust)


def test_the_debrief_and_the_class_report_keep_the_split(home, capsys):
    session = live_game()
    path = home / "saves" / "live.json"
    path.parent.mkdir(parents=True)
    write_save_file(session, path, team="the class")
    first = live_record.vote_rows(session)[0]
    assert first["split"] == votes.split(votes.parse(first["tally"]))
    assert main(["debrief", str(path), "--out", str(home / "debrief")]) == 0
    doc = json.loads((home / "debrief" / "game.json").read_text(encoding="utf-8"))
    assert doc["votes"][0]["split"] == first["split"] and len(doc["votes"]) == 2 * session.campaign.turns
    assert doc["messages"][0]["text"] == "We hear you, <b>Washington</b>."
    assert [s["ally"] for s in doc["seats"]] == ["spain"]
    html = (home / "debrief" / "debrief.html").read_text(encoding="utf-8")
    assert first["split"] in html and "&lt;b&gt;Washington&lt;/b&gt;" in html and "<b>Washington</b>" not in html
    assert main(["class", str(path), "--out", str(home / "class")]) == 0
    assert first["split"] in (home / "class" / "class.md").read_text(encoding="utf-8")
    capsys.readouterr()


def spend_all_game(answer: str, seed: int) -> dict:
    session = Session(find_campaign("tutorial"), seed)
    while not session.over:
        session.execute(AnswerAlly("poland", answer, "own"))
        session.execute(EndTurn())
    return {s.ally: s for s in seat_scores(session)}["poland"]


def test_the_seats_score_makes_the_free_riders_temptation_real():
    """Over many seeds: a government that cuts every turn keeps more of its budget than one that surges, and is
    less secure for it; the seat score's parts pull against each other."""
    cut = [spend_all_game("cut", seed) for seed in range(12)]
    surge = [spend_all_game("surge", seed) for seed in range(12)]
    assert all(c.budget > s.budget + 5 for c, s in zip(cut, surge))
    assert np.mean([s.security for s in surge]) > np.mean([c.security for c in cut])
    assert all(0 <= x <= 100 for s in cut + surge for x in (s.security, s.budget, s.autonomy))
    assert all(s.played for s in cut)
