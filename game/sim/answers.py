"""An ally played by a person: the answers a seat may give its government, what the model allows, and how a turn
takes them. An answer overrides the ally's own (the model's) response within the bounds the model keeps for every
ally: spending moves no faster than budgets can, and the nuclear and accommodation branches open only where the
model itself could take them. `step` files what the answer changed under "the government's choice", so the turn
report's breakdown still adds up and names the human choice.

Answers are data, (B, N, 2) int8 codes (SPENDING, STANCES), code 0 meaning "the government's own answer": a seat
that gives none plays as the model would. `Session` turns a seat's AnswerAlly command into them."""
from __future__ import annotations

import numpy as np

from game.i18n import NC_, Translated
from game.sim.state import State

# The ally's own answer (0) is the model's; the others say what the government chose, within the model's bounds.
SPENDING = ("own", "cut", "hold", "raise", "surge")
STANCES = ("own", "follow", "own way", "hedge", "bomb", "deal", "give up")
OWN, CUT, HOLD, RAISE, SURGE = range(len(SPENDING))
FOLLOW, OWN_WAY, HEDGE, BOMB, DEAL, GIVE_UP = range(1, len(STANCES))
CHOICE = "the government's choice"   # the factor an answer is filed under (report.FACTORS)
# The answers as the facilitator's screen names them (the ids above stay in the log and the saves).
ANSWER_NAMES = Translated({
    "own": NC_("answer", "own"), "cut": NC_("answer", "cut"), "hold": NC_("answer", "hold"),
    "raise": NC_("answer", "raise"), "surge": NC_("answer", "surge"), "follow": NC_("answer", "follow"),
    "own way": NC_("answer", "own way"), "hedge": NC_("answer", "hedge"), "bomb": NC_("answer", "bomb"),
    "deal": NC_("answer", "deal"), "give up": NC_("answer", "give up")}, "answer")


def none(state: State) -> np.ndarray:
    """(B, N, 2) every ally answering for itself."""
    return np.zeros((*state.spending.shape, 2), dtype=np.int8)


def open_branches(state: State) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(B, N) bool each: where the model itself could start a nuclear programme this turn (hedging past the
    threshold, the means to build one, none running), make a deal with the adversary (trust collapsed, ties of
    trade, no bomb of its own to fall back on) or give a programme up (one is running)."""
    w, p = state.world, state.world.params
    loyal = ~(state.realigned | state.nuclear)
    bomb = loyal & (state.hedging > p.nuclear_threshold) & (w.latency > 0)
    deal = loyal & (state.trust < p.realign_trust) & (w.trade > 0) & (w.latency < 1)
    return bomb, deal, state.nuclear & ~state.realigned


def allowed(state: State, ally: int, run: int = 0) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The spending answers and stances a seat may give this turn, as words (SPENDING, STANCES). An ally that made
    its own deal with the adversary no longer answers Washington at all."""
    if state.realigned[run, ally]:
        return ("own",), ("own",)
    bomb, deal, give_up = (branch[run, ally] for branch in open_branches(state))
    stances = [s for s, ok in zip(STANCES, (True, True, True, state.world.latency[ally] > 0, bomb, deal, give_up))
               if ok]
    return SPENDING, tuple(stances)


def spending(state: State, model: np.ndarray, lo: np.ndarray, hi: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Spending after the turn: the model's where the seat gave no spending answer, else the answer, held within the
    bounds every ally's budget moves in this turn ([lo, hi])."""
    if not codes.any():     # no seat answered: the model's, as it is (a Monte Carlo batch pays nothing here)
        return model
    p, dt = state.world.params, state.world.dt
    chosen = np.select([codes == CUT, codes == HOLD, codes == RAISE, codes == SURGE],
                       [lo, state.spending, state.spending + 0.5 * p.max_rise * dt, hi], model)
    return np.asfortranarray(np.where(codes == OWN, model, np.clip(chosen, lo, hi)))   # the state's layout


def stance_alignment(state: State, codes: np.ndarray) -> np.ndarray:
    """The change in alignment a stance makes this turn: toward Washington, or away from it (a stance that hedges
    or breaks with the U.S. is counted where the model counts the break)."""
    if not codes.any():
        return 0.0
    p, a = state.world.params, state.alignment
    step = 1 - (1 - p.answer_alignment) ** state.world.dt
    return step * ((codes == FOLLOW) * (1 - a) - ((codes == OWN_WAY) | (codes == HEDGE)) * a)


def stance_hedging(state: State, codes: np.ndarray, protection: np.ndarray) -> np.ndarray:
    """The change in hedging a stance makes this turn: a government that hedges moves toward its own options as
    far as its nuclear latency lets it; one that follows Washington lets them fade as far as it feels protected."""
    if not codes.any():
        return 0.0
    w, p, h = state.world, state.world.params, state.hedging
    step = 1 - (1 - p.answer_hedging) ** w.dt
    return step * ((codes == HEDGE) * w.latency * (1 - h) - (codes == FOLLOW) * protection * h)


def branches(state: State, codes: np.ndarray, nuclear: np.ndarray, renounce: np.ndarray, realign: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The turn's breaks (a programme started, one given up, a deal with the adversary) once the seats have
    answered: a seat that gave a stance decides them itself where the model would let it, instead of the dice."""
    human = codes != OWN
    if not human.any():
        return nuclear, renounce, realign
    bomb, deal, give_up = open_branches(state)
    return (np.where(human, (codes == BOMB) & bomb, nuclear), np.where(human, (codes == GIVE_UP) & give_up, renounce),
            np.where(human, (codes == DEAL) & deal, realign))
