"""One player's game: every action goes through `Session.execute(command)` and is logged, so a game is saved as
its campaign, seed and command log, and replayed bit for bit rather than pickled (Nystrom's command pattern)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.campaign.model import ORDERS, US_ACTIONS, Campaign
from game.sim import posture
from game.sim.outcome import Outcome, outcome
from game.sim.params import DEFAULT, Params
from game.sim.report import Report
from game.sim.run import new_game, rngs
from game.sim.state import HOLD, NO_ACTION, ORDER_CODE, US_ACTION_CODE, State, make_world
from game.sim.step import step

# 2: U.S.-level actions in the log, and the model of "The dilemma in play" (a format-1 game would not replay the same).
# 3: facilitator events in the log, and withdrawals that spill over onto the exposed (a format-2 game with a
#    withdrawal would not replay the same).
SAVE_VERSION = 3


class CommandError(ValueError):
    """A command that cannot be carried out (unknown ally or order, or the game is over)."""


@dataclass(frozen=True)
class SetOrder:
    ally: str
    order: str


@dataclass(frozen=True)
class SetUSAction:
    """This turn's U.S.-level action (game.campaign.model.US_ACTIONS), e.g. "congress"."""
    action: str


@dataclass(frozen=True)
class InjectEvent:
    """A facilitator fires one of the campaign's events at the start of the next turn, whatever its condition."""
    event: str


@dataclass(frozen=True)
class EndTurn:
    pass


Command = SetOrder | SetUSAction | InjectEvent | EndTurn


def command_to_list(command: Command) -> list:
    if isinstance(command, SetOrder):
        return ["order", command.ally, command.order]
    if isinstance(command, SetUSAction):
        return ["us", command.action]
    if isinstance(command, InjectEvent):
        return ["event", command.event]
    return ["end_turn"]


def command_from_list(item) -> Command:
    if isinstance(item, list) and item == ["end_turn"]:
        return EndTurn()
    if isinstance(item, list) and len(item) == 3 and item[0] == "order" and all(isinstance(x, str) for x in item):
        return SetOrder(item[1], item[2])
    if isinstance(item, list) and len(item) == 2 and item[0] == "us" and isinstance(item[1], str):
        return SetUSAction(item[1])
    if isinstance(item, list) and len(item) == 2 and item[0] == "event" and isinstance(item[1], str):
        return InjectEvent(item[1])
    raise CommandError(f"not a command: {item!r}")


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
                                           self.world.dt).sum())

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
        if isinstance(command, SetOrder):
            if command.order not in ORDER_CODE:
                raise CommandError(f"unknown order '{command.order}' (choose from {', '.join(ORDERS)})")
            ids = [a.id for a in self.campaign.allies]
            if command.ally not in ids:
                raise CommandError(f"unknown ally '{command.ally}'")
            if command.order == "withdraw" and not self.can_withdraw(command.ally):
                name = self.campaign.allies[ids.index(command.ally)].name
                raise CommandError(f"no U.S. forces are left in {name} to withdraw")
            self.log.append(command)
            self.pending[ids.index(command.ally)] = ORDER_CODE[command.order]
            return None
        if isinstance(command, SetUSAction):
            if command.action not in US_ACTION_CODE:
                raise CommandError(f"unknown U.S. action '{command.action}' (choose from {', '.join(US_ACTIONS)})")
            self.log.append(command)
            self.pending_us = US_ACTION_CODE[command.action]
            return None
        if isinstance(command, InjectEvent):
            ids = [e.id for e in self.campaign.events]
            if command.event not in ids:
                raise CommandError(f"unknown event '{command.event}'")
            if self.state.turn + 1 >= self.campaign.turns:
                raise CommandError("this is the last turn: no next turn for the event to open")
            self.log.append(command)
            self.pending_events[ids.index(command.event)] = True
            return None
        if not isinstance(command, EndTurn):
            raise CommandError(f"not a command: {command!r}")
        self.log.append(command)
        state, report = step(self.state, self.pending[None, :].copy(), self._rng, np.array([self.pending_us]),
                             self.pending_events[None, :].copy())
        self.history.append(state)
        self.reports.append(report)
        self.pending = np.full(len(self.campaign.allies), HOLD, dtype=np.int8)
        self.pending_us = NO_ACTION
        self.pending_events[:] = False
        return report

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
