"""A government's brief and "your cabinet's advice", for a seat a person plays in the class room: the turn played
headless on a copy of the game, once with every ally answering as the model would (the advice: where its spending,
alignment and hedging would go, with the named factors) and once per spending answer (what cut, hold, raise and
surge would bring), never by touching the session itself. Each copy replays the session's own log from its seed, so
it faces the very dice the real turn will.

A copy with every ally giving the same spending answer gives each ally's result of that answer exactly: a spending
answer is bounded by the ally's own budget alone (game.sim.answers.spending)."""
from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np

from game.sim import answers
from game.sim.explain import NOISE, change
from game.sim.session import EndTurn, Session

SHOWN_FACTORS = 6       # the factors a phone shows as bars: the largest this turn


@dataclass(frozen=True)
class Advice:
    """The model's own answer for one ally this turn, and what each spending answer would bring."""
    spending: tuple[float, float]             # before, after
    alignment: tuple[float, float]
    hedging: tuple[float, float]
    factors: tuple[tuple[str, float], ...]    # spending's factors this turn (pp), largest first
    stance: str                               # the stance the model's answer amounts to (answers.STANCES)
    choices: dict[str, float]                 # spending answer -> spending after the turn (% of GDP)


def _play(base: Session, code: int | None) -> Session:
    """A copy of `base` with its turn ended, every ally answering the spending `code` (None: the model's own)."""
    game = copy.deepcopy(base)
    game.pending_answers[:] = answers.OWN
    if code is not None:
        game.pending_answers[:, 0] = code
    game.execute(EndTurn())
    return game


def advice(session: Session) -> dict[str, Advice]:
    """Each ally's advice for the turn about to be played with the session's pending orders, by ally id ({} once
    the game is over)."""
    if session.over:
        return {}
    base = Session.replay(session.campaign, session.seed, session.log)
    base.pending_answers[:] = answers.OWN
    own = _play(base, None)
    choices = {name: _play(base, code).state.spending[0] for code, name in enumerate(answers.SPENDING) if code}
    before, after, report = own.history[-2], own.state, own.reports[-1]
    out = {}
    for i, ally in enumerate(session.campaign.allies):
        spend = change(report, before, after, "spending", i)
        moved = [(f.name, round(f.value, 3)) for f in spend.factors if abs(f.value) >= NOISE["spending"]]
        out[ally.id] = Advice(
            (float(before.spending[0, i]), float(after.spending[0, i])),
            (float(before.alignment[0, i]), float(after.alignment[0, i])),
            (float(before.hedging[0, i]), float(after.hedging[0, i])),
            tuple(moved[:SHOWN_FACTORS]), _stance(report, before, after, i),
            {name: float(values[i]) for name, values in choices.items()})
    return out


def _stance(report, before, after, i: int) -> str:
    """The stance the model's own answer amounts to, in the seat's words."""
    if bool(report.nuclear[0, i]):
        return "bomb"
    if bool(report.realignment[0, i]):
        return "deal"
    if bool(report.renounced[0, i]):
        return "give up"
    if float(after.hedging[0, i] - before.hedging[0, i]) >= NOISE["hedging"]:
        return "hedge"
    return "follow" if float(after.alignment[0, i] - before.alignment[0, i]) >= 0 else "own way"


def stances_allowed(session: Session, ally: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The spending answers and stances the ally's seat may give now (game.sim.answers.allowed)."""
    return answers.allowed(session.state, session.campaign.ally_index(ally))


def brief(session: Session, ally: str) -> dict:
    """The government's own figures, as its seat sees them: threat, trust, alignment, hedging, U.S. presence (0-1),
    spending and its domestic ceiling (% of GDP), its defence budget (US$ bn a year)."""
    i, state = session.campaign.ally_index(ally), session.state
    a = session.campaign.allies[i]
    spending = float(state.spending[0, i])
    return {"threat": float(state.threat[0, i]), "trust": float(state.trust[0, i]),
            "alignment": float(state.alignment[0, i]), "hedging": float(state.hedging[0, i]),
            "presence": float(state.presence[0, i]), "spending": spending, "ceiling": float(a.ceiling),
            "budget": float(np.round(a.gdp * spending / 100, 1)), "nuclear": bool(state.nuclear[0, i]),
            "realigned": bool(state.realigned[0, i])}
