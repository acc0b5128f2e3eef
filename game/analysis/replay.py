"""A game as a path through the turns: every state and turn report of one seed, for the player's session or for a
policy replayed on the same seed. The debrief, its charts, the exports and the class report all read paths, so a
baseline and the player's game are drawn from the same kind of data.

The loop is `game.sim.run.simulate`'s, run for run, except that it keeps every state (simulate keeps the last).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from game.analysis.plans import Plan
from game.campaign.model import ORDERS, US_ACTIONS, Campaign
from game.sim.outcome import Outcome, outcome
from game.sim.policies import Policy
from game.sim.report import Report
from game.sim.run import new_game, rngs
from game.sim.session import EndTurn, Session, SetOrder, SetUSAction
from game.sim.state import HOLD, NO_ACTION, WITHDRAW, State, World
from game.sim.step import step


@dataclass(frozen=True, eq=False)
class GamePath:
    name: str                     # "you", "hold", "adaptive", "best plan", or a team's name
    states: tuple[State, ...]     # the opening position, then the state after each turn (batch of one)
    reports: tuple[Report, ...]   # one per turn played

    @property
    def start(self) -> State:
        return self.states[0]

    @property
    def final(self) -> State:
        return self.states[-1]

    @property
    def outcome(self) -> Outcome:
        return outcome(self.final, self.start)

    @property
    def score(self) -> float:
        return float(self.outcome.score[0])

    def trend(self, key: str = "score", opening: bool = False) -> list[float]:
        """A pillar (or the score) as judged after each turn played, after the opening position's if `opening`."""
        return [float(getattr(outcome(s, self.start), key)[0]) for s in self.states[0 if opening else 1:]]

    def series(self, var: str, ally: int) -> list[float]:
        """An ally variable from the opening position through the last turn played."""
        return [float(getattr(s, var)[0, ally]) for s in self.states]


def session_path(session: Session, name: str = "you") -> GamePath:
    return GamePath(name, tuple(session.history), tuple(session.reports))


def policy_path(world: World, policy: Policy, seed: int, name: str | None = None) -> GamePath:
    """`policy` played on `seed` for one run: the same game `simulate(campaign, policy, runs=1, seed=seed)` plays."""
    model_rng, policy_rng = rngs(seed)
    state, _ = new_game(world, 1)
    states, reports = [state], []
    while not state.over:
        state, report = step(state, policy(state, policy_rng), model_rng, policy.us_action(state, policy_rng),
                             policy.forced(state))
        states.append(state)
        reports.append(report)
    return GamePath(name or policy.name, tuple(states), tuple(reports))


def plan_of(path: GamePath, turns: int) -> Plan:
    """The orders a game gave, turn by turn, as a plan of the campaign's length; turns not (yet) played hold."""
    n = path.start.spending.shape[1]
    full = Plan.blanket(0, turns, n)
    orders, us = full.orders.copy(), full.us.copy()
    for t, report in enumerate(path.reports):
        orders[t] = report.orders[0]
        us[t] = report.us_action[0]
    return Plan(orders, us)


def turn_date(campaign: Campaign, turn: int) -> str:
    """The ISO date a turn (0-based) begins: 2024-01-01, 2024-07-01 for a half year, and so on."""
    per_year = campaign.calendar.per_year
    year, part = divmod(turn, per_year)
    return date(campaign.calendar.start + year, 1 + part * 12 // per_year, 1).isoformat()


def same_game(a: GamePath, b: GamePath) -> bool:
    """Whether two paths went through identical states (every array of every state equal)."""
    if len(a.states) != len(b.states):
        return False
    names = [f for f in State.__dataclass_fields__ if f not in ("world", "turn")]
    return all(np.array_equal(getattr(x, f), getattr(y, f)) for x, y in zip(a.states, b.states) for f in names)


def policy_session(campaign: Campaign, policy: Policy, seed: int) -> Session:
    """`policy` played on `seed` through the session's commands, so the game can be saved and loaded in the window:
    the same game as `policy_path` (and `simulate --runs 1`). A withdrawal where no U.S. forces are left, which the
    session refuses and the model treats as doing nothing, is logged as hold."""
    session = Session(campaign, seed)
    _, policy_rng = rngs(seed)
    ids = [a.id for a in campaign.allies]
    while not session.over:
        state = session.state
        orders = policy(state, policy_rng)[0]
        for i, code in enumerate(orders):
            if code != HOLD and not (code == WITHDRAW and not session.can_withdraw(ids[i])):
                session.execute(SetOrder(ids[i], ORDERS[code]))
        action = int(policy.us_action(state, policy_rng)[0])
        if action != NO_ACTION:
            session.execute(SetUSAction(US_ACTIONS[action]))
        session.execute(EndTurn())
    return session
