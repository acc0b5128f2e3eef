"""Facilitator mode: the class room from the window (key V on the map). First the choice of mode and network, then
the projector's view of the room: the join code, a QR code and the address, who joined, the live tally of each
vote (ties broken with the number keys) or the seats and their messages to Washington, and the buttons that close
the votes, show Washington's orders to the seats and play the turn (through the window's own flow: the report,
the autosave); at the end, each seat's own score beside Washington's. The room runs on a thread beside the window
(game.room.launch.RoomThread) and plays the window's own game; every call on it holds the room's lock."""
from __future__ import annotations

import pygame
import segno

from game.analysis.seat_score import PARTS
from game.i18n import num
from game.room import journal
from game.room.launch import DEFAULT_PORT, RoomThread
from game.room.room import ALLIES, VOTE, Room, RoomError
from game.room.words import PAGE, PHASES
from game.room.words import WINDOW as W
from game.sim.answers import ANSWER_NAMES
from game.sim import votes
from game.text_rules import drawable
from game.ui import bindings, flow
from game.ui.scene import ENTER_KEYS, Scene
from game.ui.theme import ORDER_COLORS
from game.ui.widgets import Button

TIE_KEYS = [pygame.K_1 + i for i in range(5)]


def running(app) -> RoomThread | None:
    return getattr(app, "class_room", None)


class RoomScene(Scene):
    name = "room"
    port = DEFAULT_PORT

    def __init__(self, app):
        super().__init__(app)
        self.lan = False
        self.seen = -1
        self._qr: tuple[int, pygame.Surface] | None = None

    @property
    def thread(self) -> RoomThread | None:
        return running(self.app)

    @property
    def room(self) -> Room | None:
        return self.thread.server.room if self.thread else None

    # --- opening and closing -------------------------------------------------------------------------------
    def open(self, mode: str) -> None:
        session = self.app.session
        if session is None:
            self.app.toast(W["no_game"])
            return
        room = Room(session, mode)
        thread = RoomThread(room, journal.new_path(session.campaign.id), "0.0.0.0" if self.lan else "127.0.0.1",
                            self.port)
        try:
            thread.start()
        except OSError as error:
            self.app.toast(W["not_open"].format(error=error))
            return
        self.app.class_room = thread
        self.app.toast(W["opened"].format(code=room.code))
        self.layout(self.app.screen.get_size())

    def stop(self) -> None:
        if self.thread:
            self.thread.stop()
            self.app.class_room = None
            self.app.toast(W["stopped"])
        self.app.pop(self)

    # --- layout --------------------------------------------------------------------------------------------
    def layout(self, size) -> None:
        th, ink = self.theme, self.ink
        w, h = size
        m = th.px(40)
        bh = ink.lh("body", True) + th.tx(22)
        self.area = pygame.Rect(m, m, w - 2 * m, h - 2 * m - bh - th.px(20))
        if self.room is None:
            specs = [("vote", W["vote"], "V"), ("allies", W["allies"], "A"),
                     ("lan", W["net_lan" if self.lan else "net_local"], "N"), ("back", W["close"], "Esc")]
        elif self.room.phase == "over":      # nothing left to close or play: back to the map, or close the room
            specs = [("back", W["back"], "Esc"), ("stop", W["stop"], "X")]
        else:
            first = ("close_votes", W["close_votes"], "V") if self.room.mode == VOTE else \
                ("show_orders", W["show_orders"], "O")
            specs = [first, ("end_turn", W["end_turn"], "Enter"), ("back", W["back"], "Esc"),
                     ("stop", W["stop"], "X")]
        self.buttons, x = [], m
        for i, (bid, label, key) in enumerate(specs):
            bw = ink.width(label, "body", True) + ink.width(key, "small", True) + th.tx(70)
            self.buttons.append(Button(bid, label, pygame.Rect(x, h - m - bh, bw, bh), key=key,
                                       style="primary" if i == 0 else "normal"))
            x += bw + th.tx(14)

    # --- input ---------------------------------------------------------------------------------------------
    def on_button(self, bid: str) -> None:
        room = self.room
        if bid in (VOTE, ALLIES):
            self.open(bid)
        elif bid == "lan":
            self.lan = not self.lan
            self.layout(self.app.screen.get_size())
        elif bid == "back":
            self.app.pop(self)
        elif bid == "stop":
            self.stop()
        elif room is not None:
            try:
                if bid == "close_votes":
                    room.close_votes()
                elif bid == "show_orders":
                    room.show_orders()
                elif bid == "end_turn":
                    with room.lock:
                        room.ready_to_end()
                        self.app.pop(self)
                        flow.end_turn(self.app)     # the window's own turn: its report, its autosave
                        room.sync()
            except RoomError as error:
                self.app.toast(str(error))
            self.thread.kick()

    def on_key(self, event) -> bool:
        keys = {pygame.K_v: "close_votes" if self.room else "vote", pygame.K_a: "allies", pygame.K_n: "lan",
                pygame.K_o: "show_orders", pygame.K_x: "stop"}
        if event.key in ENTER_KEYS and self.room:
            self.on_button("end_turn")
        elif event.key in TIE_KEYS and self.room and self.room.ties:
            ally, leaders = next(iter(self.room.ties.items()))
            k = TIE_KEYS.index(event.key)
            if k < len(leaders):
                try:
                    self.room.break_tie(ally, leaders[k])
                except RoomError as error:
                    self.app.toast(str(error))
                self.thread.kick()
        elif event.key in keys and any(b.id == keys[event.key] for b in self.buttons):
            self.on_button(keys[event.key])
        else:
            return False
        return True

    def update(self, dt: float) -> bool:
        room = self.room
        if room is not None and room.version != self.seen:   # a vote, a student joining: redraw
            self.seen = room.version
            self.layout(self.app.screen.get_size())          # the buttons follow the phase (none to play at the end)
            self.app.dirty = True
        return False

    # --- drawing -------------------------------------------------------------------------------------------
    def qr(self, size: int) -> pygame.Surface:
        if self._qr is None or self._qr[0] != size:
            matrix = segno.make(self.thread.server.join_url, error="m").matrix
            n = len(matrix) + 4
            cell = max(1, size // n)
            surf = pygame.Surface((cell * n, cell * n))
            surf.fill((255, 255, 255))
            for y, row in enumerate(matrix):
                for x, dark in enumerate(row):
                    if dark:
                        surf.fill((10, 18, 34), ((x + 2) * cell, (y + 2) * cell, cell, cell))
            self._qr = (size, surf)
        return self._qr[1]

    def draw(self, surface) -> None:
        ink, th, pal = self.ink, self.theme, self.pal
        surface.fill(pal["bg"])
        r = self.area
        ink.text(surface, W["kicker"].upper(), r.topleft, "small", pal["accent"], True)
        y = r.y + ink.lh("small", True)
        if self.room is None:
            ink.text(surface, W["title"], (r.x, y), "h1", pal["text"], True)
            ink.para(surface, W["intro"], pygame.Rect(r.x, y + ink.lh("h1", True) + th.tx(12), r.w, r.h), "body",
                     pal["dim"])
            self.draw_buttons(surface)
            return
        with self.room.lock:
            self._draw_room(surface, r, y)
        self.draw_buttons(surface)

    def _draw_room(self, surface, r: pygame.Rect, y: int) -> None:
        ink, th, pal, room, server = self.ink, self.theme, self.pal, self.room, self.thread.server
        left = pygame.Rect(r.x, y, int(r.w * 0.38), r.bottom - y)
        # the code is random: a wide one ("MWWM5W") in a narrow column is drawn a size smaller, never cut nor
        # run into the right column
        role = "hero" if ink.width(room.code, "hero", True) <= left.w else "h1"
        ink.text(surface, room.code, (left.x, left.y), role, pal["select"], True)
        y = left.y + ink.lh(role, True)
        size = min(left.w, int(left.h * 0.45))
        qr = self.qr(size)
        surface.blit(qr, (left.x, y))
        y += qr.get_height() + th.tx(10)
        ink.text(surface, server.address, (left.x, y), "h2", pal["text"], True, max_w=left.w)
        y += ink.lh("h2", True)
        y = ink.para(surface, PAGE["lan" if server.lan else "local"], pygame.Rect(left.x, y, left.w, 200), "body",
                     pal["bad"] if server.lan else pal["dim"], server.lan) + th.tx(10)
        ink.text(surface, W["joined"].format(n=len(room.students)), (left.x, y), "h3", pal["text"], True)
        y += ink.lh("h3", True)
        ink.para(surface, self._names(left.w, left.bottom - y), pygame.Rect(left.x, y, left.w, left.bottom - y),
                 "small", pal["dim"])
        right = pygame.Rect(left.right + th.px(40), left.y, r.right - left.right - th.px(40), left.h)
        ink.text(surface, PHASES[room.phase], right.topleft, "h3", pal["accent"], True, max_w=right.w)
        y = right.y + ink.lh("h3", True) + th.tx(8)
        if room.phase == "over":        # the end: each seat's own score beside Washington's, as the pages show it
            self._scores(surface, right, y)
        elif room.mode == VOTE:
            self._tallies(surface, right, y)
        else:
            self._seats(surface, right, y)

    def _names(self, width: int, height: int) -> str:
        """The latest names that fit the space, after how many earlier ones are left out."""
        names = [drawable(s.name) for s in self.room.students.values()]
        shown = min(len(names), 60)     # the projector shows the latest; the count says how many in all
        while shown:
            more = W["more"].format(n=len(names) - shown) + " " if shown < len(names) else ""
            text = more + " \u00b7 ".join(names[len(names) - shown:])
            if self.ink.para_height(text, width, "small") <= height:
                return text
            shown -= 1
        return ""

    def _tallies(self, surface, right: pygame.Rect, y: int) -> None:
        ink, th, pal, room = self.ink, self.theme, self.pal, self.room
        c = room.session.campaign
        for ally in room.ballot:
            if y + ink.lh("body", True) * 2 > right.bottom:
                break
            counts = room.tally(ally)
            name = c.allies[c.ally_index(ally)].name
            ink.text(surface, f"{name}: {votes.split(counts)}", (right.x, y), "body", pal["text"], True,
                     max_w=right.w)
            y += ink.lh("body", True)
            total, x = max(1, sum(counts.values())), right.x
            for order in votes.leaders({}):
                w = int(right.w * counts.get(order, 0) / total)
                if w:
                    pygame.draw.rect(surface, ORDER_COLORS[order], (x, y, w - 2, th.px(12)))
                    x += w
            y += th.px(16)
            if ally in room.ties:
                keys = " ".join(bindings.label(k) for k in TIE_KEYS[:len(room.ties[ally])])
                ink.text(surface, W["tie"].format(keys=keys, orders=", ".join(room.ties[ally])), (right.x, y),
                         "small", pal["select"], True, max_w=right.w)
                y += ink.lh("small", True)
            y += th.tx(6)

    def _seats(self, surface, right: pygame.Rect, y: int) -> None:
        ink, th, pal, room = self.ink, self.theme, self.pal, self.room
        for seat in room.seats:
            if y + ink.lh("body", True) > right.bottom:
                break
            ink.text(surface, f"{seat.name}  {self._members(seat.id)}", (right.x, y), "body", pal["text"], True,
                     max_w=right.w)
            y += ink.lh("body", True)
            for ally in seat.allies:
                said = room.answered.get(ally)
                line = W["answered"].format(spending=ANSWER_NAMES[said["spending"]],
                                            stance=ANSWER_NAMES[said["stance"]]) if said else W["waiting"]
                if said and said["message"]:
                    line += f"  \u201c{drawable(said['message'])}\u201d"
                y = ink.para(surface, line, pygame.Rect(right.x + th.tx(16), y, right.w - th.tx(16), 400), "small",
                             pal["good"] if said else pal["dim"]) + th.tx(6)

    def _members(self, ally: str) -> str:
        """The names of the students in the seat that answers for `ally`, as the projector shows them."""
        seat = next((x.id for x in self.room.seats if ally in x.allies), ally)
        return ", ".join(drawable(s.name) for s in self.room.students.values() if s.seat == seat)

    def _scores(self, surface, right: pygame.Rect, y: int) -> None:
        """Washington's score, then each seat a person played: its own score and the three parts behind it."""
        ink, th, pal = self.ink, self.theme, self.pal
        scores = self.room.scores()
        ink.text(surface, PAGE["scores"], (right.x, y), "h2", pal["text"], True, max_w=right.w)
        y += ink.lh("h2", True) + th.tx(6)
        rows = [(PAGE["washington"], scores["washington"], None)]
        rows += [(f"{x['name']}  {self._members(x['ally'])}".rstrip(), x["score"],
                  PAGE["score_parts"].format(**{p: num(x[p], 0) for p in PARTS}))
                 for x in scores["seats"] if x["played"]]
        score_w = max(ink.width(num(v, 1), "h3", True) for _, v, _ in rows) + th.tx(16)
        for name, value, parts in rows:
            if y + ink.lh("h3", True) > right.bottom:
                break
            ink.text(surface, num(value, 1), (right.x + score_w - th.tx(16), y), "h3", pal["select"], True,
                     anchor="topright")
            ink.text(surface, name, (right.x + score_w, y), "h3", pal["text"], True, max_w=right.w - score_w)
            y += ink.lh("h3", True)
            if parts:
                y = ink.para(surface, parts, pygame.Rect(right.x + score_w, y, right.w - score_w, right.bottom - y),
                             "small", pal["dim"]) + th.tx(6)
