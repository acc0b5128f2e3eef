"""The class room's rules, without a network (game.room.room, seats, journal, views): who may vote or answer what
and when, a vote counted once per student, ties left to the facilitator, a seat that does not answer playing as
the model would, and a journal that restores the room exactly."""
from __future__ import annotations

import numpy as np
import pytest

from game.analysis import cabinet
from game.catalog import find_campaign
from game.room import journal, views
from game.room.room import ALLIES, VOTE, Room, RoomError, clean
from game.room.seats import layout
from game.sim.session import AnswerAlly, EndTurn, Session, SetOrder, Vote


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path / "home"))
    return tmp_path


def vote_room(seed=2) -> Room:
    return Room(Session(find_campaign("tutorial"), seed), VOTE)


def test_a_student_has_one_vote_per_ally_and_may_change_it():
    room = vote_room()
    _, ann = room.join("Ann")
    _, bob = room.join("Bob")
    assert room.vote(ann, "poland", "pressure", 0)
    assert not room.vote(ann, "poland", "pressure", 0)          # the same vote again is not a second vote
    assert room.vote(ann, "poland", "reassure", 0)              # a change of mind replaces it
    room.vote(bob, "poland", "reassure", 0)
    assert room.tally("poland") == {"reassure": 2}


@pytest.mark.parametrize("ally, order, turn, why", [
    ("poland", "pressure", 1, "another turn"), ("poland", "pressure", "0", "another turn"),
    ("atlantis", "pressure", 0, "not being voted on"), ("poland", "nuke", 0, "cannot be voted for"),
    ("poland", ["pressure"], 0, "cannot be voted for")])
def test_a_vote_for_another_turn_ally_or_order_is_refused(ally, order, turn, why):
    room = vote_room()
    _, ann = room.join("Ann")
    with pytest.raises(RoomError, match=why):
        room.vote(ann, ally, order, turn)
    assert room.ballots == {}


def test_closing_the_votes_carries_out_each_leader_and_leaves_ties_to_the_facilitator():
    room = vote_room()
    students = [room.join(f"s{k}")[1] for k in range(5)]
    for k, s in enumerate(students):
        room.vote(s, "poland", "pressure" if k < 3 else "reassure", 0)
        room.vote(s, "germany", "hold" if k < 2 else "reassure" if k < 4 else "criticize", 0)
    room.close_votes()
    assert room.session.log[0] == Vote("poland", "pressure", "pressure:3 reassure:2")
    assert room.phase == "ties" and room.ties == {"germany": ["hold", "reassure"]}
    with pytest.raises(RoomError):
        room.break_tie("germany", "criticize")
    with pytest.raises(RoomError, match="tied"):
        room.end_turn()
    room.break_tie("germany", "reassure")
    room.end_turn()
    assert room.phase == "voting" and room.ballots == {} and room.session.state.turn == 1
    names = {a.id: i for i, a in enumerate(room.session.campaign.allies)}
    assert room.session.votes[0] == {names["poland"]: "pressure:3 reassure:2",
                                     names["germany"]: "hold:2 reassure:2 criticize:1"}


def test_a_student_cannot_act_for_the_facilitator_or_outside_its_phase():
    room = vote_room()
    _, ann = room.join("Ann")
    room.close_votes()
    with pytest.raises(RoomError, match="cannot be done now"):
        room.vote(ann, "poland", "pressure", 0)
    with pytest.raises(RoomError):
        room.take_seat(ann, "poland")                 # no seats in vote mode


def test_names_and_messages_are_one_short_drawable_line():
    assert clean("  Ann\n<script>alert(1)</script>\x00  ", 24) == "Ann <script>alert(1)</sc"
    assert clean(["not", "text"], 24) == "" and clean("\u200b", 24) == ""
    room = vote_room()
    with pytest.raises(RoomError):
        room.join("\u200b \t")
    with pytest.raises(RoomError):
        room.join(None, token="forged")


def allies_room(seed=3) -> Room:
    return Room(Session(find_campaign("tutorial"), seed), ALLIES)


def test_a_seat_answers_only_for_its_own_allies_within_the_models_bounds():
    room = allies_room()
    _, ann = room.join("Ann")
    room.take_seat(ann, "poland")
    with pytest.raises(RoomError, match="already chosen"):
        room.take_seat(ann, "germany")
    with pytest.raises(RoomError, match="cannot be done now"):     # Washington's orders are not shown yet
        room.answer(ann, "poland", "raise", "follow", "", 0)
    room.set_order("poland", "pressure")
    room.show_orders()
    with pytest.raises(RoomError, match="Only that ally's own seat"):
        room.answer(ann, "germany", "raise", "follow", "", 0)
    with pytest.raises(RoomError, match="not a stance"):
        room.answer(ann, "poland", "raise", "bomb", "", 0)
    room.answer(ann, "poland", "raise", "follow", "We will <b>pay</b>\nmore." + "x" * 400, 0)
    command = room.session.log[-1]
    assert isinstance(command, AnswerAlly) and command.message.startswith("We will <b>pay</b> more.")
    assert len(command.message) == 280


def test_a_seat_that_does_not_answer_gets_its_cabinets_advice_and_the_advice_is_what_happens():
    room = allies_room(5)
    _, ann = room.join("Ann")
    room.take_seat(ann, "poland")
    room.set_order("poland", "pressure")
    room.show_orders()
    seen = views.student(room, ann)["allies"][0]
    advice = seen["advice"]
    room.end_turn()
    i = room.session.campaign.ally_index("poland")
    assert room.session.state.spending[0, i] == advice["spending"][1]
    plain = Session(find_campaign("tutorial"), 5)
    plain.execute(SetOrder("poland", "pressure"))
    plain.execute(EndTurn())
    np.testing.assert_array_equal(plain.state.spending, room.session.state.spending)
    assert seen["order"] == "pressure" and seen["allowed"]["stance"][:3] == ["own", "follow", "own way"]


def test_the_cabinets_advice_never_touches_the_session():
    session = Session(find_campaign("tutorial"), 4)
    session.execute(SetOrder("poland", "pressure"))
    log, pending, state = list(session.log), session.pending.copy(), session.state
    advice = cabinet.advice(session)
    assert session.log == log and (session.pending == pending).all() and session.state is state
    assert advice["poland"].choices["cut"] <= advice["poland"].choices["hold"] <= advice["poland"].choices["surge"]


def test_small_allies_share_a_seat_within_their_theatre():
    c = find_campaign("global_2024")
    seats = layout(c)
    assert len(seats) <= 10
    assert sorted(a for s in seats for a in s.allies) == sorted(a.id for a in c.allies)
    theatre = {a.id: a.theatre for a in c.allies}
    assert all(len({theatre[a] for a in s.allies}) == 1 for s in seats)
    assert all(len(s.allies) == 1 for s in layout(find_campaign("tutorial")))


def test_the_journal_restores_the_game_the_seats_and_the_votes_cast(home):
    room = vote_room(7)
    tokens = [room.join(f"s{k}")[0] for k in range(4)]
    for k, token in enumerate(tokens):
        room.vote(room.join(None, token)[1], "poland", ["pressure", "hold"][k % 2], 0)
    room.close_votes()
    room.break_tie("poland", "hold")
    room.end_turn()
    room.vote(room.join(None, tokens[0])[1], "spain", "reassure", 1)
    path = journal.new_path("tutorial")
    journal.write(path, journal.document(room))
    again = journal.restore(path)
    assert journal.document(again) == journal.document(room)
    assert again.join(None, tokens[2])[1].name == "s2"            # a student's token still opens its seat
    np.testing.assert_array_equal(again.session.state.trust, room.session.state.trust)
    assert journal.latest("tutorial") == path
    assert not any(t in path.read_text() for t in tokens)         # only the tokens' hashes are kept


def test_the_facilitator_orders_the_allies_left_off_the_vote():
    room = vote_room()
    _, ann = room.join("Ann")
    room.put_to_vote(["poland"])
    with pytest.raises(RoomError, match="not being voted on"):
        room.vote(ann, "spain", "pressure", 0)
    with pytest.raises(RoomError, match="voting on that ally"):
        room.set_order("poland", "reassure")
    room.set_order("spain", "reassure")
    room.vote(ann, "poland", "pressure", 0)
    room.end_turn()
    assert room.session.reports[0].orders[0].tolist() == [
        {"poland": 1, "spain": 2}.get(a.id, 0) for a in room.session.campaign.allies]
