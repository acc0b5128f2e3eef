"""The class room from the window (facilitator mode, key V): the room plays the window's own game; students'
votes (scripted pages, over the network) close into the window's orders; the window plays the turn through its own
flow; in the allies mode a seat's answer reaches the game and its message the turn report."""
from __future__ import annotations

import asyncio

import pygame
import pytest
from room_client import host, student

from game.sim.session import AnswerAlly, Vote
from game.ui import flow
from game.ui.side.room import RoomScene


def key(app, k):
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=""))


@pytest.fixture
def room_app(app, monkeypatch):
    monkeypatch.setattr(RoomScene, "port", 0)
    app.settings = type(app.settings)(**{**app.settings.__dict__, "facilitator": True})
    flow.start_campaign(app, "tutorial", 3)
    flow.begin_play(app)
    yield app
    thread = getattr(app, "class_room", None)
    if thread:
        thread.stop()


def test_the_class_votes_and_the_window_plays_the_turn(room_app, tmp_path):
    app = room_app
    key(app, pygame.K_v)
    assert app.scene.name == "room"
    key(app, pygame.K_v)                                   # the class votes
    thread = app.class_room
    room = thread.server.room
    assert room.session is app.session and room.mode == "vote" and not thread.server.lan
    app.render(force=True)

    async def vote():
        pages = [await student(thread.server.address, room.code, f"s{k}") for k in range(3)]
        for k, page in enumerate(pages):
            await page.send(t="vote", ally="poland", order="pressure" if k else "reassure", turn=0)
            await page.until(lambda d: d["t"] == "ack")
        projector = await host(thread.server.address, room.code, room.host_key)
        for page in (*pages, projector):
            await page.close()
    asyncio.run(asyncio.wait_for(vote(), 30))
    app.tick(0.1)
    app.render(force=True)
    pygame.image.save(app.screen, "/tmp/live_room_window.png")
    key(app, pygame.K_RETURN)                              # close the votes and play the turn
    assert app.session.state.turn == 1
    assert Vote("poland", "pressure", "pressure:2 reassure:1") in app.session.log
    assert app.scene.name in ("report", "event")
    report = next(s for s in app.stack if s.name == "report")
    assert "Poland 2 pressure, 1 reassure" in report.orders_text()
    room.sync()
    assert room.phase == "voting" and room.turn == 1


def test_the_allies_answer_and_washington_reads_their_messages(room_app):
    app = room_app
    key(app, pygame.K_v)
    key(app, pygame.K_a)
    thread = app.class_room
    room = thread.server.room
    assert room.mode == "allies"

    async def answer():
        page = await student(thread.server.address, room.code, "Ann")
        await page.send(t="seat", seat="spain")
        await page.until(lambda d: d["t"] == "state" and d.get("seat") == "spain")
        key(app, pygame.K_o)                                # the window shows Washington's orders
        await page.until(lambda d: d["t"] == "state" and d["phase"] == "answers", 10)
        assert page.state["allies"][0]["advice"]["factors"]
        await page.send(t="answer", ally="spain", spending="surge", stance="follow", message="We will pay.", turn=0)
        await page.until(lambda d: d["t"] == "state" and d["allies"][0]["answer"])
        await page.close()
    asyncio.run(asyncio.wait_for(answer(), 30))
    key(app, pygame.K_RETURN)
    assert AnswerAlly("spain", "surge", "follow", "We will pay.") in app.session.log
    report = next(s for s in app.stack if s.name == "report")
    assert "Spain to Washington: \u201cWe will pay.\u201d" in report.orders_text()
    key(app, pygame.K_ESCAPE)


def test_at_the_end_the_window_shows_each_seat_s_own_score_beside_washington_s(room_app):
    """The issue's "each seat has its own score at the end, shown beside Washington's": the room's screen in the
    window, once the game is over, draws Washington's score and the score (and its three parts) of each seat a
    person played, the same numbers seat_score and the session give; a seat nobody played is not listed."""
    from reading import record

    from game.analysis.seat_score import seat_scores
    from game.i18n import num

    app = room_app
    key(app, pygame.K_v)
    key(app, pygame.K_a)
    thread = app.class_room
    room = thread.server.room

    async def answer():
        page = await student(thread.server.address, room.code, "Ann")
        await page.send(t="seat", seat="spain")
        await page.until(lambda d: d["t"] == "state" and d.get("seat") == "spain")
        key(app, pygame.K_o)
        await page.until(lambda d: d["t"] == "state" and d["phase"] == "answers", 10)
        await page.send(t="answer", ally="spain", spending="cut", stance="own way", message="", turn=0)
        await page.until(lambda d: d["t"] == "state" and d["allies"][0]["answer"])
        await page.close()
    asyncio.run(asyncio.wait_for(answer(), 30))
    while not app.session.over:                             # the rest of the game, played from the room's screen
        while app.scene.name != "play":
            app.pop()
        key(app, pygame.K_v)
        key(app, pygame.K_RETURN)
    app.reset_to_title()
    app.show("room")
    room.sync()
    assert room.phase == "over"
    shown = [d.shown for d in record(app)]
    washington = float(app.session.outcome().score[0])
    spain = next(x for x in seat_scores(app.session) if x.ally == "spain")
    assert num(washington, 1) in shown and num(spain.score, 1) in shown and "Spain  Ann" in shown   # its team too
    parts = next(t for t in shown if t.startswith("security"))
    assert parts == (f"security {num(spain.security, 0)}, budget {num(spain.budget, 0)}, "
                     f"autonomy {num(spain.autonomy, 0)}")
    assert not any(t.startswith("Poland") for t in shown)  # nobody played it: not a seat's score
    assert [b.id for b in app.scene.buttons] == ["back", "stop"]     # nothing left to close or play
