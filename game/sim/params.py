"""The model's free parameters, each with where its value comes from.

Rates are per year; `step` converts them to the campaign's turn length. Values marked "judgement" were set by hand
so that the model reproduces the qualitative findings it is built on (BRIEF.md claims 1-7); values marked
"calibrated" are fitted to the recorded 2015-2019 and 2024 figures by tools/calibrate.py, which writes
calibration.json; `DEFAULT` holds the hand-set values with the fitted ones on top (see docs/model.md). `Params`
is frozen: a calibration run builds new ones with `dataclasses.replace`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from game.campaign.model import Campaign

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")


@dataclass(frozen=True)
class Params:
    # --- spending (% of GDP) -------------------------------------------------------------------------------
    spending_rate: float = 0.35      # share of the gap to the target closed per year (budgets move slowly:
                                     # NATO allies' shares moved ~0.1-0.4 pp/yr in 2014-2019)
    peacetime_floor: float = 0.9     # % GDP an ally spends with no threat at all (lowest NATO-Europe 2014 levels)
    threat_weight: float = 3.2       # extra % GDP a fully threatened ally wants (Baltic 2024 levels ~3-3.5 %)
    threat_curvature: float = 1.0    # >1: effort answers a grave threat more than proportionally
    trade_damping: float = 0.5       # share of that effort lost at full trade dependence on the adversary
                                     # (Indo-Pacific: China is nearly everyone's top trade partner)
    free_riding: float = 0.45        # share of that effort an ally sheds when fully sure of U.S. protection
                                     # (Olson & Zeckhauser 1966: the protected spend less)
    shock_weight: float = 0.0        # extra % GDP an ally wants per unit of war surge: its exposure x how far the
                                     # adversary's capability stands above its trend (Russia after February 2022):
                                     # the wartime response, graded by exposure (calibrated on 2024)
    shock_rate: float = 0.0          # extra share of the gap closed per year per unit of war surge: in a war,
                                     # budgets move faster than in peacetime (calibrated)
    shock_draws: tuple = ()          # bootstrap replicates of (shock_weight, shock_rate): each run draws one, the
                                     # parameter uncertainty the fit leaves (tools/calibrate.py)
    alarm_sd: float = 0.0            # threat-perception shock: sd per year, in % of GDP, of the random part of
                                     # what budget-makers feel the threat calls for (sized by tools/calibrate.py)
    alarm_fade: float = 0.3          # share of that shock that fades per year (judgement: a scare lasts a few
                                     # budget cycles)
    max_rise: float = 1.0            # pp per year: the fastest a budget can grow (judgement; see docs/model.md)
    max_fall: float = 0.3            # pp per year: budgets are sticky downwards
    pressure_effect: float = 0.8     # pp per year from conditional pressure at full threat x leverage
                                     # (Blankenship 2023: threats of abandonment raise contributions)
    criticism_backlash: float = 1.0  # pressure's effect / (1 + this x recent years of public criticism): shaming
                                     # turns the ally's public against paying more, so it moves budgets not at all
                                     # and later demands less (Becker, Kreps, Poast and Terman 2024)
    shame_memory: float = 0.5        # share of that record forgotten per year
    criticism_defiance: float = 0.025  # pp per year a government shamed in public gives up at full threat x
                                     # responsiveness, lest it be seen to give in: it offsets what the trust lost
                                     # would add, so criticism alone moves budgets by about nothing
    withdrawal_jolt: float = 0.25    # pp, one-off rise when U.S. forces actually leave (abandonment fear);
                                     # judgement: at 0.35 one partial drawdown from Germany closed a third of its
                                     # fair-share gap at once, worth more than a year of pressure
    withdrawal_spill: float = 0.3    # share of that jolt felt when forces leave a neighbour in the same theatre
    withdrawal_signal: float = 1.0   # the least a withdrawal Washington orders is read as, in full withdrawals: pulling
                                     # out even a token presence announces retrenchment (judgement)
    reliance_full: float = 0.1       # share of its defence the U.S. garrison carries from which an ally feels a
                                     # withdrawal in full (the jolt and the push toward a bomb): below, in proportion,
                                     # so pulling a token presence out of a large army moves little (judgement)
    partner_free_riding: float = 0.25 # share of its threat-driven effort an ally sheds as its theatre partners'
                                      # forces grow by 100 %: coalition members ride on each other (Olson &
                                      # Zeckhauser 1966; the article on Indo-Pacific coalitions)
    compliance_scale: float = 0.2   # pp per year of pressure-driven rise that counts as fully answering a demand
    promise_weight: float = 0.4      # share of expected protection that rests on the promise alone; the rest
                                     # grows with U.S. forces on its soil (tripwires make promises believable)
    # --- leverage: how credible a threat of abandonment is ------------------------------------------------
    leverage_base: float = 0.25      # judgement: a U.S. threat is never wholly empty
    leverage_domestic: float = 0.75  # Nixon-era play: "Congress may force my hand" (Blankenship 2023, ch. on 1970s)
    leverage_congress: float = 0.3   # extra credibility of this turn's threats when Washington points at Congress
    hub_discount: float = 0.4        # share of a threat's credibility a strategically valuable ally (a hub) discounts:
                                     # Washington could hardly leave it (Blankenship 2021), unless Congress is
                                     # invoked and the threat is no longer the President's alone
    congress_stir: float = 0.1       # domestic pressure the U.S. stirs up each time it invokes Congress (judgement)
    # --- trust (0-1) ------------------------------------------------------------------------------------------
    trust_reassure: float = 0.12     # share of the remaining distrust removed by one year of reassurance
    trust_pressure: float = 0.03     # conditional pressure strains trust a little
    trust_bargain: float = 0.08     # share of the remaining distrust removed per turn by a demand the ally answered:
                                     # "do it and we stand by you" (the reassuring half of conditional pressure)
    pressure_fatigue: float = 0.6    # effect of pressure / (1 + this x recent years of pressure): a threat made
                                     # every turn and never carried out loses credibility (judgement)
    pressure_memory: float = 0.5     # share of that record forgotten per year
    pressure_strain: float = 0.5     # strain of a demand the ally answers in full (an unanswered one adds up to 1)
    pressure_resentment: float = 3.0  # and up to 3 more on an ally paying well past its fair share
    pressure_self_reliance: float = 0.5  # share of a demand's effect an ally able to fend for itself shrugs off, at
                                         # full self-reliance
    trust_withdraw: float = 0.30     # share of trust lost where forces leave
    trust_criticize: float = 0.06    # per year of public criticism: shaming an ally in public costs its goodwill
    trust_spillover_same: float = 0.05   # per withdrawal elsewhere in the same theatre
    trust_spillover_exposed: float = 0.15  # more per withdrawal in the same theatre, times the ally's exposure: the
                                           # front line reads any drawdown near it as a sign it could be next
    trust_spillover_other: float = 0.02  # per withdrawal in another theatre
    trust_credibility_pull: float = 0.15  # per year, trust drifts toward U.S. global credibility
    # --- alignment (0-1) --------------------------------------------------------------------------------------
    alignment_rate: float = 0.3      # share of the gap to the target closed per year
    alignment_dependence: float = 0.5    # weight of expected protection (leverage from assuming defence costs)
    alignment_self_reliance: float = 2.0  # weight of self-reliance: the burden-sharing dilemma proper
    alignment_reassure: float = 0.04
    alignment_pressure: float = 0.04
    alignment_bargain: float = 0.12  # a demand answered and honoured brings the ally closer
    alignment_third_force: float = 0.8  # alignment a western ally gives up at full European autonomy
    issue_step: float = 0.03         # alignment given up to self-reliance and the third force before an ally goes
                                     # its own way on its first named issue (arms purchases; then trade, policy
                                     # toward the adversary, nuclear choices, each further off: derived.issues)
    alignment_criticize: float = 0.06  # per year: a shamed government is slower to follow Washington's lead
    alignment_withdraw: float = 0.12
    alignment_nuclear: float = 0.2   # share of alignment lost on starting a weapons programme
    alignment_realign: float = 0.5   # share lost on accommodating the adversary
    answer_alignment: float = 0.3    # share of the way toward (or away from) Washington a year of a government's
                                     # chosen stance goes, when a person plays the ally (game.sim.answers)
    answer_hedging: float = 0.3      # share of the way toward its own options a year of chosen hedging goes
    # --- the "third force": autonomy of a theatre's insulated allies from Washington (0-1) --------------------
    autonomy_rate: float = 0.3       # share of the gap to its target closed per year
    autonomy_self_reliance: float = 4.0  # weight of the insulated allies' gain in self-reliance since the start
    autonomy_distrust: float = 1.5   # weight of their lost trust in the U.S.
    # --- hedging (0-1) and the nuclear threshold --------------------------------------------------------------
    hedging_comfort: float = 0.2     # insecurity (threat x unprotected share) an ally lives with unmoved
    hedging_growth: float = 0.7      # per year at full threat, no protection, full latency (Lanoszka 2018)
    hedging_withdraw: float = 1.0   # one-off push where forces leave, times threat x latency
    hedging_decay: float = 0.06      # per year at full protection: hedging is easier to prevent than reverse
    hedging_sticky: float = 0.8      # how much slower advanced hedging fades (decay x (1 - this x hedging))
    nuclear_threshold: float = 0.6  # hedging above which a programme can start
    nuclear_rate: float = 0.6        # per year probability scale above the threshold, times latency
    rollback_rate: float = 4.0       # per year, for an ally with a programme that Washington presses to give it up:
                                     # times the protection it expects and the leverage of the threat (Seoul gave its
                                     # programme up in 1975-76 and Taipei in 1976 and 1988 under such pressure, with
                                     # U.S. forces and guarantees still in place)
    rollback_hedging: float = 0.5    # hedging left once a programme is given up: the know-how stays
    # --- realignment (accommodating the adversary) ----------------------------------------------------------
    realign_trust: float = 0.3       # trust below which accommodation becomes possible
    realign_rate: float = 0.5        # per year scale, times trade dependence x (1 - latency) x (1 - protection) x
                                     # (1 - alignment): an ally with no bomb of its own to fall back on and little
                                     # hope of help makes its own deal (accommodation, not bandwagoning with threat)
    capability_rate: float = 0.15    # share of the gap between capability stock and spending closed per year
    # --- threat -----------------------------------------------------------------------------------------------
    posture_base: float = 3 / 7      # share of an adversary's menace that does not depend on its appetite
    threat_rate: float = 0.4         # share of the gap to the threat target closed per year
    threat_memory: float = 0.1       # share of the threat added by crises and events that fades per year
    threat_max: float = 0.98         # perceived threat never quite reaches certainty, so it can still move
    # --- adversaries ------------------------------------------------------------------------------------------
    guarantee: float = 0.3           # share of U.S. deterrent power a treaty carries with no troops present
    us_weight: float = 2.0           # U.S. power at full presence and credibility, in adversary-capability units
    coalition_help: float = 0.4      # share of theatre partners' capability counted toward an ally's defence, at
                                     # full alignment (an ally drifting from the alliance is less willing to fight)
    hub_reliance: float = 0.5        # share of U.S. power an exposed ally loses when the theatre's hub is emptied
    regional_reach: float = 0.5      # share of the theatre's U.S. forces that also cover a partner without a treaty
    umbrella: float = 0.5            # deterrence the U.S. strategic nuclear guarantee gives a treaty ally wherever
                                     # its troops stand, times U.S. credibility (adversary-capability units)
    nuclear_own: float = 1.5         # deterrence an ally's own nuclear force adds, in adversary-capability units
    nuclear_cover: float = 0.3       # deterrence a nuclear-armed partner in the theatre adds to each ally
    probe_rate: float = 0.35         # per year probe probability scale (times revisionism x exposure)
    probe_deterrence: float = 2.0    # how steeply deterrence (the ratio) suppresses probes: exp(-k x ratio)
    revisionism_rate: float = 0.2    # per year pull back toward the adversary's starting appetite
    revisionism_withdraw: float = 0.08   # per withdrawal in its theatre: retrenchment emboldens
    revisionism_success: float = 0.1    # a successful probe whets the appetite
    revisionism_repelled: float = 0.03   # a repelled one dampens it a little
    crisis_threat: float = 0.05      # threat added by a repelled probe or an entrapment crisis (x3 where a probe
                                     # succeeded; a neighbour's defeat adds it scaled by exposure)
    aggression_trust: float = 0.15   # share of trust lost when aggression against it succeeds (a third for a
                                     # neighbour): the U.S. promise did not deter
    # --- entrapment -------------------------------------------------------------------------------------------
    embolden_reassure: float = 0.35  # unconditional support emboldens allies in their own disputes (Snyder 1984)
    embolden_decay: float = 0.5      # per year
    entrapment_rate: float = 0.3     # per year, times dispute x emboldenment
    # --- the United States ------------------------------------------------------------------------------------
    reassure_cost: float = 0.10      # extra cost of a reassurance, as a share of the ally's presence upkeep
    reassure_presence: float = 0.03  # presence added by a year of reassurance (exercises, rotations)
    withdraw_presence: float = 0.25  # presence removed by one withdrawal
    crisis_cost: float = 1.0         # US$ bn per crisis the U.S. is drawn into
    domestic_rate: float = 0.3       # per year pull of domestic pressure toward its target
    domestic_free_riding: float = 1.5    # weight of allies' shortfall against the 2 % line (change since start)
    domestic_overrun: float = 1.0    # weight of running over budget
    congress_threshold: float = 0.6  # domestic pressure above which Congress may force a drawdown
    congress_rate: float = 1.0       # per year hazard at full domestic pressure (rising linearly from the threshold)
    congress_cut: float = 0.05       # presence cut everywhere when Congress forces a drawdown: felt as a withdrawal
                                     # of that size (trust, alignment, hedging, credibility, the adversary's appetite)
    congress_relief: float = 0.15    # domestic pressure released by the vote
    domestic_entrapment: float = 0.05   # domestic pressure added by each entrapment crisis
    credibility_withdraw: float = 0.05   # global credibility lost per withdrawal anywhere
    credibility_reassure: float = 0.05
    credibility_aggression: float = 0.1
    credibility_recovery: float = 0.1    # per year, credibility drifts back toward its starting level
    # --- the 2 % line ----------------------------------------------------------------------------------------
    guideline: float = 2.0           # NATO's 2006/2014 guideline, % of GDP
    fair_share_threat: float = 1.5   # pp above the guideline a fully threatened ally can fairly be asked for
                                     # (judgement: the front line's 2024 levels, 3-4 %)

    def fair_share(self, threat):
        """% of GDP an ally can fairly be asked for: the guideline, plus more the graver the threat it faces."""
        return self.guideline + self.fair_share_threat * threat


def calibrated() -> Params:
    """The hand-set values with the fitted ones (calibration.json, written by tools/calibrate.py) on top."""
    if not CALIBRATION_FILE.exists():
        return Params()
    shipped = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
    draws = tuple(tuple(d) for d in shipped.get("shock_draws", ()))
    return replace(Params(), **shipped["params"], shock_draws=draws)


DEFAULT = calibrated()


def campaign_params(campaign: Campaign, params: Params = DEFAULT) -> Params:
    """The parameters `campaign` plays by: `params`, with the campaign's own yardstick of a fair share where it sets
    one (an era before NATO's 2 % guideline). `make_world` builds on these, and the title's campaign card reads its
    yardstick here before any game exists, so the two cannot disagree."""
    if campaign.us.guideline is None:
        return params
    return replace(params, guideline=campaign.us.guideline)
