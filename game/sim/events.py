"""Campaign events: scripted (at a given turn) and conditional (when an expression holds), applied per run."""
from __future__ import annotations

import numpy as np

from game.campaign.model import Effect
from game.sim.state import State, self_reliance
from game.sim.layout import allies_total

BOUNDED = {"threat", "trust", "alignment", "hedging", "presence", "revisionism", "domestic_pressure",
           "credibility"}


class ExprEnv:
    """What a `when:` expression may read: the state of every run at the start of a turn."""

    def __init__(self, state: State):
        self.state = state
        self.turn = state.turn + 1
        self.batch = state.runs
        c = state.world.campaign
        self._ally = {a.id: i for i, a in enumerate(c.allies)}
        self._adv = {a.id: i for i, a in enumerate(c.adversaries)}

    def ally_values(self, var: str) -> np.ndarray:
        """(B, N) an ally variable, or a reading (ALLY_READINGS) worked out from the state."""
        s = self.state
        if var == "self_reliance":
            return self_reliance(s.capability, s.world.need0)
        if var == "autonomy":
            return s.autonomy[:, s.world.theatre]
        return getattr(s, var)

    def value(self, entity: str, var: str) -> np.ndarray:
        s = self.state
        if entity == "us":
            return getattr(s, var)
        if entity in self._ally:
            return self.ally_values(var)[:, self._ally[entity]]
        column = {"capability": s.adv_capability, "revisionism": s.revisionism}[var]
        return column[:, self._adv[entity]]

    def aggregate(self, func: str, var: str) -> np.ndarray:
        values = self.ally_values(var)
        if func == "mean":
            return allies_total(values) / values.shape[1]
        return {"min": np.min, "max": np.max}[func](values, axis=-1)


def _ally_scale(state: State, effect: Effect) -> np.ndarray:
    """How much of an effect each ally takes: 0 for allies it does not touch, else 1 or its exposure."""
    c = state.world.campaign
    if effect.target == "allies":
        touched = np.array([not effect.theatre or a.theatre == effect.theatre for a in c.allies])
    else:
        touched = np.array([a.id == effect.target for a in c.allies])
    return (state.world.exposure if effect.scale == "exposure" else 1.0) * touched.astype(state.world.real)


def apply_effect(arrays: dict, state: State, effect: Effect, runs: np.ndarray) -> None:
    """Add one effect to the arrays (copies of the state's) for the runs where its event fired."""
    c = state.world.campaign
    on = runs.astype(state.world.real)
    if effect.target == "us":
        arrays[effect.var] = arrays[effect.var] + effect.add * on
    elif effect.target in {a.id for a in c.adversaries}:
        k = [a.id for a in c.adversaries].index(effect.target)
        name = "adv_capability" if effect.var == "capability" else effect.var
        arrays[name] = arrays[name].copy(order="K")   # keeps the batch's column-major layout
        arrays[name][:, k] += effect.add * on
    else:
        # (B, 1) x (1, N) comes out row-major: laid out like the state's arrays (game.sim.layout) instead
        delta = np.asfortranarray(effect.add * on[:, None] * _ally_scale(state, effect)[None, :])
        arrays[effect.var] = arrays[effect.var] + delta
        if effect.var == "threat":  # a threat event lasts: it moves the level threat settles at too
            arrays["threat_shift"] = arrays["threat_shift"] + delta
    name = "adv_capability" if effect.var == "capability" else effect.var
    if effect.var in BOUNDED:
        arrays[name] = np.clip(arrays[name], 0.0, 1.0)
    elif effect.var == "spending":
        arrays[name] = np.clip(arrays[name], 0.0, state.world.ceiling)
    else:
        arrays[name] = np.maximum(arrays[name], 0.0)


def due(state: State) -> np.ndarray:
    """(B, E) which campaign events fire at the start of turn state.turn + 1."""
    w = state.world
    events = w.campaign.events
    due = np.zeros(state.fired.shape, dtype=bool)
    if state.over:
        return due
    env = ExprEnv(state)
    for e, event in enumerate(events):
        if event.turn is not None:
            due[:, e] = event.turn == state.turn + 1
        elif event.once and state.fired[:, e].all():
            continue      # spent in every run: no need to read its condition
        else:
            holds = w.conditions[e].evaluate(env)
            due[:, e] = holds & ~state.fired[:, e] if event.once else holds
    return due


def fire_events(state: State, forced: np.ndarray | None = None) -> tuple[State, dict[str, np.ndarray], np.ndarray]:
    """Fire the events due at the start of the next turn, and those `forced` ((B, E) or (E,) bool: a facilitator's
    choice) whatever their conditions, unless the game is over. Returns the new state, the change each event made
    to the ally variables the report explains, and the (B, E) fired flags."""
    fired = due(state)
    if forced is not None and not state.over:
        fired = fired | np.broadcast_to(np.asarray(forced, dtype=bool), fired.shape)
    watched = ("spending", "trust", "alignment", "hedging")
    if not fired.any():
        zero = np.zeros_like(state.spending)
        return state, {v: zero for v in watched}, fired
    names = ("spending", "threat", "threat_shift", "trust", "alignment", "hedging", "presence", "offset",
             "adv_capability", "revisionism", "domestic_pressure", "credibility", "budget")
    arrays = {n: getattr(state, n) for n in names}
    for e, event in enumerate(state.world.campaign.events):
        if fired[:, e].any():
            for effect in event.effects:
                apply_effect(arrays, state, effect, fired[:, e])
    deltas = {v: arrays[v] - getattr(state, v) for v in watched}
    return state.evolve(fired=state.fired | fired, **arrays), deltas, fired
