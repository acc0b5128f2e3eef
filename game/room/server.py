"""The class room's web shell (aiohttp): the pages, their static files and the WebSocket every page talks through.
A request becomes a call on the Room (game.room.room), which turns it into a command through `Session.execute`;
state goes out as each page's view (game.room.views). No rule of the game is here.

Trust and safety: nothing is done without the room's code (and the facilitator's key for the host's requests);
each student holds a token of its own, kept by the room only as its hash; every message is JSON of at most
MESSAGE_MAX bytes with checked fields; each connection has its own rate limit (a flood is dropped there, in its own
task, without slowing the others) and HELLO_SECONDS to say a hello that works, or it is closed; only the files
listed in STATIC are served, by name, never a path; the pages put every text a student typed in as text (and a
Content-Security-Policy forbids any script but the room's own).

Faults: the journal (game.room.journal) is written after every change, several changes at a time, and a vote is
acknowledged to its page only once the journal that holds it is on disk, so a vote a page saw acknowledged survives
a kill -9. Pages reconnect by themselves and rejoin with their token."""
from __future__ import annotations

import asyncio
import html
import io
import json
import re
import secrets
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import segno
from aiohttp import WSCloseCode, WSMsgType, web

from game.paths import asset_path
from game.room import journal, views, words
from game.room.room import ALLIES, Room, RoomError, Student
from game.room.svgmap import theatre_svg
from game.userdata import SaveError

MESSAGE_MAX = 2048           # bytes of one message from a page: a vote is ~80, an answer with its message ~600
RATE, BURST = 10.0, 40       # requests per second a page may send, and how many at once
MAX_CLIENTS = 600
# Seconds a connection may stay open without a hello that worked: one that never says who it is (a script holding
# sockets open, a scanner) is closed, so idle connections cannot fill the MAX_CLIENTS places a class needs. A phone
# that joins sends its hello at once; one that reconnects after sleeping does too.
HELLO_SECONDS = 20.0
POLL = 0.2                   # seconds between looks at a game the window may have moved
HERE = Path(__file__).parent / "static"
STATIC = {"room.css": "text/css", "student.js": "text/javascript", "host.js": "text/javascript",
          "common.js": "text/javascript"}
PAGES = {"/": "student.html", "/host": "host.html"}
HEADERS = {"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                      "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
                                      "frame-ancestors 'none'",
           "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def lan_address() -> str:
    """This machine's address on the room's network, as students type it (the loopback address if none)."""
    try:
        found = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    except OSError:
        found = set()
    return next((a for a in sorted(found) if not a.startswith("127.")), "127.0.0.1")


def address_of(host: str, port: int) -> str:
    shown = lan_address() if host in ("0.0.0.0", "", "::") else host
    return f"http://{'[' + shown + ']' if ':' in shown else shown}:{port}"


def qr_svg(text: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="svg", scale=8, border=2, dark="#0a1222", light="#ffffff")
    return buffer.getvalue()


@dataclass(eq=False)
class Client:
    ws: web.WebSocketResponse
    role: str = ""                 # "student" or "host" once it said hello
    student: Student | None = None
    tokens: float = BURST
    last: float = field(default_factory=time.monotonic)
    warned: float = 0.0

    def allow(self) -> bool:
        """Token bucket: RATE a second, BURST at once."""
        now = time.monotonic()
        self.tokens = min(BURST, self.tokens + (now - self.last) * RATE)
        self.last = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True

    async def send(self, message: dict) -> None:
        if not self.ws.closed:
            try:
                await self.ws.send_str(json.dumps(message))
            except (ConnectionError, RuntimeError):
                pass


class Server:
    def __init__(self, room: Room, journal_path: Path | None, host: str = "127.0.0.1", port: int = 8765):
        self.room, self.path, self.host, self.port = room, journal_path, host, port
        self.lan = host not in LOOPBACK
        self.address = address_of(host, port)
        self.clients: set[Client] = set()
        self.acks: list[tuple[Client, dict]] = []
        self.seen = (-1, -1)
        self.sent_key = None
        self.saved: Path | None = None       # the finished game's save, once written
        self.unjournaled = False             # the last journal could not be written (said once, until one is)
        self.say: Callable[[str], None] | None = None     # where to tell the facilitator (the terminal)
        self.files = {name: (HERE / name).read_bytes() for name in STATIC}
        self.files.update({name: fill(HERE / name) for name in PAGES.values()})
        self.files["font.ttf"] = asset_path("fonts", "DejaVuSans.ttf").read_bytes()
        self.qr = qr_svg(self.join_url)
        self.dirty: asyncio.Event | None = None
        self.runner: web.AppRunner | None = None
        self.tasks: list[asyncio.Task] = []
        self.hello_seconds = HELLO_SECONDS

    @property
    def join_url(self) -> str:
        return f"{self.address}/#code={self.room.code}"

    # --- the app -------------------------------------------------------------------------------------------
    def app(self) -> web.Application:
        app = web.Application(client_max_size=MESSAGE_MAX)
        app.router.add_get("/", self.page)
        app.router.add_get("/host", self.page)
        app.router.add_get("/static/{name}", self.static)
        app.router.add_get("/map/{era}/{theatre}.svg", self.map)
        app.router.add_get("/qr.svg", self.qr_code)
        app.router.add_get("/ws", self.websocket)
        return app

    def respond(self, body: bytes, kind: str) -> web.Response:
        return web.Response(body=body, content_type=kind, headers=HEADERS)

    async def page(self, request: web.Request) -> web.Response:
        return self.respond(self.files[PAGES[request.path]], "text/html")

    async def static(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name == "font.ttf":
            return self.respond(self.files[name], "font/ttf")
        if name not in STATIC:
            raise web.HTTPNotFound()
        return self.respond(self.files[name], STATIC[name])

    async def qr_code(self, request: web.Request) -> web.Response:
        return self.respond(self.qr, "image/svg+xml")

    async def map(self, request: web.Request) -> web.Response:
        era, theatre = request.match_info["era"], request.match_info["theatre"]
        known = {(a.theatre, self.room.session.campaign.map) for a in self.room.session.campaign.allies}
        if (theatre, era) not in known:
            raise web.HTTPNotFound()
        return self.respond(theatre_svg(theatre, era).encode("utf-8"), "image/svg+xml")

    async def start(self) -> None:
        if self.path is not None:      # a room that says it is open has its journal on disk already
            journal.write(self.path, journal.document(self.room))
        self.dirty = asyncio.Event()
        self.runner = web.AppRunner(self.app(), access_log=None)
        await self.runner.setup()
        await web.TCPSite(self.runner, self.host, self.port, reuse_address=True).start()
        if self.port == 0:       # a port the system chose (the tests): the address and its QR code name it
            self.port = self.runner.addresses[0][1]
            self.address = address_of(self.host, self.port)
            self.qr = qr_svg(self.join_url)
        self.tasks = [asyncio.create_task(self.committer()), asyncio.create_task(self.poller())]

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
        for client in list(self.clients):
            await client.ws.close()
        if self.runner:
            await self.runner.cleanup()

    # --- a page's connection -------------------------------------------------------------------------------
    async def websocket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=4 * MESSAGE_MAX, heartbeat=25)
        if len(self.clients) >= MAX_CLIENTS:
            raise web.HTTPServiceUnavailable(text=words.error("full"))
        await ws.prepare(request)
        client = Client(ws)
        self.clients.add(client)
        deadline = time.monotonic() + self.hello_seconds
        try:
            while True:
                try:      # until a hello works, only as long as the deadline leaves (junk does not extend it)
                    message = await ws.receive(None if client.role else max(0.0, deadline - time.monotonic()))
                except asyncio.TimeoutError:
                    await ws.close(code=WSCloseCode.POLICY_VIOLATION, message=b"no hello")
                    break
                if message.type != WSMsgType.TEXT:
                    break
                if not client.allow():
                    if time.monotonic() - client.warned > 1:
                        client.warned = time.monotonic()
                        await client.send({"t": "error", "text": words.error("rate")})
                    continue
                await self.receive(client, message.data)
        finally:
            self.clients.discard(client)
        return ws

    async def receive(self, client: Client, raw: str) -> None:
        if len(raw.encode("utf-8", "replace")) > MESSAGE_MAX:
            await client.send({"t": "error", "text": words.error("size")})
            return
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):      # not JSON, or nested deeper than a parser should follow
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("t"), str):
            await client.send({"t": "error", "text": words.error("json")})
            return
        before = self.room.version
        try:
            await self.handle(client, data)
        except RoomError as error:
            await client.send({"t": "error", "text": str(error), "about": data["t"]})
            if data["t"] in ("vote", "answer") and client.student:      # bring the page up to date
                await client.send(views.student(self.room, client.student))
        if self.room.version != before:
            self.dirty.set()

    async def handle(self, client: Client, data: dict) -> None:
        kind, room = data["t"], self.room
        if kind == "hello":
            await self.hello(client, data)
            return
        if client.role == "student":
            me = client.student
            if kind == "seat":
                room.take_seat(me, data.get("seat"))
                await client.send(views.student(room, me))
            elif kind == "vote":
                room.vote(me, data.get("ally"), data.get("order"), data.get("turn"))
                self.acks.append((client, {"t": "ack", "of": "vote", "ally": data["ally"], "order": data["order"],
                                           "turn": data["turn"],
                                           "id": data["id"] if isinstance(data.get("id"), int) else None}))
                self.dirty.set()
            elif kind == "answer":
                room.answer(me, data.get("ally"), data.get("spending"), data.get("stance"), data.get("message", ""),
                            data.get("turn"))
                self.acks.append((client, views.student(room, me)))
                self.dirty.set()
            else:
                raise RoomError(words.error("kind"))
        elif client.role == "host":
            actions = {"ballot": lambda: room.put_to_vote(data.get("allies")), "close_votes": room.close_votes,
                       "break_tie": lambda: room.break_tie(data.get("ally"), data.get("order")),
                       "order": lambda: room.set_order(data.get("ally"), data.get("order")),
                       "show_orders": room.show_orders, "end_turn": room.end_turn}
            if kind not in actions:
                raise RoomError(words.error("kind"))
            actions[kind]()
        else:
            raise RoomError(words.error("token"))

    async def hello(self, client: Client, data: dict) -> None:
        code = data.get("code")
        if not isinstance(code, str) or not secrets.compare_digest(code.strip().upper().encode(),
                                                                   self.room.code.encode()):
            raise RoomError(words.error("code"))
        if data.get("role") == "host":
            key = data.get("key")
            if not isinstance(key, str) or not secrets.compare_digest(key.encode(), self.room.host_key.encode()):
                raise RoomError(words.error("host"))
            client.role = "host"
            await client.send({"t": "welcome", "role": "host", "words": page_words()})
            await client.send(self.host_view())
            return
        token, client.student = self.room.join(data.get("name"), data.get("token"))
        client.role = "student"
        await client.send({"t": "welcome", "role": "student", "token": token, "name": client.student.name,
                           "words": page_words()})
        await client.send(views.student(self.room, client.student))

    def host_view(self) -> dict:
        return views.host(self.room, self.address, self.lan)

    # --- the journal, then the pages -----------------------------------------------------------------------
    async def committer(self) -> None:
        """Write the journal when something changed (all the changes since the last write at once), then
        acknowledge the votes and answers it holds, then bring the pages up to date."""
        loop = asyncio.get_running_loop()
        while True:
            await self.dirty.wait()
            self.dirty.clear()
            doc, acks, self.acks = journal.document(self.room), self.acks, []
            if self.path is not None:
                if not await self.journalled(loop, doc):
                    self.acks, acks = acks + self.acks, []      # acknowledged once a journal holds them
                elif self.room.phase == "over" and self.saved is None:      # the finished game, as a save
                    self.saved = await loop.run_in_executor(None, journal.save_game, self.room)
                    if self.saved and self.say:
                        self.say(words.say(words.SAVED, path=self.saved))
            await asyncio.gather(*(client.send(message) for client, message in acks))
            await self.broadcast()

    async def journalled(self, loop, doc: dict) -> bool:
        """Write the journal; a journal that cannot be written (a full disk, a file of the user's put in its place:
        the write rule, game.userdata) is said to the facilitator once, and the room plays on."""
        try:
            await loop.run_in_executor(None, journal.write, self.path, doc)
        except SaveError as error:
            if not self.unjournaled and self.say:
                self.say(words.say(words.JOURNAL_FAILED, error=error))
            self.unjournaled = True
            return False
        self.unjournaled = False
        return True

    async def broadcast(self) -> None:
        room = self.room
        key = (room.turn, room.phase, room.shown, tuple(room.ballot),
               room.version if room.mode == ALLIES else 0)
        hosts = [c for c in self.clients if c.role == "host"]
        if hosts:
            view = self.host_view()
            await asyncio.gather(*(c.send(view) for c in hosts))
        if key != self.sent_key:
            self.sent_key = key
            students = [c for c in self.clients if c.role == "student"]
            await asyncio.gather(*(c.send(views.student(room, c.student)) for c in students))

    async def poller(self) -> None:
        """Notice what the window did to the game (an order, a turn played) and pass it on."""
        while True:
            await asyncio.sleep(POLL)
            seen = (len(self.room.session.log), self.room.session.state.turn)
            if self.room.sync() or seen != self.seen:
                self.seen = seen
                self.dirty.set()


def fill(page: Path) -> bytes:
    """A page with its {{word}} placeholders filled in from game.room.words (escaped as HTML text)."""
    return re.sub(r"\{\{(\w+)\}\}", lambda m: html.escape(words.PAGE[m.group(1)]),
                  page.read_text(encoding="utf-8")).encode("utf-8")


def page_words() -> dict:
    return {"page": dict(words.PAGE), "spending": dict(words.SPENDING_HELP), "stance": dict(words.STANCE_HELP)}
