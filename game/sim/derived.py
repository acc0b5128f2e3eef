"""Quantities read off a state: deterrence, the risk of aggression, expected protection, self-reliance, the
leverage of a U.S. threat, what pressure would achieve. Shared by `step`, the policies, the turn report and the
window; reading them never changes the state. Also the conversions of yearly rates to a turn's length."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from game.sim.layout import by_group, neighbours
from game.sim.state import State, protection, self_reliance


def per_turn(rate_per_year, dt: float):
    """A share of a gap closed per year (scalar or array), as the share closed in one turn of `dt` years. A scalar
    comes back as a Python float, which keeps a float32 batch in float32 (a NumPy float64 scalar would not)."""
    if np.ndim(rate_per_year) == 0:
        return 1.0 - (1.0 - min(float(rate_per_year), 0.999)) ** dt
    return 1.0 - (1.0 - np.minimum(rate_per_year, 0.999)) ** dt


def chance(hazard_per_year, dt: float):
    """A yearly hazard (scalar or array) as the probability of at least one occurrence in a turn."""
    if np.ndim(hazard_per_year) == 0:
        return 1.0 - float(np.exp(-float(hazard_per_year) * dt))
    return 1.0 - np.exp(-hazard_per_year * dt)


@dataclass(frozen=True, eq=False)
class Derived:
    """Quantities read off a state, shared by `step`, the policies and the window. Deterrence and risk are worked
    out on first use: `step` reads them only for the posture after the orders."""
    state: State
    presence: np.ndarray        # (B, N) U.S. presence judged (the state's, or after this turn's orders)
    credibility: np.ndarray     # (B,)
    revisionism: np.ndarray     # (B, K)
    protection: np.ndarray      # (B, N) the protection each ally expects of the U.S.
    self_reliance: np.ndarray   # (B, N)
    credible: np.ndarray        # (B, 1) how credible a U.S. threat of abandonment is
    leverage: np.ndarray        # (B, N) ... as each ally hears it (an ally too valuable to leave discounts it)

    @cached_property
    def deterrence(self) -> np.ndarray:
        """(B, N) deterrence ratio against the ally's adversary."""
        state, presence = self.state, self.presence
        w, p = state.world, state.world.params
        adv_cap = state.adv_capability[:, w.adversary]
        # U.S. power there: a treaty guarantee deters even where few troops stand (extended deterrence); partners
        # without a treaty (Taiwan) count on the forces there and on U.S. power in the region. Reinforcing the
        # exposed allies runs through the theatre's hub (Germany, Japan): empty it and their U.S. cover thins.
        hub_now = by_group(presence * w.hub, w.theatre_members)
        hub_support = np.where(w.hub_presence0 > 0, np.minimum(hub_now / np.maximum(w.hub_presence0, 1e-9), 1.0),
                               1.0)
        logistics = 1 - p.hub_reliance * w.exposure * (1 - w.hub) * (1 - hub_support[:, w.theatre])
        full_upkeep = by_group(w.upkeep[None, :], w.theatre_members)
        regional = by_group(presence * w.upkeep, w.theatre_members) / np.maximum(full_upkeep, 1e-9)
        reach = p.guarantee * w.treaty + (1 - p.guarantee) * presence \
            + p.regional_reach * (1 - w.treaty) * regional[:, w.theatre]
        us_power = (p.us_weight * reach * logistics + p.umbrella * w.treaty) * self.credibility[:, None]
        # Partners help in proportion to their will: alignment with the alliance, less the insulated allies' drift
        # toward defending only themselves (an independent Europe may not fight for its exposed members).
        will = state.alignment * (1 - state.autonomy[:, w.theatre] * (1 - w.exposure)) * loyal(state)
        partners = neighbours(state.capability * will, w.theatre_members, w.theatre)
        cover = np.minimum(neighbours(w.nuclear_power * will, w.theatre_members, w.theatre), 1.0)
        return us_power + p.nuclear_own * w.nuclear_power + p.nuclear_cover * cover \
            + (state.capability + p.coalition_help * partners) / np.maximum(adv_cap, 1e-9)

    @cached_property
    def hazard(self) -> np.ndarray:
        """(B, N) yearly hazard of a probe: the adversary's appetite and the ally's exposure, damped by deterrence."""
        w, p = self.state.world, self.state.world.params
        return p.probe_rate * self.revisionism[:, w.adversary] * w.exposure * np.exp(-p.probe_deterrence
                                                                                      * self.deterrence)

    @cached_property
    def risk(self) -> np.ndarray:
        """(B, N) chance of a successful aggression against it within one turn."""
        return chance(self.hazard, self.state.world.dt) * success(self.deterrence) * loyal(self.state)


def loyal(state: State) -> np.ndarray:
    """Allies that have not broken with the U.S. (a nuclear programme or accommodation of the adversary)."""
    return ~(state.realigned | state.nuclear)


def derive(state: State, presence: np.ndarray | None = None, credibility: np.ndarray | None = None,
           revisionism: np.ndarray | None = None, congress: np.ndarray | None = None) -> Derived:
    """Read the state; `presence`, `credibility`, `revisionism` and `congress` (the U.S. action) override it, so
    `step` can judge deterrence after this turn's orders have taken effect."""
    w, p = state.world, state.world.params
    presence = state.presence if presence is None else presence
    invoked = np.zeros(state.runs, dtype=w.real) if congress is None else congress.astype(w.real)
    credible = np.clip(p.leverage_base + p.leverage_domestic * state.domestic_pressure
                       + p.leverage_congress * invoked, 0.0, 1.0)[:, None]
    # An ally Washington could hardly leave discounts the threat, unless Congress is invoked: then the threat is no
    # longer the President's alone (Blankenship 2021).
    leverage = credible * (1 - p.hub_discount * w.valuable * (1 - invoked)[:, None])
    return Derived(state, presence, state.credibility if credibility is None else credibility,
                   state.revisionism if revisionism is None else revisionism,
                   protection(state.trust, presence, p), self_reliance(state.capability, w.need0), credible,
                   leverage)


def success(deterrence: np.ndarray) -> np.ndarray:
    """Chance that a probe succeeds against an ally with this deterrence ratio."""
    return 1.0 / (1.0 + deterrence ** 2)


def paid_share(state: State) -> np.ndarray:
    """How far past its fair share an ally already pays, 0-1: pressing it then moves it less and breeds
    resentment."""
    p = state.world.params
    return np.clip((state.spending - p.fair_share(state.threat)) / p.guideline, 0.0, 1.0)


def pressure_push(state: State, d: Derived) -> np.ndarray:
    """pp of GDP per year that pressure would add to each ally's spending this turn: more where the threat is real
    and the U.S. threat credible, less for an ally that can fend for itself or already pays; and a threat repeated
    turn after turn and never carried out wears thin."""
    w, p = state.world, state.world.params
    worn = 1.0 / (1.0 + p.pressure_fatigue * state.pressed)
    active = loyal(state)
    return p.pressure_effect * state.threat * w.responsiveness * active * d.leverage * worn \
        * (1 - p.pressure_self_reliance * d.self_reliance) * (1 - paid_share(state)) * heard(state)


def reliance(state: State) -> np.ndarray:
    """(B, N) the share of an ally's defence the U.S. forces on its soil carry: their upkeep (US$ bn a year at the
    present presence) against that and the ally's own capability."""
    w = state.world
    garrison = state.presence * w.upkeep
    return garrison / np.maximum(garrison + state.capability, 1e-9)


def drawdown_hazard(domestic: np.ndarray, p) -> np.ndarray:
    """Yearly hazard that Congress forces a drawdown: none up to its threshold of domestic pressure, rising
    linearly to `congress_rate` at full pressure."""
    return p.congress_rate * np.maximum(domestic - p.congress_threshold, 0.0) / (1 - p.congress_threshold)


def heard(state: State) -> np.ndarray:
    """0-1: the share of a demand an ally's public will still hear after Washington shamed it in public (recent
    criticism turns it against paying more at Washington's bidding)."""
    return 1.0 / (1.0 + state.world.params.criticism_backlash * state.shamed)


def independence(state: State) -> np.ndarray:
    """(B, N) the alignment an ally's own strength pulls away from Washington: its self-reliance gained since the
    start, and its theatre's third force (insulated allies only). What the "self-reliance" and "third force" factors
    pull alignment toward, and what decides the named issues it goes its own way on (see `issues`)."""
    w, p = state.world, state.world.params
    return p.alignment_self_reliance * (self_reliance(state.capability, w.need0) - w.self_reliance0) \
        + p.alignment_third_force * state.autonomy[:, w.theatre] * (1 - w.exposure)


def issues(state: State) -> np.ndarray:
    """(B, N) int8: how many named issues (arms purchases, trade, policy toward the adversary, nuclear choices) an
    ally's independence has taken it its own way on, 0-4. Each takes more than the one before: the k-th comes at
    k (k + 1) / 2 steps (1, 3, 6 and 10 x issue_step), so nuclear choices need a Europe or a Japan far from
    Washington, and buying its own arms only a real build-up."""
    steps = np.maximum(independence(state), 0.0) / state.world.params.issue_step
    return np.minimum(np.floor((np.sqrt(8 * steps + 1) - 1) / 2 + 1e-9), ISSUES).astype(np.int8)


ISSUES = 4      # the named issues of the dilemma proper (their words: game.sim.explain.ISSUES)
