"""`step`: the one way the model's state changes.

One call resolves one turn for every run in the batch: the allies answer the orders, adversaries decide whether to
probe, crises and hedging play out, Congress reacts, and the events of the next turn fire. Each change to an ally's
spending, trust, alignment and hedging is built as a sum of named factors (report.FACTORS, in that order), so the
turn report can say why. All randomness comes from the Generator passed in, drawn in a fixed order and shape.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.sim.events import fire_events
from game.sim.report import FACTORS, Report
from game.sim.state import CRITICIZE, PRESSURE, REASSURE, WITHDRAW, State, protection, self_reliance


def per_turn(rate_per_year: float, dt: float) -> float:
    """A share of a gap closed per year, as the share closed in one turn of `dt` years."""
    return 1.0 - (1.0 - min(rate_per_year, 0.999)) ** dt


def chance(hazard_per_year, dt: float):
    """A yearly hazard (scalar or array) as the probability of at least one occurrence in a turn."""
    return 1.0 - np.exp(-np.asarray(hazard_per_year) * dt)


def fair_share(threat, p) -> np.ndarray:
    """% of GDP an ally can fairly be asked for: the guideline, plus more the graver the threat it faces."""
    return p.guideline + p.fair_share_threat * threat


@dataclass(frozen=True)
class Derived:
    """Quantities read off a state, shared by `step`, the policies and the window."""
    protection: np.ndarray      # (B, N) the protection each ally expects of the U.S.
    self_reliance: np.ndarray   # (B, N)
    leverage: np.ndarray        # (B, 1) how credible a U.S. threat of abandonment is
    deterrence: np.ndarray      # (B, N) deterrence ratio against the ally's adversary


def derive(state: State) -> Derived:
    w, p = state.world, state.world.params
    adv_cap = state.adv_capability[:, w.adversary]
    leverage = np.clip(p.leverage_base + p.leverage_domestic * state.domestic_pressure, 0.0, 1.0)[:, None]
    # Deterrence ratio: U.S. power there (guarantee and presence, times credibility) plus the ally's own
    # capability and a share of its theatre partners', against the adversary's capability.
    partners = (state.capability * ~state.realigned) @ w.same_theatre
    # A treaty guarantee deters even where few U.S. troops stand (extended deterrence); partners without a
    # treaty (Taiwan) count only on the forces actually there.
    reach = p.guarantee * w.treaty + (1 - p.guarantee) * state.presence
    us_power = p.us_weight * reach * state.credibility[:, None] * adv_cap
    deterrence = (us_power + state.capability + p.coalition_help * partners) / adv_cap
    return Derived(protection(state.trust, state.presence, p),
                   self_reliance(state.capability, state.threat, adv_cap), leverage, deterrence)


def step(state: State, orders: np.ndarray, rng: np.random.Generator,
         us: np.ndarray | None = None) -> tuple[State, Report]:
    """Resolve one turn. `orders` holds order codes (state.ORDER_CODE), shape (B, N) or (N,); `us` the U.S.-level
    action of each run (state.US_ACTION_CODE), shape (B,) or scalar, default none. Every random draw has the batch
    axis first, so run b's luck depends only on its row (analyses that tile runs rely on this)."""
    w, p, dt = state.world, state.world.params, state.world.dt
    B, N = state.spending.shape
    orders = np.broadcast_to(np.asarray(orders, dtype=np.int8), (B, N))
    fp, fr, fw, fc = ((orders == code).astype(float) for code in (PRESSURE, REASSURE, WITHDRAW, CRITICIZE))
    d = derive(state)
    threat, trust, align, hedge = state.threat, state.trust, state.alignment, state.hedging
    active = ~(state.realigned | state.nuclear)  # allies that broke with the U.S. no longer heed its orders
    draws = np.moveaxis(rng.random((B, 5, N)), 1, 0)
    congress_draw = rng.random(B)
    withdrawn_near = fw @ w.same_theatre                  # withdrawals from other allies in the same theatre
    withdrawn_far = (fw @ np.ones((N, 1))) - fw - withdrawn_near

    # --- spending (% GDP): part-way toward a target set by threat and free-riding, plus the orders ----------
    sf = np.zeros((len(FACTORS["spending"]), B, N))
    r = per_turn(p.spending_rate, dt)
    felt = p.threat_weight * threat ** p.threat_curvature   # % GDP the threat alone calls for
    sf[0] = r * felt
    sf[1] = -r * felt * p.trade_damping * w.trade
    sf[2] = -r * felt * p.free_riding * d.protection
    pushable = threat * w.responsiveness * active
    # Pressing an ally that already pays more than its threat warrants moves it less and breeds resentment.
    paid_up = np.clip((state.spending - fair_share(threat, p)) / p.guideline, 0.0, 1.0)
    # A threat repeated turn after turn and never carried out wears thin.
    worn = 1.0 / (1.0 + p.pressure_fatigue * state.pressed)
    sf[3] = fp * p.pressure_effect * dt * pushable * d.leverage * worn * (1 - d.self_reliance) * (1 - paid_up)
    sf[4] = fc * p.criticism_effect * dt * pushable
    sf[5] = (fw + p.withdrawal_spill * np.minimum(withdrawn_near, 3)) * p.withdrawal_jolt \
        * (0.5 + threat) * w.responsiveness * active
    raw = sf[:6].sum(0) + r * (w.baseline - state.spending)
    lo = np.maximum(state.spending - p.max_fall * dt, 0.0)
    hi = np.maximum(np.minimum(state.spending + p.max_rise * dt, w.ceiling), lo)
    spending = np.clip(state.spending + raw, lo, hi)
    sf[6] = spending - state.spending - sf[:6].sum(0)   # the pull of other priorities, and caps

    # --- trust ----------------------------------------------------------------------------------------------
    tf = np.zeros((len(FACTORS["trust"]), B, N))
    tf[0] = fr * per_turn(p.trust_reassure, dt) * (1 - trust)
    resentment = 1 + p.pressure_resentment * paid_up
    tf[1] = -fp * p.trust_pressure * dt * trust * resentment
    tf[2] = -fw * p.trust_withdraw * trust
    tf[3] = -fc * p.trust_criticize * dt * trust
    spill = np.minimum(p.trust_spillover_same * withdrawn_near + p.trust_spillover_other * withdrawn_far, 0.5)
    tf[4] = -(1 - fw) * spill * trust
    tf[5] = per_turn(p.trust_credibility_pull, dt) * (state.credibility[:, None] - trust)

    # --- alignment: rests at its start value; moves as protection and self-reliance change, and with orders --
    af = np.zeros((len(FACTORS["alignment"]), B, N))
    ra = per_turn(p.alignment_rate, dt)
    af[0] = ra * p.alignment_dependence * (d.protection - w.protection0)
    af[1] = -ra * p.alignment_self_reliance * (d.self_reliance - w.self_reliance0)
    af[2] = ra * (w.alignment0 - align)
    af[3] = fr * per_turn(p.alignment_reassure, dt) * (1 - align)
    af[4] = -fp * p.alignment_pressure * dt * align * resentment
    af[5] = -fc * p.alignment_criticize * dt * align
    af[6] = -fw * p.alignment_withdraw * align

    # --- hedging: grows where threat outruns protection, fades slowly once started --------------------------
    hf = np.zeros((len(FACTORS["hedging"]), B, N))
    insecurity = np.maximum(threat * (1 - d.protection) - p.hedging_comfort, 0.0)
    hf[0] = p.hedging_growth * dt * insecurity * w.latency * (1 - hedge)
    hf[1] = fw * p.hedging_withdraw * threat * w.latency * (1 - hedge)
    hf[2] = -p.hedging_decay * dt * d.protection * hedge * (1 - p.hedging_sticky * hedge)

    # --- presence, emboldenment, capability, adversaries ----------------------------------------------------
    presence = np.clip(state.presence + fr * p.reassure_presence - fw * p.withdraw_presence, 0.0, 1.0)
    emboldened = state.emboldened * (1 - per_turn(p.embolden_decay, dt)) + fr * p.embolden_reassure * trust
    pressed = state.pressed * (1 - per_turn(p.pressure_memory, dt)) + fp * dt
    capability = state.capability + per_turn(p.capability_rate, dt) * (spending / 100 * w.gdp - state.capability)
    revisionism = state.revisionism + per_turn(p.revisionism_rate, dt) * (w.revisionism0 - state.revisionism) \
        + p.revisionism_withdraw * (fw @ w.adv_onehot)
    adv_capability = state.adv_capability * (1 + w.adversary_growth) ** dt

    # --- chance: probes where deterrence looks thin, entrapment, proliferation, accommodation, Congress -----
    rev_i = state.revisionism[:, w.adversary]
    probe = (draws[0] < chance(p.probe_rate * rev_i * w.exposure * np.exp(-p.probe_deterrence * d.deterrence), dt)) & active
    aggression = probe & (draws[1] < 1.0 / (1.0 + d.deterrence ** 2))
    repelled = probe & ~aggression
    entrap = (draws[2] < chance(p.entrapment_rate * w.dispute * emboldened, dt)) & active
    hedge_now = np.clip(hedge + hf[:3].sum(0), 0.0, 1.0)
    over = np.clip((hedge_now - p.nuclear_threshold) / (1 - p.nuclear_threshold), 0.0, 1.0)
    nuclear = (draws[3] < chance(p.nuclear_rate * over * w.latency, dt)) & ~state.nuclear & (over > 0)
    realign_hazard = p.realign_rate * w.trade * threat * (1 - align) * (trust < p.realign_trust)
    realign = (draws[4] < chance(realign_hazard, dt)) & ~state.realigned
    congress = (state.domestic_pressure > p.congress_threshold) & (congress_draw < chance(p.congress_rate, dt))

    hit, held = aggression.astype(float), repelled.astype(float)
    hit_near = np.minimum(hit @ w.same_theatre, 2)
    threat_jump = p.crisis_threat * (3 * hit + held + hit_near * w.exposure + entrap)
    tf[6] = -(p.aggression_trust * (hit + hit_near / 3) + p.congress_trust * congress[:, None] * (presence > 0)) * trust
    presence = np.clip(presence - p.congress_cut * congress[:, None], 0.0, 1.0)
    hf[3] = nuclear * (1.0 - hedge_now)
    af[7] = -(p.alignment_nuclear * nuclear + p.alignment_realign * realign) * align
    revisionism = np.clip(revisionism + p.revisionism_success * (hit @ w.adv_onehot)
                          - p.revisionism_repelled * (held @ w.adv_onehot), 0.0, 1.0)

    threat_shift = state.threat_shift + threat_jump
    appetite = lambda rev: p.posture_base + (1 - p.posture_base) * rev  # noqa: E731
    posture = np.sqrt(adv_capability / w.adversary_capability0) * appetite(revisionism) / appetite(w.revisionism0)
    threat_target = np.clip(w.exposure * posture[:, w.adversary] + threat_shift, 0.0, 1.0)
    threat = np.clip(threat + per_turn(p.threat_rate, dt) * (threat_target - threat) + threat_jump, 0.0, 1.0)

    # --- the United States: cost (US$ bn per year), Congress, credibility ------------------------------------
    ones = np.ones(N)
    crises = probe @ ones + entrap @ ones
    cost = (presence + fr * p.reassure_cost) @ w.upkeep + p.crisis_cost * crises
    shortfall = np.maximum(p.guideline - spending, 0) @ w.gdp / (p.guideline * w.gdp.sum())
    overrun = np.maximum(cost / state.budget - 1.0, 0.0)
    dp_target = np.clip(w.campaign.us.domestic_pressure + p.domestic_free_riding * (shortfall - w.shortfall0)
                        + p.domestic_overrun * overrun + p.domestic_entrapment * (entrap @ ones), 0.0, 1.0)
    domestic = state.domestic_pressure + per_turn(p.domestic_rate, dt) * (dp_target - state.domestic_pressure)
    domestic = np.clip(domestic - p.congress_relief * congress, 0.0, 1.0)  # the vote releases some pressure
    credibility = np.clip(
        state.credibility - p.credibility_withdraw * (fw @ ones)
        + p.credibility_reassure * (1 - state.credibility) * (fr @ ones) / N
        - p.credibility_aggression * (aggression @ ones) - p.credibility_congress * congress, 0.0, 1.0)

    new = state.evolve(
        turn=state.turn + 1, spending=spending, capability=capability, threat=threat, threat_shift=threat_shift,
        trust=trust + _bounded(tf, trust), alignment=align + _bounded(af, align), hedging=hedge + _bounded(hf, hedge),
        presence=presence, emboldened=emboldened, pressed=pressed, nuclear=state.nuclear | nuclear,
        realigned=state.realigned | realign, adv_capability=adv_capability, revisionism=revisionism,
        domestic_pressure=domestic, credibility=credibility,
        us_cost_total=state.us_cost_total + cost * dt, budget_total=state.budget_total + state.budget * dt,
        ally_milex_total=state.ally_milex_total + spending @ w.gdp / 100 * dt,
        aggressions=state.aggressions + aggression @ ones, crises=state.crises + crises,
    )
    new, event_deltas, fired = fire_events(new)
    for var, factors in (("spending", sf), ("trust", tf), ("alignment", af), ("hedging", hf)):
        factors[-1] = event_deltas[var]
    report = Report(
        turn=state.turn + 1, orders=orders.copy(), spending=np.moveaxis(sf, 0, -1), trust=np.moveaxis(tf, 0, -1),
        alignment=np.moveaxis(af, 0, -1), hedging=np.moveaxis(hf, 0, -1),
        probe=probe, aggression=aggression, entrapment=entrap, nuclear=nuclear, realignment=realign,
        congress_cut=congress, fired=fired, us_cost=cost, deterrence=d.deterrence,
    )
    return new, report


def _bounded(factors: np.ndarray, value: np.ndarray) -> np.ndarray:
    """Sum the factors (F, B, N), folding whatever the 0-1 bounds cut off into the 'limit' factor (second last),
    so the breakdown still adds up to the change."""
    total = factors.sum(0)
    factors[-2] = np.clip(value + total, 0.0, 1.0) - (value + total)
    return total + factors[-2]
