"""Opening a class room: a new room on a campaign and seed, or the interrupted one restored from its journal
(`--resume`), served until Ctrl+C (`fairshare serve`) or on a thread beside the window (facilitator mode).

The server's event loop runs on one thread; the window's calls on the room hold the room's lock, and the server
notices what the window did to the game by looking (Server.poller)."""
from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path

from game.campaign import Campaign
from game.room import journal, words
from game.room.room import Room
from game.room.server import Server
from game.sim.session import Session
from game.userdata import SaveError

DEFAULT_PORT = 8765


def open_room(campaign: Campaign, seed: int, mode: str, session: Session | None = None) -> tuple[Room, Path]:
    """A new room (on `session` if given: the window's game) and its own new journal file."""
    return Room(session or Session(campaign, seed), mode), journal.new_path(campaign.id)


def resume(campaign_id: str) -> tuple[Room, Path]:
    """The newest interrupted room of a campaign, from its journal. Raises SaveError."""
    path = journal.latest(campaign_id)
    if path is None:
        raise SaveError(words.say(words.NO_JOURNAL, campaign=campaign_id, folder=journal.folder()))
    return journal.restore(path), path


def lines(server: Server, path: Path | None) -> list[str]:
    room = server.room
    c = room.session.campaign
    out = [words.say(words.SERVING, campaign=c.id, seed=room.session.seed, mode=room.mode),
           words.say(words.JOIN_LINE, address=server.address, code=room.code),
           words.say(words.HOST_LINE, address=server.address, code=room.code, key=room.host_key),
           words.say(words.LAN_OPEN, port=server.port) if server.lan else words.say(words.LOCAL_ONLY)]
    if path is not None:
        out.append(words.say(words.JOURNAL_LINE, path=path, campaign=c.id))
    return out


async def serve(room: Room, path: Path, host: str, port: int, say: Callable[[str], None],
                stop: asyncio.Event | None = None) -> None:
    """Serve the room until `stop` is set (or the task is cancelled: Ctrl+C)."""
    server = Server(room, path, host, port)
    server.say = say
    await server.start()
    try:
        for line in lines(server, path):
            say(line)
        say(words.say(words.STOP))
        await (stop or asyncio.Event()).wait()
    finally:
        await server.stop()


class RoomThread:
    """A room served on a thread of its own beside the window; `stop()` closes it."""

    def __init__(self, room: Room, path: Path | None, host: str = "127.0.0.1", port: int = DEFAULT_PORT):
        self.server = Server(room, path, host, port)
        self.loop = asyncio.new_event_loop()
        self.error: str | None = None
        self._ready = threading.Event()
        self.thread = threading.Thread(target=self._run, name="class-room", daemon=True)

    def start(self, timeout: float = 10.0) -> None:
        """Start serving; raises OSError (a port in use) if the server could not start."""
        self.thread.start()
        self._ready.wait(timeout)
        if self.error:
            raise OSError(self.error)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self.server.start())
        except (OSError, SaveError) as error:     # a port in use; a journal the write rule refused
            self.error = getattr(error, "strerror", None) or str(error)
            self._ready.set()
            return
        self._ready.set()
        self.loop.run_forever()
        self.loop.run_until_complete(self.server.stop())
        self.loop.close()

    def kick(self) -> None:
        """Pass on a change the window made through the room (a vote closed, a turn played) at once."""
        if self.server.dirty is not None:
            self.loop.call_soon_threadsafe(self.server.dirty.set)

    def stop(self) -> None:
        if self.thread.is_alive():
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(5)
