"""The mutants tools/mutate.py applies: one mechanism of the model broken at a time (a term zeroed, a sign flipped,
a channel deleted, a factor filed under the wrong name). Each names the mechanism it breaks, so a survivor says
which mechanism no test watches.

Each edit is (old, new): `old` must occur exactly once in the file, so a mutant whose line has changed is reported
as stale instead of silently mutating something else (tests/test_mutants_current.py checks this in the suite).
Keep the list current with the mechanisms: a new term in step.py gets a mutant here and a test that kills it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mutant:
    name: str
    path: str  # relative to the repository root
    edits: tuple[tuple[str, str], ...]  # (old, new), each old text unique in the file
    mechanism: str


STEP, OUTCOME, POLICIES = "game/sim/step.py", "game/sim/outcome.py", "game/sim/policies.py"
EXPLAIN, EVENTS = "game/sim/explain.py", "game/sim/events.py"
VIEW, LEGEND, DEBRIEF = "game/ui/play/view.py", "game/ui/play/legend.py", "game/ui/report/debrief.py"


def m(name: str, path: str, old: str, new: str, mechanism: str) -> Mutant:
    return Mutant(name, path, ((old, new),), mechanism)


MUTANTS: tuple[Mutant, ...] = (
    # --- spending -------------------------------------------------------------------------------------------------
    m("threat-zero", STEP, "sf[0] = r * felt", "sf[0] = 0 * felt", "threat drives effort"),
    m("trade-zero", STEP, "sf[1] = -r * felt * p.trade_damping", "sf[1] = -0 * felt * p.trade_damping",
      "trade dependence damps balancing"),
    m("free-riding-zero", STEP, "sf[2] = -r * felt * p.free_riding", "sf[2] = -0 * felt * p.free_riding",
      "free-riding"),
    m("free-riding-flip", STEP, "sf[2] = -r * felt * p.free_riding", "sf[2] = r * felt * p.free_riding", "free-riding"),
    m("partner-riding-zero", STEP, "sf[3] = -r * felt * p.partner_free_riding",
      "sf[3] = -0 * felt * p.partner_free_riding", "coalition members ride on each other"),
    m("pressure-zero", STEP, "sf[4] = fp * pressure_push(state, d) * dt", "sf[4] = 0 * pressure_push(state, d) * dt",
      "conditional pressure"),
    m("pressure-flip", STEP, "sf[4] = fp * pressure_push(state, d) * dt", "sf[4] = -fp * pressure_push(state, d) * dt",
      "conditional pressure"),
    m("pressure-threat-free", STEP, "p.pressure_effect * state.threat * w.responsiveness",
      "p.pressure_effect * 0.6 * w.responsiveness", "pressure scales with threat (claim 2)"),
    m("pressure-self-reliance", STEP, "* (1 - d.self_reliance) * (1 - paid_share(state))", "* (1 - paid_share(state))",
      "pressure moves a self-reliant ally less"),
    m("paid-up-damping", STEP, "* (1 - d.self_reliance) * (1 - paid_share(state))", "* (1 - d.self_reliance)",
      "pressure moves an ally that already pays less"),
    m("pressure-fatigue", STEP, "worn = 1.0 / (1.0 + p.pressure_fatigue * state.pressed)", "worn = 1.0",
      "a threat repeated every turn wears thin"),
    m("leverage-domestic", STEP, "p.leverage_domestic * state.domestic_pressure", "0 * state.domestic_pressure",
      "domestic pressure makes threats credible"),
    m("leverage-congress", STEP, "p.leverage_congress * invoked, 0.0, 1.0", "0 * invoked, 0.0, 1.0",
      "invoking Congress makes this turn's threats credible"),
    m("criticism-zero", STEP, "sf[5] = fc * p.criticism_effect", "sf[5] = 0 * p.criticism_effect", "criticism"),
    m("criticism-as-pressure", STEP, "sf[5] = fc * p.criticism_effect", "sf[5] = fc * p.pressure_effect",
      "criticism does almost nothing"),
    m("jolt-flip", STEP, "* p.withdrawal_jolt \\", "* -p.withdrawal_jolt \\", "withdrawal jolt"),
    m("jolt-zero", STEP, "* p.withdrawal_jolt \\", "* 0 * p.withdrawal_jolt \\", "withdrawal jolt"),
    m("jolt-spill-zero", STEP, "p.withdrawal_spill * np.minimum(withdrawn_near, 3)",
      "0 * np.minimum(withdrawn_near, 3)", "withdrawal spillover to neighbours (spending)"),
    Mutant("misfile-free-riding", STEP, (
        ("sf[2] = -r * felt * p.free_riding * d.protection",
         "sf[2] = 0 * d.protection"),
        ("raw = sf[:7].sum(0) + r * (w.baseline - state.spending)",
         "raw = sf[:7].sum(0) - r * felt * p.free_riding * d.protection + r * (w.baseline - state.spending)"),
    ), "report honesty: free-riding filed under domestic limits"),
    # --- trust ----------------------------------------------------------------------------------------------------
    m("trust-reassure-zero", STEP, "tf[0] = fr * per_turn(p.trust_reassure, dt)",
      "tf[0] = 0 * per_turn(p.trust_reassure, dt)", "reassurance adds trust"),
    m("promise-kept-zero", STEP, "tf[1] = fp * complied", "tf[1] = 0 * complied", "an answered demand is stood by"),
    m("trust-pressure-flip", STEP, "tf[2] = -fp * p.trust_pressure", "tf[2] = fp * p.trust_pressure",
      "pressure strains trust"),
    m("resentment-zero", STEP, "resentment = 1 + p.pressure_resentment * paid_up", "resentment = 1 + 0 * paid_up",
      "pressing an ally that already pays breeds resentment"),
    m("trust-withdraw-zero", STEP, "tf[3] = -fw * p.trust_withdraw * trust", "tf[3] = -0 * p.trust_withdraw * trust",
      "withdrawal channel: trust"),
    m("trust-spillover-zero", STEP, "tf[5] = -(1.0 - fw) * spill * trust", "tf[5] = -0 * spill * trust",
      "withdrawal spillover to neighbours (trust)"),
    m("trust-credibility-zero", STEP, "tf[6] = per_turn(p.trust_credibility_pull, dt)",
      "tf[6] = 0 * per_turn(p.trust_credibility_pull, dt)", "trust drifts toward U.S. credibility"),
    m("aggression-trust-zero", STEP, "tf[7] = -(p.aggression_trust * (hit + hit_near / 3)",
      "tf[7] = -(0 * (hit + hit_near / 3)", "a successful aggression costs trust"),
    # --- alignment ------------------------------------------------------------------------------------------------
    m("alignment-protection-zero", STEP, "af[0] = ra * p.alignment_dependence", "af[0] = 0 * p.alignment_dependence",
      "alignment follows dependence on U.S. protection"),
    m("alignment-self-reliance-zero", STEP, "af[1] = -ra * p.alignment_self_reliance",
      "af[1] = -0 * p.alignment_self_reliance", "the burden-sharing dilemma: self-reliance lowers alignment"),
    m("third-force-zero", STEP, "af[2] = -ra * p.alignment_third_force", "af[2] = -0 * p.alignment_third_force",
      "a third force pulls the insulated allies away"),
    # --- hedging --------------------------------------------------------------------------------------------------
    m("hedging-growth-zero", STEP, "hf[0] = p.hedging_growth * dt", "hf[0] = 0 * dt", "hedging growth"),
    m("hedging-push-zero", STEP, "hf[1] = fw * p.hedging_withdraw", "hf[1] = 0 * p.hedging_withdraw",
      "hedging push from withdrawal"),
    m("hedging-decay-zero", STEP, "hf[2] = -p.hedging_decay * dt", "hf[2] = -0 * dt", "hedging decay"),
    m("hedging-decay-flip", STEP, "hf[2] = -p.hedging_decay * dt", "hf[2] = p.hedging_decay * dt", "hedging decay"),
    # --- the orders take effect -----------------------------------------------------------------------------------
    m("reassure-presence-zero", STEP, "state.presence + fr * p.reassure_presence - removed",
      "state.presence + 0 * p.reassure_presence - removed", "reassurance adds presence"),
    m("withdraw-presence-zero", STEP, "state.presence + fr * p.reassure_presence - removed",
      "state.presence + fr * p.reassure_presence - 0 * removed", "withdrawal channel: presence"),
    m("withdraw-revisionism-zero", STEP, "p.revisionism_withdraw * (fw @ w.adv_onehot)", "0 * (fw @ w.adv_onehot)",
      "withdrawal channel: revisionism (retrenchment emboldens)"),
    m("withdraw-credibility-zero", STEP, "p.credibility_withdraw * fw.sum(-1)", "0 * fw.sum(-1)",
      "withdrawal channel: credibility"),
    m("reassure-credibility-zero", STEP, "p.credibility_reassure * (1 - state.credibility)",
      "0 * (1 - state.credibility)", "reassurance restores credibility"),
    m("embolden-zero", STEP, "fr * p.embolden_reassure * trust", "0 * p.embolden_reassure * trust",
      "entrapment: unconditional support emboldens"),
    m("congress-stir-zero", STEP, "p.congress_stir * invoked, 0.0, 1.0)", "0 * invoked, 0.0, 1.0)",
      "invoking Congress stirs domestic pressure"),
    # --- chance and events ----------------------------------------------------------------------------------------
    m("posture-before-orders", STEP, "now = derive(state, presence, credibility, revisionism, invoked)", "now = d",
      "probes judged on the posture after the orders"),
    m("us-power-zero", STEP, "us_power = (p.us_weight * reach * logistics",
      "us_power = 0 * (p.us_weight * reach * logistics", "U.S. power deters"),
    m("deterrence-flip", STEP, "* np.exp(-p.probe_deterrence", "* np.exp(p.probe_deterrence",
      "deterrence suppresses probes"),
    m("entrapment-zero", STEP, "chance(p.entrapment_rate * w.dispute * emboldened, dt)",
      "chance(0 * w.dispute * emboldened, dt)", "entrapment crises"),
    m("nuclear-zero", STEP, "nuclear = (draws[:, 3] < chance(p.nuclear_rate",
      "nuclear = (draws[:, 3] < 0 * chance(p.nuclear_rate", "nuclear programmes"),
    m("realign-zero", STEP, "realign = (draws[:, 4] < chance(realign_hazard",
      "realign = (draws[:, 4] < 0 * chance(realign_hazard", "realignment"),
    m("congress-drawdown-zero", STEP, "congress = congress_draw < chance(drawdown, dt)",
      "congress = congress_draw < 0 * chance(drawdown, dt)", "Congress-forced drawdowns"),
    m("congress-cut-zero", STEP, "presence - p.congress_cut * congress[:, None]", "presence - 0 * congress[:, None]",
      "a drawdown cuts presence"),
    m("crisis-threat-zero", STEP, "threat_jump = p.crisis_threat * (", "threat_jump = 0 * (", "crises raise threat"),
    m("crisis-cost-zero", STEP, "p.crisis_cost * crises", "0 * crises", "crises cost the U.S. money"),
    m("nuclear-alignment-zero", STEP, "af[9] = -(p.alignment_nuclear * nuclear", "af[9] = -(0 * nuclear",
      "a nuclear programme is a break with the U.S."),
    m("hub-logistics-zero", STEP, "logistics = 1 - p.hub_reliance * w.exposure", "logistics = 1 - 0 * w.exposure",
      "the theatre's hub carries the exposed allies' reinforcement"),
    m("partners-will-ignored", STEP, "will = state.alignment * (1 - state.autonomy[:, w.theatre] * (1 - w.exposure))",
      "will = 1.0 + 0 * (1 - state.autonomy[:, w.theatre] * (1 - w.exposure))",
      "an independent Europe may not defend its exposed members"),
    m("autonomy-drift-zero", STEP, "drift = insulated * (p.autonomy_self_reliance", "drift = insulated * (0",
      "arming the insulated allies builds a third force"),
    m("pressure-memory-zero", STEP, "pressed = state.pressed * (1 - per_turn(p.pressure_memory, dt)) + fp * dt",
      "pressed = state.pressed * (1 - per_turn(p.pressure_memory, dt)) + 0 * dt",
      "a threat repeated every turn wears thin (the record of pressure)"),
    m("capability-growth-zero", STEP, "capability = state.capability + per_turn(p.capability_rate, dt)",
      "capability = state.capability + 0 * per_turn(p.capability_rate, dt)", "spending builds capability"),
    m("domestic-free-riding-zero", STEP, "p.domestic_free_riding * (shortfall - w.shortfall0)",
      "0 * (shortfall - w.shortfall0)", "allies' free-riding stirs Congress"),
    m("domestic-overrun-zero", STEP, "p.domestic_overrun * overrun", "0 * overrun",
      "running over budget stirs Congress"),
    # --- outcome --------------------------------------------------------------------------------------------------
    m("cohesion-hedging-zero", OUTCOME, "HEDGING_POINTS * hedging_gain", "0 * hedging_gain", "cohesion: hedging"),
    m("cohesion-trust-zero", OUTCOME, "TRUST_POINTS * trust_loss", "0 * trust_loss", "cohesion: trust lost"),
    m("cohesion-breaks-zero", OUTCOME, "BREAK_POINTS * breaks", "0 * breaks", "cohesion: breaks with the U.S."),
    m("deterrence-risk-zero", OUTCOME, "RISK_POINTS * state.risk_total", "0 * state.risk_total",
      "deterrence pillar: risk run"),
    m("deterrence-hits-zero", OUTCOME, "HIT_POINTS * state.aggressions", "0 * state.aggressions",
      "deterrence pillar: crisis penalty for aggressions"),
    m("budget-overrun-zero", OUTCOME, "OVERRUN_POINTS * np.maximum(ratio - 1, 0)", "0 * np.maximum(ratio - 1, 0)",
      "burden pillar: budget overrun"),
    m("burden-savings-zero", OUTCOME, "gained = (fair - start_fair) + (start_cost - us_cost)",
      "gained = (fair - start_fair)", "burden pillar: a dollar the U.S. saves"),
    m("score-weights-ignored", OUTCOME, "sum(weights.get(p, 1.0) * pillars[p] for p in PILLARS)",
      "sum(pillars[p] for p in PILLARS) * total / len(PILLARS)", "score weights"),
    m("influence-realigned-counts", OUTCOME, "final_influence = (state.alignment * ~state.realigned) @ weight",
      "final_influence = state.alignment @ weight", "influence: a realigned ally counts zero"),
    # --- the adviser and the report's words -----------------------------------------------------------------------
    m("adviser-thin-ignored", POLICIES, "np.where(thin | shaky | stand_by, REASSURE",
      "np.where(shaky | stand_by, REASSURE", "adviser: reassure where deterrence is thin"),
    m("adviser-shaky-ignored", POLICIES, "np.where(thin | shaky | stand_by, REASSURE",
      "np.where(thin | stand_by, REASSURE", "adviser: reassure an ally that wavers"),
    m("adviser-no-rest", POLICIES, "resting = below_par & (state.pressed >= ADVISER_REST)",
      "resting = below_par & False", "adviser: give a threat a rest"),
    m("adviser-presses-unmoved", POLICIES, "press = below_par & ~resting & moved & ~thin",
      "press = below_par & ~resting & ~thin", "adviser: leave alone an ally pressure would not move"),
    m("adviser-ignores-budget", POLICIES, "dropped = over & (orders == REASSURE)", "dropped = over & False",
      "adviser: no reassurance past the budget"),
    m("adviser-congress-always", POLICIES,
      "return state.domestic_pressure + p.congress_stir < p.congress_threshold - 0.1",
      "return state.domestic_pressure > -1",
      "adviser: invoke Congress only with room below the drawdown threshold"),
    m("explain-direction-swapped", EXPLAIN, 'direction = "rose" if self.delta > 0 else "fell"',
      'direction = "fell" if self.delta > 0 else "rose"', "report words: which way a figure moved"),
    m("explain-smallest-first", EXPLAIN, "found.sort(key=lambda f: -abs(f.value))",
      "found.sort(key=lambda f: abs(f.value))", "report words: the largest factors named first"),
    m("explain-no-congress", EXPLAIN, "if report.congress_cut[run]:", "if False:",
      "report words: a drawdown is reported"),
    m("advice-wrong-figure", EXPLAIN, 'f"it spends {spend:.2f} % of GDP, less than',
      'f"it spends {fair:.2f} % of GDP, less than', "adviser's sentence quotes the ally's spending"),
    # --- what the screens show (tests/test_ui_content.py) ---------------------------------------------------------
    m("ui-panel-frozen", VIEW, "now = {v: hist[v][-1] for v in VARS}", "now = {v: hist[v][0] for v in VARS}",
      "screen: the ally panel shows the current figures"),
    m("ui-overlay-trust", VIEW, "return self.now[overlay]", 'return self.now["trust"]',
      "screen: the map is coloured by the chosen overlay"),
    m("ui-pillars-deterrence", VIEW, "(float(getattr(o, p)[0]) if shown else None)",
      '(float(getattr(o, "deterrence")[0]) if shown else None)', "screen: each pillar shows its own value"),
    m("ui-news-empty", VIEW,
      "return [(h.title, h.text, h.grave) for h in happenings(session.reports[-1], session.state)]", "return []",
      "screen: the news lists what happened"),
    m("ui-tooltip-blank", LEGEND, "    if ally is not None:\n        n = ally.now",
      "    if False:\n        n = ally.now", "screen: the tooltip gives the ally's figures"),
    m("ui-end-pillars-score", DEBRIEF, "pillars = {p: float(getattr(o, p)[0]) for p in PILLAR_TITLES}",
      "pillars = {p: float(o.score[0]) for p in PILLAR_TITLES}", "end screen: each pillar shows its own value"),
    m("ui-end-table-start", DEBRIEF, "table = [(a.name, float(start.spending[0, i]), float(s.spending[0, i]),",
      "table = [(a.name, float(start.spending[0, i]), float(start.spending[0, i]),",
      "end screen: the table shows the final spending"),
    # the withdrawal spillover onto the exposed, facilitator events, the system-wide factors
    m("spill-exposed-zero", STEP, "near_weight = p.trust_spillover_same + p.trust_spillover_exposed * w.exposure",
      "near_weight = p.trust_spillover_same + 0 * p.trust_spillover_exposed * w.exposure",
      "trust: the exposed feel a drawdown in their region most"),
    m("injected-events-ignored", EVENTS, "    if forced is not None and not state.over:",
      "    if False:", "events: a facilitator's injected event fires"),
    m("misfile-credibility-attacks", STEP, "    cf[3] = -p.credibility_aggression * aggression.sum(-1)\n",
      "    cf[2] = cf[2] - p.credibility_aggression * aggression.sum(-1)\n",
      "report: a successful attack's cost to credibility is filed under its own name"),
)
