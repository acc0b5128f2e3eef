"""The class room's state beside the game: who joined (a token each, kept only as its hash), the seats, the votes
cast this turn and the phase of the turn, and how a student's or the facilitator's request becomes a command
through `Session.execute`. No rule of the game is here: what an order or an answer may be, the session's commands
decide; the room only checks who may ask what, and when. No web framework either (game.room.server is the shell),
so every rule of the room is tested without a network.

Every public method holds `lock`: the server's thread and the window's both call them."""
from __future__ import annotations

import hashlib
import secrets
import threading
from dataclasses import dataclass, field

from game.analysis import cabinet
from game.analysis.seat_score import seat_scores
from game.room import words
from game.room.seats import Seat, layout
from game.sim import votes
from game.campaign.model import ORDERS
from game.sim.session import MESSAGE_MAX, AnswerAlly, CommandError, EndTurn, Session, SetOrder, Vote
from game.text_rules import drawable, one_line

VOTE, ALLIES = "vote", "allies"
MODES = (VOTE, ALLIES)
NAME_MAX = 24
MAX_STUDENTS = 400
CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"     # no 0/O or 1/I to mistype
CODE_LENGTH = 6


class RoomError(Exception):
    """A request the room refuses: str(error) is the sentence the page shows (game.room.words)."""


def new_code() -> str:
    return "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))


def token_id(token: str) -> str:
    """What the room keeps of a token: its hash, so neither the journal nor a log holds a seat's key."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()[:32]


def clean(text, most: int) -> str:
    """A student's text made one drawable line (runs of spaces, tabs and newlines one space), at most `most`
    characters ("" for anything not text, or nothing visible)."""
    return drawable(one_line(" ".join(text.split())), "")[:most].strip() if isinstance(text, str) else ""


@dataclass
class Student:
    id: str          # token_id of the student's token
    name: str
    seat: str = ""   # allies mode: the seat's id once chosen


@dataclass
class Room:
    session: Session
    mode: str
    code: str = field(default_factory=new_code)
    host_key: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    students: dict[str, Student] = field(default_factory=dict)
    ballot: list[str] = field(default_factory=list)               # allies put to the vote
    ballots: dict[str, dict[str, str]] = field(default_factory=dict)   # ally -> {student id: order}, this turn
    ties: dict[str, list[str]] = field(default_factory=dict)      # ally -> the leaders the facilitator picks among
    phase: str = ""
    shown: bool = False           # allies mode: Washington's orders shown to the seats this turn
    answered: dict[str, dict] = field(default_factory=dict)      # ally -> its seat's answer this turn
    turn: int = -1                # the turn the phase belongs to
    version: int = 0              # bumped by every change a page should see
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def __post_init__(self):
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        self.seats: tuple[Seat, ...] = layout(self.session.campaign) if self.mode == ALLIES else ()
        if not self.ballot and self.mode == VOTE:
            self.ballot = [a.id for a in self.session.campaign.allies]
        self._advice: tuple[tuple, dict] = ((), {})
        self.sync()

    # --- keeping up with the game --------------------------------------------------------------------------
    def sync(self) -> bool:
        """Start the phase of a new turn if the game moved on (here or in the window); True if it did."""
        with self.lock:
            if self.turn == self.session.state.turn and self.phase:
                return False
            self.turn, self.ballots, self.ties, self.shown = self.session.state.turn, {}, {}, False
            self.answered = {}
            self.phase = "over" if self.session.over else "voting" if self.mode == VOTE else "orders"
            self.version += 1
            return True

    def _need(self, *phases: str) -> None:
        self.sync()
        if self.phase not in phases:
            raise RoomError(words.error("over") if self.phase == "over"
                            else words.error("phase", phase=words.PHASES[self.phase]))

    def _turn(self, turn) -> None:
        if turn != self.session.state.turn:
            raise RoomError(words.error("turn"))

    # --- students ------------------------------------------------------------------------------------------
    def join(self, name, token: str | None = None) -> tuple[str, Student]:
        """A student joins (a new token) or comes back (the token it was given): (token, student)."""
        with self.lock:
            if token is not None:
                found = self.students.get(token_id(token)) if isinstance(token, str) else None
                if found is None:
                    raise RoomError(words.error("token"))
                return token, found
            name = clean(name, NAME_MAX)
            if not name:
                raise RoomError(words.error("name", max=NAME_MAX))
            if len(self.students) >= MAX_STUDENTS:
                raise RoomError(words.error("full"))
            token = secrets.token_urlsafe(18)
            student = self.students[token_id(token)] = Student(token_id(token), name)
            self.version += 1
            return token, student

    def take_seat(self, student: Student, seat: str) -> None:
        with self.lock:
            if self.mode != ALLIES or seat not in {s.id for s in self.seats}:
                raise RoomError(words.error("seat"))
            if student.seat:
                raise RoomError(words.error("seated"))
            student.seat = seat
            self.version += 1

    def vote(self, student: Student, ally, order, turn) -> bool:
        """A student's vote on one ally this turn (a new vote replaces the student's last): True if it changed."""
        with self.lock:
            self._need("voting")
            self._turn(turn)
            if ally not in self.ballot:
                raise RoomError(words.error("ballot"))
            if order not in self.orders_for(ally):
                raise RoomError(words.error("order"))
            mine = self.ballots.setdefault(ally, {})
            if mine.get(student.id) == order:
                return False          # the same vote again (a page resending after a reconnection)
            mine[student.id] = order
            self.version += 1
            return True

    def orders_for(self, ally: str) -> tuple[str, ...]:
        """The orders a vote on `ally` may choose: those Washington can give it now."""
        return tuple(o for o in ORDERS if o != "withdraw" or self.session.can_withdraw(ally))

    def answer(self, student: Student, ally, spending, stance, message, turn) -> None:
        """A seat's answer for one of its allies: an AnswerAlly command (its bounds are the model's)."""
        with self.lock:
            self._need("answers")
            self._turn(turn)
            if not student.seat:
                raise RoomError(words.error("no_seat"))
            if ally not in self.seat(student.seat).allies:
                raise RoomError(words.error("not_yours"))
            command = AnswerAlly(ally, str(spending), str(stance), clean(message, MESSAGE_MAX))
            try:
                self.session.execute(command)
            except CommandError as error:
                raise RoomError(str(error)) from None
            self.answered[ally] = {"spending": command.spending, "stance": command.stance,
                                   "message": command.message, "by": student.name}
            self.version += 1

    def seat(self, seat_id: str) -> Seat:
        return next(s for s in self.seats if s.id == seat_id)

    # --- the facilitator -----------------------------------------------------------------------------------
    def tally(self, ally: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for order in self.ballots.get(ally, {}).values():
            counts[order] = counts.get(order, 0) + 1
        return counts

    def put_to_vote(self, allies) -> None:
        with self.lock:
            self._need("voting")
            known = [a.id for a in self.session.campaign.allies]
            if not isinstance(allies, list) or not all(a in known for a in allies):
                raise RoomError(words.error("ballot"))
            self.ballot = [a for a in known if a in allies]
            self.version += 1

    def close_votes(self) -> None:
        """Carry out the leader of each vote (a Vote command); a tie waits for the facilitator (break_tie)."""
        with self.lock:
            self._need("voting")
            for ally in self.ballot:
                counts = self.tally(ally)
                leaders = votes.leaders(counts)
                allowed = [o for o in leaders if o in self.orders_for(ally)]
                if len(leaders) == 1 and allowed:
                    self.session.execute(Vote(ally, leaders[0], votes.tally_text(counts)))
                elif counts:
                    self.ties[ally] = allowed
            self.phase = "ties" if self.ties else "closed"
            self.version += 1

    def break_tie(self, ally, order) -> None:
        with self.lock:
            self._need("ties")
            if order not in self.ties.get(ally, ()):
                raise RoomError(words.error("order"))
            self.session.execute(Vote(ally, order, votes.tally_text(self.tally(ally))))
            del self.ties[ally]
            self.phase = "ties" if self.ties else "closed"
            self.version += 1

    def set_order(self, ally, order) -> None:
        """Washington's own order (the facilitator's page): in the allies mode before it is shown to the seats, in
        the vote mode for an ally the class is not voting on."""
        with self.lock:
            self._need("orders", "closed", "voting", "ties")
            if self.mode == VOTE and ally in self.ballot and self.phase == "voting":
                raise RoomError(words.error("ballot_own"))
            try:
                self.session.execute(SetOrder(str(ally), str(order)))
            except CommandError as error:
                raise RoomError(str(error)) from None
            self.version += 1

    def show_orders(self) -> None:
        with self.lock:
            self._need("orders")
            self.phase, self.shown = "answers", True
            self.version += 1

    def ready_to_end(self) -> None:
        """Close what is open before the turn is played (the window plays it through its own flow)."""
        with self.lock:
            self.sync()
            if self.phase == "voting":
                self.close_votes()
            if self.phase == "ties":
                raise RoomError(words.error("ties", allies=", ".join(self._name(a) for a in self.ties)))
            if self.phase == "orders":
                self.show_orders()
            self._need("closed", "answers")

    def end_turn(self) -> None:
        """Play the turn: seats that did not answer play as the model would (no command needed)."""
        with self.lock:
            self.ready_to_end()
            self.session.execute(EndTurn())
            self.sync()

    def _name(self, ally: str) -> str:
        return self.session.campaign.allies[self.session.campaign.ally_index(ally)].name

    # --- what the pages see --------------------------------------------------------------------------------
    def advice(self) -> dict:
        """Each ally's cabinet advice for this turn, worked out once per set of Washington's orders."""
        s = self.session
        key = (s.state.turn, s.pending.tobytes(), s.pending_us, s.pending_events.tobytes())
        if self._advice[0] != key:
            self._advice = (key, cabinet.advice(s))
        return self._advice[1]

    def header(self) -> dict:
        c, s = self.session.campaign, self.session
        turn = min(s.state.turn, c.turns - 1)
        return {"mode": self.mode, "phase": self.phase, "phase_text": words.PHASES[self.phase],
                "turn": s.state.turn, "turns": c.turns, "period": c.calendar.label(turn),
                "campaign": c.name, "version": self.version}

    def scores(self) -> dict:
        return {"washington": round(float(self.session.outcome().score[0]), 1),
                "seats": [x.to_dict() for x in seat_scores(self.session)]}

