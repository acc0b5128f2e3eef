"""The article's claims, measured in one campaign: what each shows here, by Monte Carlo (`fairshare claims`).

Each claim is a contrast of plans played on the same games (same seed): reassurance against holding, pressure with
and without Congress, a withdrawal from the most exposed ally that could build a bomb, and so on. A claim the
campaign has no ally for (no hub, no nuclear latency, no quarrel of its own) is "not in this campaign". Every claim
names its evidence card (game.analysis.evidence), so the figures come with how sure the research is of them.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from game.i18n import _, integer, num, percent
from game.analysis.evidence import BY_ID
from game.campaign.model import Campaign
from game.sim.derived import ISSUES, derive, issues, pressure_push
from game.sim.explain import ISSUES as ISSUE_WORDS
from game.sim.policies import Policy, built_in
from game.sim.report import FACTORS
from game.sim.run import Result, simulate
from game.sim.state import CONGRESS, HOLD, NO_ACTION, PRESSURE, REASSURE, WITHDRAW, World, make_world

# Every contrast keeps its turn reports (float32 factor breakdowns, about 200 bytes an ally a turn) for the ten
# contrasts: what the memory check counts per turn.
KEPT_PER_TURN = 2000


@dataclass(frozen=True)
class Claim:
    id: str                      # also the id of its evidence card
    claim: str                   # the article's claim, in the game's words
    shows: bool | None           # does this campaign show it? None: not in this campaign
    sentence: str                # what it shows, with the figures
    figures: dict[str, float] = field(default_factory=dict)

    @property
    def status(self) -> str:
        return BY_ID[self.id].status

    def to_dict(self) -> dict:
        card = BY_ID[self.id]
        return {"id": self.id, "claim": self.claim, "shows": self.shows, "sentence": self.sentence,
                "figures": {k: round(v, 4) for k, v in self.figures.items()}, "evidence": card.status,
                "sources": list(card.sources), "doubt": _(card.doubt)}


class Games:
    """Plays the campaign's contrasts on the same `runs` games of `seed`, each policy once."""

    def __init__(self, campaign: Campaign, runs: int, seed: int, world: World | None = None):
        self.campaign, self.runs, self.seed = campaign, runs, seed
        self.world = world or make_world(campaign)
        self._played: dict[str, Result] = {}

    def play(self, name: str, policy: Policy | None = None) -> Result:
        if name not in self._played:
            self._played[name] = simulate(self.campaign, policy or built_in(name), self.runs, self.seed,
                                          world=self.world, keep_reports=True)
        return self._played[name]

    def index(self, ally_id: str) -> int:
        return self.campaign.ally_index(ally_id)


def orders_policy(name: str, choose: Callable[[object], np.ndarray], us: Callable[[object], np.ndarray] | None = None
                  ) -> Policy:
    """A policy from functions of the state alone (orders (B, N), U.S. action (B,))."""
    return Policy(name, lambda state, rng: choose(state), None if us is None else (lambda state, rng: us(state)))


def _every(state, code: int) -> np.ndarray:
    return np.full(state.spending.shape, code, dtype=np.int8)


def _mean_final(result: Result, var: str) -> np.ndarray:
    return getattr(result.final, var).mean(0)


def _factor_total(result: Result, var: str, name: str, ally: int) -> float:
    k = FACTORS[var].index(name)
    return float(sum(report.factors(var)[:, ally, k] for report in result.reports).mean())


# --- the claims ------------------------------------------------------------------------------------------------


def free_riding(g: Games) -> Claim:
    d = float((_mean_final(g.play("reassure"), "spending") - _mean_final(g.play("hold"), "spending")).mean())
    return Claim("free_riding", _("Allies that expect to be defended spend less."), d < 0,
                 (_("Reassured every turn, the allies end {pp} pp of GDP lower on average than if left alone.")
                  if d < 0 else _("Reassured every turn, the allies end {pp} pp of GDP higher on average than if left "
                                  "alone.")).format(pp=num(abs(d))), {"reassure_minus_hold_pp": d})


def threat(g: Games) -> Claim:
    gain = _mean_final(g.play("pressure"), "spending") - _mean_final(g.play("hold"), "spending")
    exposure = g.world.exposure
    hi, lo = int(np.argmax(exposure)), int(np.argmin(exposure))
    allies = g.campaign.allies
    shows = bool(gain[hi] > gain[lo]) if hi != lo else None
    return Claim("threat", _("The same pressure moves an exposed ally more than an insulated one."), shows,
                 _("Pressed every turn, {hi} (threat {hi_threat}) ends {hi_gain} pp of GDP against holding; {lo} "
                   "(threat {lo_threat}) {lo_gain} pp.").format(
                     hi=allies[hi].name, hi_threat=num(exposure[hi]), hi_gain=num(gain[hi], sign=True),
                     lo=allies[lo].name, lo_threat=num(exposure[lo]), lo_gain=num(gain[lo], sign=True)),
                 {"exposed_gain_pp": float(gain[hi]), "insulated_gain_pp": float(gain[lo])})


def congress(g: Games) -> Claim:
    backed = g.play("pressure with Congress", orders_policy(
        "pressure with Congress", lambda s: _every(s, PRESSURE), lambda s: np.full(s.runs, CONGRESS, np.int8)))
    gain = float((_mean_final(backed, "spending") - _mean_final(g.play("pressure"), "spending")).mean())
    cut = float(np.mean(sum(r.congress_cut.astype(float) for r in backed.reports) > 0))
    return Claim("congress", _("Congress makes a threat of abandonment believable."), gain > 0,
                 _("Pointing at Congress every turn of pressure adds {gain} pp of GDP on average to what pressure "
                   "alone wins, but Congress forces a drawdown in {cut} of those games.").format(
                     gain=num(gain, sign=True), cut=percent(cut)),
                 {"gain_pp": gain, "forced_drawdown_share": cut})


def hubs(g: Games) -> Claim:
    valuable = np.flatnonzero(g.world.valuable)
    if not len(valuable):
        return Claim("hubs", _("An ally Washington could hardly leave discounts its threats."), None,
                     _("Not in this campaign: no ally is a hub or marked valuable."))
    i = int(valuable[0])
    start = g.play("hold").start
    alone = float(pressure_push(start, derive(start))[:, i].mean())
    backed = float(pressure_push(start, derive(start, congress=np.ones(start.runs, bool)))[:, i].mean())
    return Claim("hubs", _("An ally Washington could hardly leave discounts its threats."), alone < backed,
                 _("{ally} (a hub) would answer pressure with {alone} pp of GDP a year at the start, {backed} pp with "
                   "Congress invoked.").format(ally=g.campaign.allies[i].name, alone=num(alone),
                                               backed=num(backed)), {"alone_pp": alone, "with_congress_pp": backed})


def criticism(g: Games) -> Claim:
    shamed, held = g.play("criticize"), g.play("hold")
    spend = float((_mean_final(shamed, "spending") - _mean_final(held, "spending")).mean())
    trust = float((_mean_final(shamed, "trust") - _mean_final(held, "trust")).mean())
    points = float(shamed.outcome.score.mean() - held.outcome.score.mean())
    return Claim("criticism", _("Public criticism does next to nothing for spending, and costs goodwill."),
                 abs(spend) < 0.05 and points < 0,
                 _("Criticism every turn moves spending {spend} pp of GDP and trust {trust} against holding, and "
                   "scores {points} points.").format(spend=num(spend, sign=True), trust=num(trust, sign=True),
                                                     points=num(points, 1, sign=True)),
                 {"spending_pp": spend, "trust": trust, "score": points})


def withdrawal(g: Games) -> Claim:
    left, pressed = g.play("withdraw").outcome.aggression.mean(), g.play("pressure").outcome.aggression.mean()
    return Claim("withdrawal", _("Withdrawal invites aggression more than conditional pressure does."),
                 bool(left > pressed),
                 _("Withdrawing everywhere, a successful attack on some ally in {left} of games; pressing "
                   "everywhere, in {pressed}.").format(left=percent(left),
                                                       pressed=percent(pressed)), {"withdraw": float(left),
                                                                                   "pressure": float(pressed)})


def nuclear(g: Games) -> Claim:
    w = g.world
    able = (w.latency >= 0.3) & (w.nuclear_power == 0) & (np.array([a.presence for a in g.campaign.allies]) > 0)
    if not able.any():
        return Claim("nuclear", _("Abandoned allies with the means may build a bomb; it can be stopped."), None,
                     _("Not in this campaign: no ally with U.S. forces has the nuclear latency to start a programme."))
    i = int(np.argmax(np.where(able, w.latency * w.exposure, -1)))
    name = g.campaign.allies[i].name

    def first(state) -> np.ndarray:
        orders = _every(state, HOLD)
        if state.turn == 0:
            orders[:, i] = WITHDRAW
        return orders

    def mended(state) -> np.ndarray:   # the documented recipe: press and reassure turn about, Congress behind it
        orders = first(state)
        orders[state.nuclear] = PRESSURE if state.turn % 2 else REASSURE
        return orders

    left = g.play("withdraw once", orders_policy("withdraw once", first))
    mend = g.play("withdraw once, then stop a programme", orders_policy(
        "mend", mended, lambda s: np.where(s.nuclear.any(-1) & (s.turn % 2 == 1), CONGRESS, NO_ACTION)
        .astype(np.int8)))
    started = float((left.final.nuclear | left.final.renounced).any(-1).mean())
    realigned = float(left.final.realigned.any(-1).mean())
    tried = (mend.final.nuclear | mend.final.renounced).any(-1)
    stopped = float(mend.final.renounced.any(-1)[tried].mean()) if tried.any() else 0.0
    return Claim("nuclear", _("Abandoned allies with the means may build a bomb; it can be stopped."), started > 0,
                 _("Withdrawing from {ally} on turn 1 and then holding: a programme starts in {started} of games and "
                   "an ally makes its own deal with the adversary in {realigned}. Pressing and reassuring an ally "
                   "with a programme turn about, with Congress behind the pressure, stops {stopped} of them.").format(
                       ally=name, started=percent(started), realigned=percent(realigned), stopped=percent(stopped)),
                 {"programme": started, "realigned": realigned, "stopped": stopped})


def dilemma(g: Games) -> Claim:
    w = g.world
    i = int(np.argmax(w.gdp * (1 - w.exposure)))
    ally = g.campaign.allies[i]

    def press(state) -> np.ndarray:
        orders = _every(state, HOLD)
        orders[:, i] = PRESSURE
        return orders

    run = g.play("press the most capable", orders_policy("press", press, lambda s: np.full(s.runs, CONGRESS, np.int8)))
    own = _factor_total(run, "alignment", "self-reliance", i) + _factor_total(run, "alignment", "third force", i)
    strain = _factor_total(run, "alignment", "pressure", i)
    count = float(issues(run.final)[:, i].mean())
    named = ", ".join(_(w).format(adversary=_("the adversary")) for w in ISSUE_WORDS[:int(round(count))]) \
        or _("none yet")
    spent = float(_mean_final(run, "spending")[i])
    return Claim("dilemma", _("The more an ally can defend itself, the less it follows Washington."), own < 0,
                 _("{ally}, pressed every turn with Congress behind it, ends at {spent} % of GDP; its alignment loses "
                   "{own} to its own strength (self-reliance and the third force) and {strain} to the strain of "
                   "pressure, and it goes its own way on {count} of {issues} named issues on average "
                   "({named}).").format(
                       ally=ally.name, spent=num(spent), own=num(own, sign=True), strain=num(strain, sign=True),
                       count=num(count, 1), issues=ISSUES, named=named),
                 {"spending": spent, "autonomy_loss": own, "strain_loss": strain, "issues": count})


def exposed(g: Games) -> Claim:
    w = g.world
    front, rear = w.exposure >= 0.7, w.exposure < 0.5
    if not (front.any() and rear.any()):
        return Claim("exposed", _("Without the U.S., the exposed are the ones attacked."), None,
                     _("Not in this campaign: it has no mix of front-line and insulated allies."))
    hit = (g.play("withdraw").final.aggressed > 0).mean(0)
    a, b = float(hit[front].mean()), float(hit[rear].mean())
    return Claim("exposed", _("Without the U.S., the exposed are the ones attacked."), a > b,
                 _("Withdrawing everywhere, each front-line ally is attacked successfully in {front} of games on "
                   "average, each insulated one in {rear}.").format(front=percent(a), rear=percent(b)), {"front": a,
                                                                                                         "rear": b})


def entrapment(g: Games) -> Claim:
    if not (g.world.dispute > 0).any():
        return Claim("entrapment", _("Unconditional support emboldens allies in their own quarrels."), None,
                     _("Not in this campaign: no ally has a quarrel of its own."))
    crises = {name: float(np.mean(sum(r.entrapment.sum(-1) for r in g.play(name).reports)))
              for name in ("reassure", "pressure")}
    return Claim("entrapment", _("Unconditional support emboldens allies in their own quarrels."),
                 crises["reassure"] > crises["pressure"],
                 _("Reassuring everyone drags Washington into {reassure} crises of an ally's own making per game; "
                   "pressing everyone, {pressure}.").format(reassure=num(crises['reassure']),
                                                            pressure=num(crises['pressure'])), crises)


CLAIMS = (free_riding, threat, congress, hubs, criticism, withdrawal, nuclear, dilemma, exposed, entrapment)


def measure(campaign: Campaign, runs: int = 1000, seed: int = 0, world: World | None = None,
            progress: Callable[[int, int], None] | None = None) -> list[Claim]:
    games = Games(campaign, runs, seed, world)
    out = []
    for k, claim in enumerate(CLAIMS):
        out.append(claim(games))
        if progress:
            progress(k + 1, len(CLAIMS))
    return out


def render(campaign: Campaign, claims: list[Claim], runs: int, seed: int) -> str:
    lines = [_("{campaign} ({id}): the article's claims, measured on {runs} games of seed {seed}").format(
        campaign=campaign.name, id=campaign.id, runs=integer(runs), seed=seed), ""]
    for c in claims:
        mark = {True: _("shows it"), False: _("DOES NOT show it"), None: _("not here")}[c.shows]
        lines += [_("{claim}  [{mark}; evidence {status}]").format(claim=c.claim, mark=mark, status=_(c.status)),
                  f"    {c.sentence}"]
    lines += ["", _("Evidence: how sure the research is of each mechanism, with sources: docs/model.md (Evidence).")]
    return "\n".join(lines)
