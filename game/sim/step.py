"""`step`: the one way the model's state changes.

One call resolves one turn for every run in the batch: the allies answer the orders, adversaries decide whether to
probe, crises and hedging play out, Congress reacts, and the events of the next turn fire. Each change to an ally's
spending, trust, alignment and hedging is built as a sum of named factors (report.FACTORS, in that order), so the
turn report can say why. All randomness comes from the Generator passed in, drawn in a fixed order and shape.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from game.sim.events import fire_events
from game.sim.layout import allies_total, by_group, by_kind, factor_arrays, factors_total, neighbours, weighted
from game.sim.report import FACTORS, SYSTEM_FACTORS, Report
from game.sim.state import (CONGRESS, CRITICIZE, NO_ACTION, PRESSURE, REASSURE, WITHDRAW, State, protection,
                            self_reliance)
from game.sim.war import draw_war, war_surge


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


def fair_share(threat, p) -> np.ndarray:
    """% of GDP an ally can fairly be asked for: the guideline, plus more the graver the threat it faces."""
    return p.guideline + p.fair_share_threat * threat


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
    leverage: np.ndarray        # (B, 1) how credible a U.S. threat of abandonment is

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
    invoked = 0.0 if congress is None else congress.astype(state.world.real)
    leverage = np.clip(p.leverage_base + p.leverage_domestic * state.domestic_pressure
                       + p.leverage_congress * invoked, 0.0, 1.0)[:, None]
    return Derived(state, presence, state.credibility if credibility is None else credibility,
                   state.revisionism if revisionism is None else revisionism,
                   protection(state.trust, presence, p), self_reliance(state.capability, w.need0), leverage)


def success(deterrence: np.ndarray) -> np.ndarray:
    """Chance that a probe succeeds against an ally with this deterrence ratio."""
    return 1.0 / (1.0 + deterrence ** 2)


def paid_share(state: State) -> np.ndarray:
    """How far past its fair share an ally already pays, 0-1: pressing it then moves it less and breeds
    resentment."""
    p = state.world.params
    return np.clip((state.spending - fair_share(state.threat, p)) / p.guideline, 0.0, 1.0)


def pressure_push(state: State, d: Derived) -> np.ndarray:
    """pp of GDP per year that pressure would add to each ally's spending this turn: more where the threat is real
    and the U.S. threat credible, less for an ally that can fend for itself or already pays; and a threat repeated
    turn after turn and never carried out wears thin."""
    w, p = state.world, state.world.params
    worn = 1.0 / (1.0 + p.pressure_fatigue * state.pressed)
    active = loyal(state)
    return p.pressure_effect * state.threat * w.responsiveness * active * d.leverage * worn \
        * (1 - d.self_reliance) * (1 - paid_share(state))


def step(state: State, orders: np.ndarray, rng: np.random.Generator,
         us: np.ndarray | None = None, forced: np.ndarray | None = None) -> tuple[State, Report]:
    """Resolve one turn. `orders` holds order codes (state.ORDER_CODE), shape (B, N) or (N,); `us` the U.S.-level
    action of each run (state.US_ACTION_CODE), shape (B,) or scalar, default none; `forced` the campaign events
    a facilitator fires at the start of the next turn whatever their conditions, shape (B, E) or (E,). Every
    random draw has the batch axis first, so run b's luck depends only on its row (analyses that tile runs rely on
    this)."""
    w, p, dt, real = state.world, state.world.params, state.world.dt, state.world.real
    B, N = state.spending.shape
    orders = np.asfortranarray(np.broadcast_to(np.asarray(orders, dtype=np.int8), (B, N)))  # the state's layout
    us = np.broadcast_to(np.asarray(NO_ACTION if us is None else us, dtype=np.int8), (B,))
    invoked = us == CONGRESS
    invoked_f = invoked.astype(real)
    fp, fr, fc = ((orders == code).astype(real) for code in (PRESSURE, REASSURE, CRITICIZE))
    active = loyal(state)  # allies that broke with the U.S. no longer heed its orders
    # A withdrawal is as large as the forces actually removed: where none are left the order does nothing.
    removed = np.minimum(state.presence, p.withdraw_presence) * (orders == WITHDRAW)
    fw = removed / p.withdraw_presence
    draws = by_kind(rng.random((B, 6, N)), real)
    congress_draw = rng.random(B)
    war = draw_war(state, rng) if state.turn == 0 else state.war
    withdrawn_near = neighbours(fw, w.theatre_members, w.theatre)  # withdrawals from other allies in the same theatre
    withdrawn_far = allies_total(fw)[:, None] - fw - withdrawn_near
    d = derive(state, congress=invoked)
    threat, trust, align, hedge = state.threat, state.trust, state.alignment, state.hedging

    # --- spending (% GDP): part-way toward a target set by threat and free-riding, plus the orders ----------
    sf = factor_arrays(len(FACTORS["spending"]), B, N, real)
    # An adversary arming for war beyond its trend (Russia's war economy after February 2022) calls for more, and
    # the more so the more exposed the ally: the wartime response, as hard as this run's draw of it.
    surge = war_surge(state)
    r = per_turn(p.spending_rate + war[:, 1:] * surge, dt)
    felt = p.threat_weight * threat ** p.threat_curvature   # % GDP the threat alone calls for
    # What budget-makers feel the threat calls for wanders around the model's figure (scares, elections, the
    # economy) and fades back: a shock in % of GDP, uniform draws scaled to unit variance.
    alarm = state.alarm * (1 - per_turn(p.alarm_fade, dt)) \
        + p.alarm_sd * math.sqrt(12 * dt) * (draws[5] - 0.5)
    # Products are written into their factor's slot (out=), per-ally constants multiplied together first: each
    # operation on a whole batch costs, each on an (N,) vector next to nothing.
    mul = np.multiply
    mul(r, felt + war[:, :1] * surge + alarm, out=sf[0])
    gap_pull = -r * felt                               # how much a factor that damps the threat's call takes
    mul(gap_pull, p.trade_damping * w.trade, out=sf[1])
    mul(gap_pull, d.protection, out=sf[2])
    sf[2] *= p.free_riding
    partners_gain = neighbours(state.capability, w.theatre_members, w.theatre) / np.maximum(w.partners0, 1e-9) - 1
    mul(gap_pull, np.clip(partners_gain, -0.5, 1.0), out=sf[3])
    sf[3] *= p.partner_free_riding * (w.partners0 > 0)
    paid_up = paid_share(state)
    mul(fp, pressure_push(state, d), out=sf[4])
    sf[4] *= dt
    heeded = threat * (w.responsiveness * active)      # how far an order moves the ally's spending
    mul(fc, heeded, out=sf[5])
    sf[5] *= p.criticism_effect * dt
    mul(fw + p.withdrawal_spill * np.minimum(withdrawn_near, 3), heeded + 0.5 * w.responsiveness * active,
        out=sf[6])
    sf[6] *= p.withdrawal_jolt
    moved = factors_total(sf[:7])
    raw = moved + r * (w.baseline - state.spending)
    lo = np.maximum(state.spending - p.max_fall * dt, 0.0)
    hi = np.maximum(np.minimum(state.spending + p.max_rise * dt, w.ceiling), lo)
    spending = np.clip(state.spending + raw, lo, hi)
    change = spending - state.spending
    np.subtract(change, moved, out=sf[7])              # the pull of other priorities, and caps
    # The other half of the bargain: an ally that answers a demand is stood by ("do it and we stand by you").
    complied = np.clip(np.minimum(sf[4], change) * (1 / (p.compliance_scale * dt)), 0.0, 1.0)

    # --- trust ----------------------------------------------------------------------------------------------
    tf = factor_arrays(len(FACTORS["trust"]), B, N, real)
    doubt = 1 - trust
    mul(fr * per_turn(p.trust_reassure, dt), doubt, out=tf[0])
    mul(fp * complied, doubt, out=tf[1])
    tf[1] *= per_turn(p.trust_bargain, dt)
    resentment = 1 + p.pressure_resentment * paid_up
    # An empty demand (one the ally does not answer) strains the relationship most.
    strain = resentment + (1 - complied)
    pressed_strain = fp * strain
    mul(pressed_strain, trust, out=tf[2])
    tf[2] *= -p.trust_pressure * dt
    mul(fw, trust, out=tf[3])
    tf[3] *= -p.trust_withdraw
    mul(fc, trust, out=tf[4])
    tf[4] *= -p.trust_criticize * dt
    # The exposed read a drawdown anywhere in their region as a sign that they could be next.
    near_weight = p.trust_spillover_same + p.trust_spillover_exposed * w.exposure
    spill = np.minimum(near_weight * withdrawn_near + p.trust_spillover_other * withdrawn_far, 0.5)
    mul((fw - 1.0) * spill, trust, out=tf[5])
    mul(state.credibility[:, None] - trust, per_turn(p.trust_credibility_pull, dt), out=tf[6])

    # --- alignment: rests at its start value; moves as protection and self-reliance change, and with orders --
    af = factor_arrays(len(FACTORS["alignment"]), B, N, real)
    ra = per_turn(p.alignment_rate, dt)
    mul(d.protection - w.protection0, ra * p.alignment_dependence, out=af[0])
    mul(d.self_reliance - w.self_reliance0, -ra * p.alignment_self_reliance, out=af[1])
    mul(state.autonomy[:, w.theatre], -ra * p.alignment_third_force * (1 - w.exposure), out=af[2])
    mul(w.alignment0 - align, ra, out=af[3])
    slack = 1 - align
    mul(fr, slack, out=af[4])
    af[4] *= per_turn(p.alignment_reassure, dt)
    mul(fp * complied, slack, out=af[5])
    af[5] *= per_turn(p.alignment_bargain, dt)
    mul(pressed_strain, align, out=af[6])
    af[6] *= -p.alignment_pressure * dt
    mul(fc, align, out=af[7])
    af[7] *= -p.alignment_criticize * dt
    mul(fw, align, out=af[8])
    af[8] *= -p.alignment_withdraw

    # --- hedging: grows where threat outruns protection, fades slowly once started --------------------------
    hf = factor_arrays(len(FACTORS["hedging"]), B, N, real)
    insecurity = np.maximum(threat * (1 - d.protection) - p.hedging_comfort, 0.0)
    open_to = w.latency * (1 - hedge)                  # how far an ally can still move toward the bomb
    mul(insecurity * (p.hedging_growth * dt), open_to, out=hf[0])
    mul(fw * threat, open_to, out=hf[1])
    hf[1] *= p.hedging_withdraw
    mul(d.protection * hedge, 1 - p.hedging_sticky * hedge, out=hf[2])
    hf[2] *= -p.hedging_decay * dt

    # --- the orders take effect: presence, the adversary's boldness, U.S. credibility -----------------------
    presence = np.clip(state.presence + fr * p.reassure_presence - removed, 0.0, 1.0)
    # Credibility, domestic pressure and each adversary's appetite are built as named factors too
    # (report.SYSTEM_FACTORS), so the turn report can say why they moved.
    cf = np.zeros((len(SYSTEM_FACTORS["credibility"]), B), dtype=real)
    df = np.zeros((len(SYSTEM_FACTORS["domestic"]), B), dtype=real)
    rf = factor_arrays(len(SYSTEM_FACTORS["appetite"]), B, state.revisionism.shape[1], real)
    rf[0] = p.revisionism_withdraw * by_group(fw, w.adversary_members)
    revisionism = state.revisionism + rf[0]
    cf[0] = -p.credibility_withdraw * allies_total(fw)
    cf[1] = p.credibility_reassure * (1 - state.credibility) * fr.mean(-1)
    credibility = state.credibility + cf[0] + cf[1]
    domestic = np.clip(state.domestic_pressure + p.congress_stir * invoked_f, 0.0, 1.0)
    df[0] = domestic - state.domestic_pressure
    emboldened = state.emboldened * (1 - per_turn(p.embolden_decay, dt)) + fr * p.embolden_reassure * trust
    pressed = state.pressed * (1 - per_turn(p.pressure_memory, dt)) + fp * dt
    capability = state.capability + per_turn(p.capability_rate, dt) * (spending / 100 * w.gdp - state.capability)
    adv_capability = state.adv_capability * (1 + w.adversary_growth) ** dt

    # --- chance, judged on the posture after the orders, so a last-turn withdrawal is no free lunch ----------
    now = derive(state, presence, credibility, revisionism, invoked)
    probe = (draws[0] < chance(now.hazard, dt)) & active
    aggression = probe & (draws[1] < success(now.deterrence))
    repelled = probe & ~aggression
    entrap = (draws[2] < chance(p.entrapment_rate * w.dispute * emboldened, dt)) & active
    hedge_now = np.clip(hedge + factors_total(hf[:3]), 0.0, 1.0)
    over = np.clip((hedge_now - p.nuclear_threshold) / (1 - p.nuclear_threshold), 0.0, 1.0)
    nuclear = (draws[3] < chance(p.nuclear_rate * over * w.latency, dt)) & ~state.nuclear & (over > 0)
    realign_hazard = p.realign_rate * w.trade * threat * (1 - align) * (trust < p.realign_trust)
    realign = (draws[4] < chance(realign_hazard, dt)) & ~state.realigned
    drawdown = p.congress_rate * np.maximum(domestic - p.congress_threshold, 0.0) / (1 - p.congress_threshold)
    congress = congress_draw < chance(drawdown, dt)
    cut = congress.astype(real)

    hit, held = aggression.astype(real), repelled.astype(real)
    hit_near = np.minimum(neighbours(hit, w.theatre_members, w.theatre), 2)
    threat_jump = p.crisis_threat * (3 * hit + held + hit_near * w.exposure + entrap)
    tf[7] = -(p.aggression_trust * (hit + hit_near / 3) + p.congress_trust * cut[:, None] * (presence > 0)) * trust
    presence = np.clip(presence - p.congress_cut * cut[:, None], 0.0, 1.0)
    hf[3] = nuclear * (1.0 - hedge_now)
    af[9] = -(p.alignment_nuclear * nuclear + p.alignment_realign * realign) * align
    rf[1] = per_turn(p.revisionism_rate, dt) * (w.revisionism0 - state.revisionism)
    rf[2] = p.revisionism_success * by_group(hit, w.adversary_members)
    rf[3] = -p.revisionism_repelled * by_group(held, w.adversary_members)
    revisionism = np.clip(revisionism + rf[1] + rf[2] + rf[3], 0.0, 1.0)
    rf[4] = revisionism - state.revisionism - factors_total(rf[:4])

    # --- threat: toward the adversary's posture, with the memory of crises fading slowly ---------------------
    threat_shift = state.threat_shift * (1 - per_turn(p.threat_memory, dt)) + threat_jump
    appetite = lambda rev: p.posture_base + (1 - p.posture_base) * rev  # noqa: E731
    posture = np.sqrt(adv_capability / w.adversary_capability0) * appetite(revisionism) / appetite(w.revisionism0)
    lasting = np.exp(4 * np.clip(threat_shift, -5, 5))    # clipped: a huge event shift must not overflow
    threat_target = np.minimum(saturate(w.exposure, posture[:, w.adversary] * lasting), p.threat_max)
    threat = np.clip(threat + per_turn(p.threat_rate, dt) * (threat_target - threat) + threat_jump, 0.0, p.threat_max)

    # --- the third force: insulated allies that arm themselves and doubt Washington drift apart ---------------
    insulated = (1 - w.exposure) * w.gdp
    drift = insulated * (p.autonomy_self_reliance * np.maximum(d.self_reliance - w.self_reliance0, 0.0)
                         + p.autonomy_distrust * np.maximum(w.trust0 - trust, 0.0))
    all_insulated = by_group(insulated[None, :], w.theatre_members)
    autonomy_target = np.clip(by_group(drift, w.theatre_members) / np.maximum(all_insulated, 1e-9), 0, 1)
    autonomy = state.autonomy + per_turn(p.autonomy_rate, dt) * (autonomy_target - state.autonomy)

    # --- the United States: cost (US$ bn per year), Congress, credibility ------------------------------------
    crises = (probe.sum(-1) + entrap.sum(-1)).astype(real)
    cost = weighted(presence + fr * p.reassure_cost, w.upkeep) + p.crisis_cost * crises
    shortfall = weighted(np.maximum(p.guideline - spending, 0), w.gdp) / (p.guideline * w.gdp.sum())
    overrun = np.maximum(cost / np.maximum(state.budget, 1e-9) - 1.0, 0.0)
    # Domestic pressure drifts toward a target: its usual level, raised by the allies' shortfall against the 2 % line,
    # a budget overrun and entrapment crises (each drift term a factor; a target past 0-1 is "limit").
    rd = per_turn(p.domestic_rate, dt)
    target = (w.campaign.us.domestic_pressure, p.domestic_free_riding * (shortfall - w.shortfall0),
              p.domestic_overrun * overrun, p.domestic_entrapment * entrap.sum(-1, dtype=real))
    df[1] = rd * (target[0] - domestic)
    df[2], df[3], df[4] = (rd * t for t in target[1:])
    drifted = domestic + rd * (np.clip(sum(target), 0.0, 1.0) - domestic)
    df[5] = -p.congress_relief * cut                  # the vote releases some pressure
    domestic = np.clip(drifted + df[5], 0.0, 1.0)
    df[6] = domestic - state.domestic_pressure - factors_total(df[:6])
    cf[2] = per_turn(p.credibility_recovery, dt) * (w.campaign.us.credibility - credibility)
    cf[3] = -p.credibility_aggression * aggression.sum(-1)
    cf[4] = -p.credibility_congress * cut
    credibility = np.clip(credibility + cf[2] + cf[3] + cf[4], 0.0, 1.0)
    cf[5] = credibility - state.credibility - factors_total(cf[:5])

    alignment = align + _bounded(af, align)
    weight = w.gdp / w.gdp.sum()
    new = state.evolve(
        turn=state.turn + 1, spending=spending, capability=capability, threat=threat, threat_shift=threat_shift,
        trust=trust + _bounded(tf, trust), alignment=alignment, hedging=hedge + _bounded(hf, hedge),
        presence=presence, emboldened=emboldened, pressed=pressed, alarm=alarm, war=war,
        nuclear=state.nuclear | nuclear,
        realigned=state.realigned | realign, aggressed=state.aggressed + hit, autonomy=autonomy,
        adv_capability=adv_capability, revisionism=revisionism, domestic_pressure=domestic, credibility=credibility,
        us_cost_total=state.us_cost_total + cost * dt, budget_total=state.budget_total + state.budget * dt,
        ally_milex_total=state.ally_milex_total + weighted(spending, w.gdp) * (dt / 100),
        aggressions=state.aggressions + hit.sum(-1), crises=state.crises + crises,
        risk_total=state.risk_total + allies_total(now.risk),
        fair_total=state.fair_total + weighted(np.minimum(spending, w.fair_share0), w.gdp) * (dt / 100),
        influence_total=state.influence_total + weighted(alignment * ~(state.realigned | realign), weight) * dt,
    )
    new, event_deltas, fired = fire_events(new, forced)
    for var, factors in (("spending", sf), ("trust", tf), ("alignment", af), ("hedging", hf)):
        factors[-1] = event_deltas[var]
    for now_value, before, factors in ((new.credibility, credibility, cf), (new.domestic_pressure, domestic, df),
                                       (new.revisionism, revisionism, rf)):
        factors[-1] = now_value - before      # what this turn's events changed
    report = Report(
        turn=state.turn + 1, orders=orders.copy(), spending=np.moveaxis(sf, 0, -1), trust=np.moveaxis(tf, 0, -1),
        alignment=np.moveaxis(af, 0, -1), hedging=np.moveaxis(hf, 0, -1),
        probe=probe, aggression=aggression, entrapment=entrap, nuclear=nuclear, realignment=realign,
        congress_cut=congress, us_action=us.copy(), risk=now.risk, fired=fired, us_cost=cost,
        deterrence=now.deterrence, credibility=np.moveaxis(cf, 0, -1), domestic=np.moveaxis(df, 0, -1),
        appetite=np.moveaxis(rf, 0, -1),
    )
    return new, report


def saturate(exposure: np.ndarray, posture: np.ndarray) -> np.ndarray:
    """Exposure scaled by the adversary's posture (and the lasting shift of crises and events) in odds, so a
    growing menace raises threat without pinning it at 1 for the rest of the game. exp(4 x shift) makes a shift of
    0.1 worth about 0.1 of threat at mid-range."""
    odds = np.minimum(exposure / np.maximum(1 - exposure, 1e-6) * posture, 1e12)   # finite: inf / inf is NaN
    return odds / (1 + odds)


def _bounded(factors: np.ndarray, value: np.ndarray) -> np.ndarray:
    """Sum the factors (F, B, N), folding whatever the 0-1 bounds cut off into the 'limit' factor (second last),
    so the breakdown still adds up to the change."""
    total = factors_total(factors)
    factors[-2] = np.clip(value + total, 0.0, 1.0) - (value + total)
    return total + factors[-2]
