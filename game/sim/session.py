"""One player's game: every action goes through `Session.execute(command)` and is logged, so a game is saved as
its campaign, seed and command log, and replayed bit for bit rather than pickled (Nystrom's command pattern)."""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import ClassVar

import numpy as np

from game.campaign.model import ORDERS, US_ACTIONS, Campaign
from game.sim import answers, posture, votes
from game.sim.outcome import Outcome, outcome
from game.sim.params import DEFAULT, Params
from game.sim.report import Report
from game.sim.run import new_game, rngs
from game.sim.state import HOLD, NO_ACTION, ORDER_CODE, US_ACTION_CODE, State, make_world
from game.sim.step import step

# 2: U.S.-level actions in the log, and the model of "The dilemma in play" (a format-1 game would not replay the same).
# 3: facilitator events in the log, and withdrawals that spill over onto the exposed (a format-2 game with a
#    withdrawal would not replay the same).
# 4: the model of "The argument you can feel" (hubs that discount threats, criticism's backlash, the nuclear branch,
#    Congress's drawdown felt as a withdrawal, ...) and the answers of allies played by people in the log.
SAVE_VERSION = 4


class CommandError(ValueError):
    """A command that cannot be carried out (unknown ally or order, or the game is over)."""


class Command:
    """A player's action as data (Nystrom's command pattern): its fields are its arguments, `apply` carries it out
    on a session (checking it first, then logging it), and a save stores it as `[tag, *fields]`.

    A new command is one frozen dataclass here, with string fields, a `tag` and an `apply`: defining it registers
    its tag, so saves write and read it and `Session.execute` runs it with nothing else to edit."""
    tag: ClassVar[str]
    registry: ClassVar[dict[str, type[Command]]] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        Command.registry[cls.tag] = cls

    def apply(self, session: Session) -> Report | None:
        raise NotImplementedError

    def to_list(self) -> list:
        return [self.tag, *(getattr(self, f.name) for f in fields(self))]

    @staticmethod
    def from_list(item) -> Command:
        """The command a save's `[tag, *fields]` stands for; CommandError if it is none."""
        kind = Command.registry.get(item[0]) if isinstance(item, list) and item and isinstance(item[0], str) else None
        if kind is None or len(item) != 1 + len(fields(kind)) or not all(isinstance(x, str) for x in item):
            raise CommandError(f"not a command: {item!r}")
        return kind(*item[1:])


@dataclass(frozen=True)
class SetOrder(Command):
    """This turn's order for one ally (game.campaign.model.ORDERS)."""
    tag = "order"
    ally: str
    order: str

    def apply(self, session: Session) -> None:
        i = _order_target(session, self.ally, self.order)
        session.log.append(self)
        session.pending[i] = ORDER_CODE[self.order]
        session.pending_votes.pop(i, None)      # the facilitator's own order, not the class's vote


def _order_target(session: Session, ally: str, order: str) -> int:
    """The index of the ally an order is for, once the order is one it can be given now; else CommandError."""
    if order not in ORDER_CODE:
        raise CommandError(f"unknown order '{order}' (choose from {', '.join(ORDERS)})")
    ids = [a.id for a in session.campaign.allies]
    if ally not in ids:
        raise CommandError(f"unknown ally '{ally}'")
    if order == "withdraw" and not session.can_withdraw(ally):
        raise CommandError(f"no U.S. forces are left in {session.campaign.allies[ids.index(ally)].name} to withdraw")
    return ids.index(ally)


@dataclass(frozen=True)
class Vote(Command):
    """The class voted on this turn's order for one ally (the class room's vote mode): `tally` is the count as data
    (game.sim.votes: "pressure:14 reassure:9 withdraw:2"), `order` the one carried out. It must be among the most
    voted; on a tie the facilitator picks among the leaders. The turn report, the debrief and the class report keep
    the split."""
    tag = "vote"
    ally: str
    order: str
    tally: str

    def apply(self, session: Session) -> None:
        try:
            counts = votes.parse(self.tally)
        except votes.TallyError as error:
            raise CommandError(str(error)) from None
        if self.order in ORDER_CODE and self.order not in votes.leaders(counts):
            raise CommandError(f"'{self.order}' did not lead the vote ({votes.split(counts)}): choose among "
                               f"{', '.join(votes.leaders(counts))}")
        i = _order_target(session, self.ally, self.order)
        session.log.append(self)
        session.pending[i] = ORDER_CODE[self.order]
        session.pending_votes[i] = votes.tally_text(counts)


@dataclass(frozen=True)
class SetUSAction(Command):
    """This turn's U.S.-level action (game.campaign.model.US_ACTIONS), e.g. "congress"."""
    tag = "us"
    action: str

    def apply(self, session: Session) -> None:
        if self.action not in US_ACTION_CODE:
            raise CommandError(f"unknown U.S. action '{self.action}' (choose from {', '.join(US_ACTIONS)})")
        session.log.append(self)
        session.pending_us = US_ACTION_CODE[self.action]


@dataclass(frozen=True)
class InjectEvent(Command):
    """A facilitator fires one of the campaign's events at the start of the next turn, whatever its condition."""
    tag = "event"
    event: str

    def apply(self, session: Session) -> None:
        ids = [e.id for e in session.campaign.events]
        if self.event not in ids:
            raise CommandError(f"unknown event '{self.event}'")
        if session.state.turn + 1 >= session.campaign.turns:
            raise CommandError("this is the last turn: no next turn for the event to open")
        session.log.append(self)
        session.pending_events[ids.index(self.event)] = True


MESSAGE_MAX = 280   # characters of a seat's message to Washington: a tweet's worth, never a page


@dataclass(frozen=True)
class AnswerAlly(Command):
    """A person playing an ally's government answers this turn (game.sim.answers): how far to move spending and its
    stance toward Washington, within what the model allows it now, and a short message to Washington. An ally
    that does not answer plays as the model would."""
    tag = "answer"
    ally: str
    spending: str
    stance: str
    message: str = ""

    def apply(self, session: Session) -> None:
        ids = [a.id for a in session.campaign.allies]
        if self.ally not in ids:
            raise CommandError(f"unknown ally '{self.ally}'")
        i = ids.index(self.ally)
        spendings, stances = answers.allowed(session.state, i)
        if self.spending not in spendings:
            raise CommandError(f"'{self.spending}' is not a spending answer {session.campaign.allies[i].name} can "
                               f"give now (choose from {', '.join(spendings)})")
        if self.stance not in stances:
            raise CommandError(f"'{self.stance}' is not a stance {session.campaign.allies[i].name} can take now "
                               f"(choose from {', '.join(stances)})")
        if len(self.message) > MESSAGE_MAX:
            raise CommandError(f"a message to Washington has at most {MESSAGE_MAX} characters")
        session.log.append(self)
        session.pending_answers[i] = (answers.SPENDING.index(self.spending), answers.STANCES.index(self.stance))
        session.pending_messages[i] = self.message


@dataclass(frozen=True)
class EndTurn(Command):
    """Resolve the turn with the pending orders, action and events (the one `step`), then clear them."""
    tag = "end_turn"

    def apply(self, session: Session) -> Report:
        session.log.append(self)
        state, report = step(session.state, session.pending[None, :].copy(), session._rng,
                             np.array([session.pending_us]), session.pending_events[None, :].copy(),
                             session.pending_answers[None].copy())
        session.history.append(state)
        session.reports.append(report)
        session.messages.append(dict(session.pending_messages))
        session.votes.append(dict(session.pending_votes))
        session.pending = np.full(len(session.campaign.allies), HOLD, dtype=np.int8)
        session.pending_us = NO_ACTION
        session.pending_events[:] = False
        session.pending_answers[:] = answers.OWN
        session.pending_messages.clear()
        session.pending_votes.clear()
        return report


def command_to_list(command: Command) -> list:
    return command.to_list()


def command_from_list(item) -> Command:
    return Command.from_list(item)


class Session:
    """A single game (batch of one) with its history of states and reports."""

    def __init__(self, campaign: Campaign, seed: int = 0, params: Params = DEFAULT):
        self.campaign, self.seed = campaign, int(seed)
        self.world = make_world(campaign, params)
        self._rng, _ = rngs(self.seed)
        state, fired = new_game(self.world, 1)
        self.opening_events: tuple[int, ...] = tuple(np.flatnonzero(fired[0]))
        self.history: list[State] = [state]
        self.reports: list[Report] = []
        self.log: list[Command] = []
        self.pending = np.full(len(campaign.allies), HOLD, dtype=np.int8)
        self.pending_us = NO_ACTION
        self.pending_events = np.zeros(len(campaign.events), dtype=bool)
        self.pending_answers = np.zeros((len(campaign.allies), 2), dtype=np.int8)   # (N, 2): game.sim.answers
        self.pending_messages: dict[int, str] = {}     # ally index -> this turn's message to Washington
        self.messages: list[dict[int, str]] = []       # per turn played: the allies' messages to Washington
        self.pending_votes: dict[int, str] = {}        # ally index -> this turn's tally (Vote), game.sim.votes
        self.votes: list[dict[int, str]] = []          # per turn played: the class's tallies, by ally index

    # --- reading ---------------------------------------------------------------------------------------
    @property
    def state(self) -> State:
        return self.history[-1]

    @property
    def start(self) -> State:
        return self.history[0]

    @property
    def over(self) -> bool:
        return self.state.over

    def order_of(self, ally_id: str) -> str:
        return ORDERS[self.pending[self.campaign.ally_index(ally_id)]]

    @property
    def us_action(self) -> str:
        return US_ACTIONS[self.pending_us]

    def can_withdraw(self, ally_id: str) -> bool:
        """Whether U.S. forces are left in that ally to withdraw."""
        return bool(self.state.presence[0, self.campaign.ally_index(ally_id)] > 0)

    def projected_cost(self, orders: np.ndarray | None = None) -> float:
        """U.S. spending (US$ bn a year) next turn with these orders (default: the pending ones), before crises."""
        orders = self.pending if orders is None else orders
        return float(posture.projected(self.state.presence[0], orders, self.world.upkeep, self.world.params,
                                           self.world.dt, self.state.offset[0]).sum())

    def outcome(self) -> Outcome:
        return outcome(self.state, self.start)

    def injected(self) -> np.ndarray:
        """(turns, E) the events a facilitator forced at each turn so far (InjectEvent commands in the log)."""
        table = np.zeros((self.campaign.turns, len(self.campaign.events)), dtype=bool)
        ids, turn = [e.id for e in self.campaign.events], 0
        for command in self.log:
            if isinstance(command, InjectEvent):
                table[turn, ids.index(command.event)] = True
            turn += isinstance(command, EndTurn)
        return table

    # --- the one way to act --------------------------------------------------------------------------------
    def execute(self, command: Command) -> Report | None:
        """Carry out a command and log it. Returns the turn's report after an EndTurn, else None."""
        if self.over:
            raise CommandError("the game is over")
        if not isinstance(command, Command):
            raise CommandError(f"not a command: {command!r}")
        return command.apply(self)

    # --- saving and replaying ------------------------------------------------------------------------------
    def to_save(self) -> dict:
        return {"version": SAVE_VERSION, "game": "fair-share",
                "campaign": {"id": self.campaign.id, "hash": self.campaign.content_hash,
                             "path": self.campaign.path},
                "seed": self.seed, "turn": self.state.turn,
                "log": [command_to_list(c) for c in self.log]}

    @classmethod
    def replay(cls, campaign: Campaign, seed: int, log: list[Command], params: Params = DEFAULT) -> "Session":
        session = cls(campaign, seed, params)
        for command in log:
            session.execute(command)
        return session
