"""`step`: the one way the model's state changes.

One call resolves one turn for every run in the batch: the allies answer the orders, adversaries decide whether to
probe, crises and hedging play out, Congress reacts, and the events of the next turn fire. Each change to an ally's
spending, trust, alignment and hedging is built as a sum of named factors (report.FACTORS), filled by name by one
function per variable, so the turn report can say why. All randomness comes from the Generator passed in, drawn in
a fixed order and shape.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.sim import answers as answers_of, posture
from game.sim.derived import (Derived, chance, derive, drawdown_hazard, heard, issues, loyal, paid_share, per_turn,
                               pressure_push, reliance, success)
from game.sim.events import fire_events
from game.sim.layout import allies_total, by_group, by_kind, factor_arrays, factors_total, neighbours, weighted
from game.sim.report import FACTORS, SYSTEM_FACTORS, Breakdown, Report
from game.sim.state import CONGRESS, CRITICIZE, NO_ACTION, PRESSURE, REASSURE, State
from game.sim.war import draw_war, war_surge


class Turn:
    """What every part of one turn reads: the state before it, the orders as 0/1 arrays, and the turn's draws."""

    def __init__(self, state: State, orders, rng: np.random.Generator, us, answers=None):
        w, p = state.world, state.world.params
        self.state, self.w, self.p, self.dt, self.real = state, w, p, w.dt, w.real
        B, N = state.spending.shape
        # The state's layout (game.sim.layout).
        self.orders = np.asfortranarray(np.broadcast_to(np.asarray(orders, dtype=np.int8), (B, N)))
        self.us = np.broadcast_to(np.asarray(NO_ACTION if us is None else us, dtype=np.int8), (B,))
        self.invoked = self.us == CONGRESS
        self.fp, self.fr, self.fc = ((self.orders == code).astype(self.real) for code in (PRESSURE, REASSURE,
                                                                                          CRITICIZE))
        self.active = loyal(state)  # allies that broke with the U.S. no longer heed its orders
        self.draws = by_kind(rng.random((B, 6, N)), self.real)
        congress_draw = rng.random(B)
        # Domestic pressure once this turn's U.S. action has stirred it; past its threshold Congress may force a
        # drawdown: a withdrawal from every ally that nobody ordered, felt through the same channels as one.
        self.domestic = np.clip(state.domestic_pressure + p.congress_stir * self.invoked.astype(self.real), 0.0, 1.0)
        self.congress_cut = congress_draw < chance(drawdown_hazard(self.domestic, p), w.dt)
        # A withdrawal removes the forces actually there: where none are left the order does nothing.
        ordered = posture.removed(state.presence, self.orders, p)
        forced = np.minimum(state.presence - ordered, p.congress_cut) * self.congress_cut[:, None]
        self.removed = ordered + forced
        # As the world reads it (trust, alignment, credibility, the adversary's appetite), in full withdrawals: one
        # Washington orders is a decision, read as at least `withdrawal_signal` of one however few forces leave.
        self.fw_ordered = np.where(ordered > 0, np.maximum(ordered / p.withdraw_presence, p.withdrawal_signal), 0.0)
        self.fw_forced = forced / p.withdraw_presence
        self.fw = self.fw_ordered + self.fw_forced
        # As the ally feels it in its own defence (its jolt into arming, its push toward a bomb): the forces removed,
        # in full where the U.S. garrison carried a real share of its defence, hardly at all where it was a token (a
        # few hundred staff beside a large army of its own).
        self.fw_felt = self.removed / p.withdraw_presence * np.minimum(reliance(state) / p.reliance_full, 1.0)
        self.war = draw_war(state, rng) if state.turn == 0 else state.war
        # Withdrawals from other allies, in the same theatre and elsewhere.
        self.withdrawn_near = neighbours(self.fw, w.theatre_members, w.theatre)
        self.withdrawn_far = allies_total(self.fw)[:, None] - self.fw - self.withdrawn_near
        self.d: Derived = derive(state, congress=self.invoked)
        # What the seats of allies played by people answered (game.sim.answers), 0 where the model answers.
        given = answers_of.none(state) if answers is None else np.broadcast_to(np.asarray(answers, np.int8), (B, N, 2))
        self.spend_answer, self.stance = given[..., 0], given[..., 1]

    def breakdown(self, var: str) -> Breakdown:
        B, N = self.state.spending.shape
        return Breakdown(FACTORS[var], factor_arrays(len(FACTORS[var]), B, N, self.real))


@dataclass(frozen=True, eq=False)
class Spending:
    value: np.ndarray       # (B, N) % GDP after the turn
    factors: Breakdown
    alarm: np.ndarray       # the threat-perception shock carried to the next turn
    complied: np.ndarray    # 0-1: how far each ally answered a demand
    paid_up: np.ndarray     # 0-1: how far past its fair share it already paid (derived.paid_share)


def _spending(t: Turn) -> Spending:
    """Part-way toward a target set by threat and free-riding, plus the orders."""
    state, w, p, dt = t.state, t.w, t.p, t.dt
    sf = t.breakdown("spending")
    # An adversary arming for war beyond its trend (Russia's war economy after February 2022) calls for more, and
    # the more so the more exposed the ally: the wartime response, as hard as this run's draw of it.
    surge = war_surge(state)
    r = per_turn(p.spending_rate + t.war[:, 1:] * surge, dt)
    felt = p.threat_weight * state.threat ** p.threat_curvature   # % GDP the threat alone calls for
    # What budget-makers feel the threat calls for wanders around the model's figure (scares, elections, the
    # economy) and fades back: a shock in % of GDP, uniform draws scaled to unit variance.
    alarm = state.alarm * (1 - per_turn(p.alarm_fade, dt)) \
        + p.alarm_sd * math.sqrt(12 * dt) * (t.draws[5] - 0.5)
    # Products are written into their factor's slot (out=), per-ally constants multiplied together first: each
    # operation on a whole batch costs, each on an (N,) vector next to nothing.
    mul = np.multiply
    mul(r, felt + t.war[:, :1] * surge + alarm, out=sf["threat"])
    gap_pull = -r * felt                               # how much a factor that damps the threat's call takes
    mul(gap_pull, p.trade_damping * w.trade, out=sf["trade with the adversary"])
    mul(gap_pull, t.d.protection, out=sf["free-riding"])
    sf["free-riding"] *= p.free_riding
    partners_gain = neighbours(state.capability, w.theatre_members, w.theatre) / np.maximum(w.partners0, 1e-9) - 1
    mul(gap_pull, np.clip(partners_gain, -0.5, 1.0), out=sf["riding on partners"])
    sf["riding on partners"] *= p.partner_free_riding * (w.partners0 > 0)
    paid_up = paid_share(state)
    # Public criticism moves no budget by itself; an ally shamed in public hears later demands less, and what it
    # would have given without the shaming is filed under criticism (so the two add up to what pressure won).
    mul(t.fp, pressure_push(state, t.d), out=sf["criticism"])
    sf["criticism"] *= dt
    np.divide(sf["criticism"], heard(state), out=sf["pressure"])
    sf["criticism"] -= sf["pressure"]
    heeded = state.threat * (w.responsiveness * t.active)   # how far an order moves the ally's spending
    sf["criticism"] -= t.fc * heeded * (p.criticism_defiance * dt)
    mul(t.fw_felt + p.withdrawal_spill * np.minimum(t.withdrawn_near, 3),
        heeded + 0.5 * w.responsiveness * t.active, out=sf["fear of abandonment"])
    sf["fear of abandonment"] *= p.withdrawal_jolt
    moved = sf.before("domestic limits")
    raw = moved + r * (w.baseline - state.spending)
    lo = np.maximum(state.spending - p.max_fall * dt, 0.0)
    hi = np.maximum(np.minimum(state.spending + p.max_rise * dt, w.ceiling), lo)
    advised = np.clip(state.spending + raw, lo, hi)
    np.subtract(advised - state.spending, moved, out=sf["domestic limits"])   # other priorities' pull, and caps
    spending = answers_of.spending(state, advised, lo, hi, t.spend_answer)
    np.subtract(spending, advised, out=sf[answers_of.CHOICE])
    change = spending - state.spending
    # The other half of the bargain: an ally that answers a demand is stood by ("do it and we stand by you").
    complied = np.clip(np.minimum(sf["pressure"], change) * (1 / (p.compliance_scale * dt)), 0.0, 1.0)
    return Spending(spending, sf, alarm, complied, paid_up)


def _strain(t: Turn, s: Spending) -> np.ndarray:
    """(B, N) how hard this turn's demand strains the relationship: more on an ally already paying past its fair
    share (resentment), most when the demand goes unanswered; 0 where no pressure was applied."""
    return t.fp * (t.p.pressure_strain + t.p.pressure_resentment * s.paid_up + (1 - s.complied))


def _trust(t: Turn, s: Spending, strain: np.ndarray) -> Breakdown:
    """Every factor of trust but the crises, which the turn's chances decide (see `step`)."""
    w, p, dt, trust = t.w, t.p, t.dt, t.state.trust
    tf = t.breakdown("trust")
    mul = np.multiply
    doubt = 1 - trust
    mul(t.fr * per_turn(p.trust_reassure, dt), doubt, out=tf["reassurance"])
    mul(t.fp * s.complied, doubt, out=tf["promise kept"])
    tf["promise kept"] *= per_turn(p.trust_bargain, dt)
    mul(strain, trust, out=tf["pressure"])
    tf["pressure"] *= -p.trust_pressure * dt
    mul(t.fw, trust, out=tf["withdrawal"])
    tf["withdrawal"] *= -p.trust_withdraw
    mul(t.fc, trust, out=tf["criticism"])
    tf["criticism"] *= -p.trust_criticize * dt
    # The exposed read a drawdown anywhere in their region as a sign that they could be next.
    near_weight = p.trust_spillover_same + p.trust_spillover_exposed * w.exposure
    spill = np.minimum(near_weight * t.withdrawn_near + p.trust_spillover_other * t.withdrawn_far, 0.5)
    mul((t.fw - 1.0) * spill, trust, out=tf["spillover"])
    mul(t.state.credibility[:, None] - trust, per_turn(p.trust_credibility_pull, dt), out=tf["U.S. credibility"])
    return tf


def _alignment(t: Turn, s: Spending, strain: np.ndarray) -> Breakdown:
    """Rests at its start value; moves as protection and self-reliance change, and with the orders. The break with
    the U.S. comes from the turn's chances (see `step`)."""
    state, w, p, dt, d, align = t.state, t.w, t.p, t.dt, t.d, t.state.alignment
    af = t.breakdown("alignment")
    mul = np.multiply
    ra = per_turn(p.alignment_rate, dt)
    mul(d.protection - w.protection0, ra * p.alignment_dependence, out=af["protection"])
    mul(d.self_reliance - w.self_reliance0, -ra * p.alignment_self_reliance, out=af["self-reliance"])
    mul(state.autonomy[:, w.theatre], -ra * p.alignment_third_force * (1 - w.exposure), out=af["third force"])
    mul(w.alignment0 - align, ra, out=af["habit"])
    slack = 1 - align
    mul(t.fr, slack, out=af["reassurance"])
    af["reassurance"] *= per_turn(p.alignment_reassure, dt)
    mul(t.fp * s.complied, slack, out=af["promise kept"])
    af["promise kept"] *= per_turn(p.alignment_bargain, dt)
    mul(strain, align, out=af["pressure"])
    af["pressure"] *= -p.alignment_pressure * dt
    mul(t.fc, align, out=af["criticism"])
    af["criticism"] *= -p.alignment_criticize * dt
    mul(t.fw, align, out=af["withdrawal"])
    af["withdrawal"] *= -p.alignment_withdraw
    af[answers_of.CHOICE] = answers_of.stance_alignment(state, t.stance)
    return af


def _hedging(t: Turn) -> Breakdown:
    """Grows where threat outruns protection, fades slowly once started. A programme's start comes from the turn's
    chances (see `step`)."""
    w, p, dt, d, threat, hedge = t.w, t.p, t.dt, t.d, t.state.threat, t.state.hedging
    hf = t.breakdown("hedging")
    mul = np.multiply
    insecurity = np.maximum(threat * (1 - d.protection) - p.hedging_comfort, 0.0)
    open_to = w.latency * (1 - hedge)                  # how far an ally can still move toward the bomb
    mul(insecurity * (p.hedging_growth * dt), open_to, out=hf["insecurity"])
    mul(t.fw_felt * threat, open_to, out=hf["withdrawal"])
    hf["withdrawal"] *= p.hedging_withdraw
    mul(d.protection * hedge, 1 - p.hedging_sticky * hedge, out=hf["protection"])
    hf["protection"] *= -p.hedging_decay * dt
    hf[answers_of.CHOICE] = answers_of.stance_hedging(t.state, t.stance, d.protection)
    return hf


def _system(t: Turn, names: str, width: int | None = None) -> Breakdown:
    """A system-wide breakdown (SYSTEM_FACTORS): per run, or per run and adversary when `width` is given."""
    B, F = t.state.runs, len(SYSTEM_FACTORS[names])
    values = np.zeros((F, B), dtype=t.real) if width is None else factor_arrays(F, B, width, t.real)
    return Breakdown(SYSTEM_FACTORS[names], values)


@dataclass(frozen=True, eq=False)
class Chances:
    """What the dice decided this turn, judged on the posture after the orders."""
    now: Derived            # deterrence and risk after the orders
    probe: np.ndarray
    aggression: np.ndarray
    repelled: np.ndarray
    entrap: np.ndarray
    nuclear: np.ndarray     # starts a weapons programme
    renounce: np.ndarray    # gives its programme up
    realign: np.ndarray
    hedge_now: np.ndarray   # hedging before a programme's start is added


def _chances(t: Turn, now: Derived, hf: Breakdown, emboldened: np.ndarray) -> Chances:
    """Probes and their success, entrapment, a nuclear programme given up or started, accommodation. Judged on the
    posture after the orders (`now`), so a last-turn withdrawal is no free lunch."""
    state, w, p, dt, draws = t.state, t.w, t.p, t.dt, t.draws
    probe = (draws[0] < chance(now.hazard, dt)) & t.active
    aggression = probe & (draws[1] < success(now.deterrence))
    entrap = (draws[2] < chance(p.entrapment_rate * w.dispute * emboldened, dt)) & t.active
    hedge_now = np.clip(state.hedging + hf.before("nuclear programme"), 0.0, 1.0)
    over = np.clip((hedge_now - p.nuclear_threshold) / (1 - p.nuclear_threshold), 0.0, 1.0)
    nuclear = (draws[3] < chance(p.nuclear_rate * over * w.latency, dt)) & ~state.nuclear & (over > 0)
    # An ally with a programme, pressed to give it up, may do so: the likelier the more protection it expects and
    # the more believable the threat. It has no new programme to start, so the same draw decides.
    rollback_hazard = p.rollback_rate * t.fp * now.protection * t.d.credible
    renounce = (draws[3] < chance(rollback_hazard, dt)) & state.nuclear
    # Accommodation is for an ally with no bomb of its own to fall back on and little hope of help, tied to the
    # adversary by trade, once its trust has collapsed.
    despair = w.trade * (1 - w.latency) * (1 - t.d.protection) * (1 - state.alignment) * (state.trust < p.realign_trust)
    realign = (draws[4] < chance(p.realign_rate * despair, dt)) & ~state.realigned
    nuclear, renounce, realign = answers_of.branches(state, t.stance, nuclear, renounce, realign)
    return Chances(now, probe, aggression, probe & ~aggression, entrap, nuclear, renounce, realign, hedge_now)


def _threat(t: Turn, jump: np.ndarray, revisionism: np.ndarray, adv_capability: np.ndarray):
    """Toward the adversary's posture, with the memory of crises fading slowly. Returns (threat, its lasting
    shift)."""
    state, w, p, dt = t.state, t.w, t.p, t.dt
    threat_shift = state.threat_shift * (1 - per_turn(p.threat_memory, dt)) + jump
    appetite = lambda rev: p.posture_base + (1 - p.posture_base) * rev  # noqa: E731
    menace = np.sqrt(adv_capability / w.adversary_capability0) * appetite(revisionism) / appetite(w.revisionism0)
    lasting = np.exp(4 * np.clip(threat_shift, -5, 5))    # clipped: a huge event shift must not overflow
    target = np.minimum(saturate(w.exposure, menace[:, w.adversary] * lasting), p.threat_max)
    threat = np.clip(state.threat + per_turn(p.threat_rate, dt) * (target - state.threat) + jump, 0.0, p.threat_max)
    return threat, threat_shift


def _autonomy(t: Turn) -> np.ndarray:
    """The third force: insulated allies that arm themselves and doubt Washington drift apart, per theatre."""
    state, w, p, d = t.state, t.w, t.p, t.d
    insulated = (1 - w.exposure) * w.gdp
    drift = insulated * (p.autonomy_self_reliance * np.maximum(d.self_reliance - w.self_reliance0, 0.0)
                         + p.autonomy_distrust * np.maximum(w.trust0 - state.trust, 0.0))
    all_insulated = by_group(insulated[None, :], w.theatre_members)
    target = np.clip(by_group(drift, w.theatre_members) / np.maximum(all_insulated, 1e-9), 0, 1)
    return state.autonomy + per_turn(p.autonomy_rate, t.dt) * (target - state.autonomy)


def _domestic(t: Turn, df: Breakdown, spending: np.ndarray, cost: np.ndarray, entrap: np.ndarray) -> np.ndarray:
    """Domestic pressure drifts toward a target: its usual level, raised by the allies' shortfall against the 2 %
    line, a budget overrun and entrapment crises (each drift term a factor; a target past 0-1 is "limit")."""
    state, w, p, domestic = t.state, t.w, t.p, t.domestic
    shortfall = weighted(np.maximum(p.guideline - spending, 0), w.gdp) / (p.guideline * w.gdp.sum())
    overrun = np.maximum(cost / np.maximum(state.budget, 1e-9) - 1.0, 0.0)
    rd = per_turn(p.domestic_rate, t.dt)
    target = (w.campaign.us.domestic_pressure, p.domestic_free_riding * (shortfall - w.shortfall0),
              p.domestic_overrun * overrun, p.domestic_entrapment * entrap.sum(-1, dtype=t.real))
    df["settling"] = rd * (target[0] - domestic)
    df["allies' shortfall"], df["over budget"], df["entrapment crises"] = (rd * x for x in target[1:])
    drifted = domestic + rd * (np.clip(sum(target), 0.0, 1.0) - domestic)
    df["the vote"] = -p.congress_relief * t.congress_cut      # the vote releases some pressure
    domestic = np.clip(drifted + df["the vote"], 0.0, 1.0)
    df["limit"] = domestic - state.domestic_pressure - df.before("limit")
    return domestic


def step(state: State, orders: np.ndarray, rng: np.random.Generator,
         us: np.ndarray | None = None, forced: np.ndarray | None = None,
         answers: np.ndarray | None = None) -> tuple[State, Report]:
    """Resolve one turn. `orders` holds order codes (state.ORDER_CODE), shape (B, N) or (N,); `us` the U.S.-level
    action of each run (state.US_ACTION_CODE), shape (B,) or scalar, default none; `forced` the campaign events
    a facilitator fires at the start of the next turn whatever their conditions, shape (B, E) or (E,); `answers` what
    the seats of allies played by people answered (game.sim.answers: (B, N, 2) or (N, 2) codes), default none. Every
    random draw has the batch axis first, so run b's luck depends only on its row (analyses that tile runs rely on
    this)."""
    t = Turn(state, orders, rng, us, answers)
    w, p, dt, real = t.w, t.p, t.dt, t.real
    s = _spending(t)
    strain = _strain(t, s)
    tf, af, hf = _trust(t, s, strain), _alignment(t, s, strain), _hedging(t)

    # --- the orders take effect: presence, the adversary's boldness, U.S. credibility -----------------------
    presence = posture.presence_after(state.presence, t.fr, t.removed, p, dt)
    # Credibility, domestic pressure and each adversary's appetite are built as named factors too
    # (report.SYSTEM_FACTORS), so the turn report can say why they moved.
    cf, df, rf = _system(t, "credibility"), _system(t, "domestic"), _system(t, "appetite", state.revisionism.shape[1])
    rf["U.S. withdrawals"] = p.revisionism_withdraw * by_group(t.fw, w.adversary_members)
    revisionism = state.revisionism + rf["U.S. withdrawals"]
    cf["withdrawals"] = -p.credibility_withdraw * allies_total(t.fw_ordered)
    cf["forced drawdown"] = -p.credibility_withdraw * allies_total(t.fw_forced)
    cf["reassurance"] = p.credibility_reassure * (1 - state.credibility) * t.fr.mean(-1)
    credibility = state.credibility + cf["withdrawals"] + cf["forced drawdown"] + cf["reassurance"]
    df["invoking Congress"] = t.domestic - state.domestic_pressure
    emboldened = state.emboldened * (1 - per_turn(p.embolden_decay, dt)) + t.fr * p.embolden_reassure * state.trust
    pressed = state.pressed * (1 - per_turn(p.pressure_memory, dt)) + t.fp * dt
    shamed = state.shamed * (1 - per_turn(p.shame_memory, dt)) + t.fc * dt
    capability = state.capability + per_turn(p.capability_rate, dt) * (s.value / 100 * w.gdp - state.capability)
    adv_capability = state.adv_capability * (1 + w.adversary_growth) ** dt

    # --- chance, and what it sets off -------------------------------------------------------------------------
    c = _chances(t, derive(state, presence, credibility, revisionism, t.invoked), hf, emboldened)
    hit, held = c.aggression.astype(real), c.repelled.astype(real)
    hit_near = np.minimum(neighbours(hit, w.theatre_members, w.theatre), 2)
    jump = p.crisis_threat * (3 * hit + held + hit_near * w.exposure + c.entrap)
    tf["crises"] = -p.aggression_trust * (hit + hit_near / 3) * state.trust
    hf["nuclear programme"] = c.nuclear * (1.0 - c.hedge_now) \
        + c.renounce * (np.minimum(c.hedge_now, p.rollback_hedging) - c.hedge_now)
    af["break with the U.S."] = -(p.alignment_nuclear * c.nuclear + p.alignment_realign * c.realign) \
        * state.alignment
    rf["fading"] = per_turn(p.revisionism_rate, dt) * (w.revisionism0 - state.revisionism)
    rf["successful attacks"] = p.revisionism_success * by_group(hit, w.adversary_members)
    rf["probes repelled"] = -p.revisionism_repelled * by_group(held, w.adversary_members)
    revisionism = np.clip(revisionism + rf["fading"] + rf["successful attacks"] + rf["probes repelled"], 0.0, 1.0)
    rf["limit"] = revisionism - state.revisionism - rf.before("limit")
    threat, threat_shift = _threat(t, jump, revisionism, adv_capability)
    autonomy = _autonomy(t)

    # --- the United States: cost (US$ bn per year), Congress, credibility ------------------------------------
    crises = (c.probe.sum(-1) + c.entrap.sum(-1)).astype(real)
    cost = allies_total(posture.upkeep(presence, t.fr, w.upkeep, p, state.offset)) + p.crisis_cost * crises
    domestic = _domestic(t, df, s.value, cost, c.entrap)
    cf["recovery"] = per_turn(p.credibility_recovery, dt) * (w.campaign.us.credibility - credibility)
    cf["successful attacks"] = -p.credibility_aggression * c.aggression.sum(-1)
    credibility = np.clip(credibility + cf["recovery"] + cf["successful attacks"], 0.0, 1.0)
    cf["limit"] = credibility - state.credibility - cf.before("limit")

    align = state.alignment
    alignment = align + _bounded(af, align)
    weight = w.gdp / w.gdp.sum()
    new = state.evolve(
        turn=state.turn + 1, spending=s.value, capability=capability, threat=threat, threat_shift=threat_shift,
        trust=state.trust + _bounded(tf, state.trust), alignment=alignment,
        hedging=state.hedging + _bounded(hf, state.hedging),
        presence=presence, emboldened=emboldened, pressed=pressed, shamed=shamed, alarm=s.alarm, war=t.war,
        nuclear=(state.nuclear | c.nuclear) & ~c.renounce, renounced=state.renounced | c.renounce,
        realigned=state.realigned | c.realign, aggressed=state.aggressed + hit, autonomy=autonomy,
        adv_capability=adv_capability, revisionism=revisionism, domestic_pressure=domestic, credibility=credibility,
        us_cost_total=state.us_cost_total + cost * dt, budget_total=state.budget_total + state.budget * dt,
        ally_milex_total=state.ally_milex_total + weighted(s.value, w.gdp) * (dt / 100),
        aggressions=state.aggressions + hit.sum(-1), crises=state.crises + crises,
        risk_total=state.risk_total + allies_total(c.now.risk),
        fair_total=state.fair_total + weighted(np.minimum(s.value, w.fair_share0), w.gdp) * (dt / 100),
        influence_total=state.influence_total + weighted(alignment * ~(state.realigned | c.realign), weight) * dt,
    )
    new, event_deltas, fired = fire_events(new, forced)
    was, own_way = issues(state), issues(new)   # the named issues it went its own way on
    for var, factors in (("spending", s.factors), ("trust", tf), ("alignment", af), ("hedging", hf)):
        factors["events"] = event_deltas[var]
    for now_value, before, factors in ((new.credibility, credibility, cf), (new.domestic_pressure, domestic, df),
                                       (new.revisionism, revisionism, rf)):
        factors["events"] = now_value - before      # what this turn's events changed
    ally = lambda b: np.moveaxis(b.values, 0, -1)  # noqa: E731 - (F, B, ...) as the report's (B, ..., F)
    report = Report(
        turn=state.turn + 1, orders=t.orders.copy(), spending=ally(s.factors), trust=ally(tf),
        alignment=ally(af), hedging=ally(hf),
        probe=c.probe, aggression=c.aggression, entrapment=c.entrap, nuclear=c.nuclear, realignment=c.realign,
        renounced=c.renounce, own_way=np.where(own_way > was, own_way, 0).astype(np.int8),
        congress_cut=t.congress_cut, us_action=t.us.copy(), risk=c.now.risk, fired=fired, us_cost=cost,
        deterrence=c.now.deterrence, credibility=ally(cf), domestic=ally(df), appetite=ally(rf),
    )
    return new, report


def saturate(exposure: np.ndarray, menace: np.ndarray) -> np.ndarray:
    """Exposure scaled by the adversary's posture (and the lasting shift of crises and events) in odds, so a
    growing menace raises threat without pinning it at 1 for the rest of the game. exp(4 x shift) makes a shift of
    0.1 worth about 0.1 of threat at mid-range."""
    odds = np.minimum(exposure / np.maximum(1 - exposure, 1e-6) * menace, 1e12)   # finite: inf / inf is NaN
    return odds / (1 + odds)


def _bounded(factors: Breakdown, value: np.ndarray) -> np.ndarray:
    """Sum the factors, folding whatever the 0-1 bounds cut off into the 'limit' factor, so the breakdown still adds
    up to the change."""
    total = factors_total(factors.values)
    factors["limit"] = np.clip(value + total, 0.0, 1.0) - (value + total)
    return total + factors["limit"]
