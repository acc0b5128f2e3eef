"""The model's data: `World` (what a campaign fixes) and `State` (what changes, with a leading runs axis).

Every array in `State` has shape (B, ...) where B is the number of runs played side by side: B = 1 in the window,
B = 10,000 in a Monte Carlo. `State` is never changed in place: `step` returns a new one.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from functools import cached_property

import numpy as np

from game.campaign.expr import parse
from game.campaign.model import ORDERS, US_ACTIONS, Campaign
from game.sim.params import DEFAULT, Params, campaign_params

ORDER_CODE = {name: code for code, name in enumerate(ORDERS)}
HOLD, PRESSURE, REASSURE, WITHDRAW, CRITICIZE = (ORDER_CODE[o] for o in ORDERS)
US_ACTION_CODE = {name: code for code, name in enumerate(US_ACTIONS)}
NO_ACTION, CONGRESS = (US_ACTION_CODE[a] for a in US_ACTIONS)


@dataclass(frozen=True, eq=False)
class World:
    """Static arrays built once from a campaign."""
    campaign: Campaign
    params: Params
    dt: float                   # years per turn
    gdp: np.ndarray             # (N,) US$ bn
    exposure: np.ndarray        # (N,) starting threat: how much threat events and the adversary reach it
    latency: np.ndarray
    trade: np.ndarray
    responsiveness: np.ndarray
    dispute: np.ndarray
    ceiling: np.ndarray
    baseline: np.ndarray        # (N,) % GDP spent with no threat at all
    treaty: np.ndarray          # (N,) 1.0 for a treaty ally, 0.0 for a partner without a guarantee
    upkeep: np.ndarray
    theatre: np.ndarray         # (N,) theatre index of each ally
    adversary: np.ndarray       # (N,) adversary index of each ally
    alignment0: np.ndarray      # (N,) starting alignment, and the protection and self-reliance it rested on
    protection0: np.ndarray
    self_reliance0: np.ndarray
    shortfall0: float           # allies' starting shortfall against the guideline (GDP-weighted share)
    adv_onehot: np.ndarray      # (N, K) 1.0 where an ally faces that adversary
    adversary_growth: np.ndarray   # (K,)
    adversary_capability0: np.ndarray  # (K,)
    revisionism0: np.ndarray    # (K,)
    theatre_onehot: np.ndarray  # (N, T) 1.0 where an ally belongs to that theatre
    hub: np.ndarray             # (N,) 1.0 for a logistics hub
    valuable: np.ndarray        # (N,) 1.0 for an ally too valuable to leave (a hub, or marked so): it discounts threats
    nuclear_power: np.ndarray   # (N,) 1.0 for an ally with its own nuclear deterrent
    hub_presence0: np.ndarray   # (T,) U.S. presence in the theatre's hubs at the start (0: no hub there)
    need0: np.ndarray           # (N,) capability its threat required at the start (self-reliance's yardstick)
    trust0: np.ndarray          # (N,) starting trust
    partners0: np.ndarray       # (N,) theatre partners' capability at the start
    fair_share0: np.ndarray     # (N,) % GDP each ally can fairly be asked for at the start
    budget: float               # U.S. budget per turn at the start
    conditions: tuple           # per campaign event: its compiled `when` expression, or None if scripted
    real: type = np.float64     # the float type of every array of the world and of the states played on it

    @cached_property
    def batched(self) -> "World":
        """This world in float32, for Monte Carlo batches: half the memory moved and twice the SIMD width of
        float64, while scores agree with a float64 batch's to a few thousandths of a point (tests/test_layout.py).
        The window's single game keeps float64, so a save replays bit for bit."""
        if self.real is np.float32:
            return self
        arrays = {f.name: getattr(self, f.name).astype(np.float32) for f in fields(self)
                  if isinstance(getattr(self, f.name), np.ndarray) and getattr(self, f.name).dtype == np.float64}
        return replace(self, real=np.float32, **arrays)

    @cached_property
    def theatre_members(self) -> tuple[tuple[int, ...], ...]:
        """The allies of each theatre, by index (what game.sim.layout adds up)."""
        return tuple(tuple(np.flatnonzero(column).tolist()) for column in self.theatre_onehot.T)

    @cached_property
    def adversary_members(self) -> tuple[tuple[int, ...], ...]:
        """The allies facing each adversary, by index."""
        return tuple(tuple(np.flatnonzero(column).tolist()) for column in self.adv_onehot.T)

    @property
    def n_allies(self) -> int:
        return len(self.gdp)

    @property
    def ally_ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.campaign.allies)


@dataclass(frozen=True, eq=False)
class State:
    world: World
    turn: int                   # turns completed (0 before the first)
    # allies (B, N)
    spending: np.ndarray
    capability: np.ndarray      # stock of military capability, in US$ bn per year of spending
    threat: np.ndarray
    threat_shift: np.ndarray    # lasting threat added by events and crises
    trust: np.ndarray
    alignment: np.ndarray
    hedging: np.ndarray
    presence: np.ndarray
    offset: np.ndarray          # US$ bn a year it pays toward the U.S. forces on its soil (game.sim.posture)
    emboldened: np.ndarray      # how far unconditional support has emboldened it in its own disputes
    pressed: np.ndarray         # recent years of U.S. pressure on it: threats never carried out wear thin
    shamed: np.ndarray          # recent years of public U.S. criticism of it: its public turns against paying more
    alarm: np.ndarray           # % GDP: the random part of what its budget-makers feel the threat calls for
    nuclear: np.ndarray         # bool: crossed into a nuclear weapons programme
    realigned: np.ndarray       # bool: accommodated the adversary
    renounced: np.ndarray       # bool: gave up a nuclear programme it had started
    aggressed: np.ndarray       # successful aggressions suffered so far
    # theatres (B, T)
    autonomy: np.ndarray        # the insulated allies' drift toward defending themselves apart (a "third force")
    # the run's draw of the fit's uncertain wartime response (B, 2): % GDP and extra budget speed per unit of
    # lasting threat shift (Params.shock_weight, Params.shock_rate), drawn in the first `step`
    war: np.ndarray
    # adversaries (B, K)
    adv_capability: np.ndarray
    revisionism: np.ndarray
    # the United States (B,)
    budget: np.ndarray
    domestic_pressure: np.ndarray
    credibility: np.ndarray
    # running totals for the outcome (B,)
    us_cost_total: np.ndarray
    budget_total: np.ndarray
    ally_milex_total: np.ndarray
    aggressions: np.ndarray
    crises: np.ndarray
    risk_total: np.ndarray      # expected successful aggressions, summed over turns: the risk the U.S. ran
    fair_total: np.ndarray      # allies' spending up to their fair share, US$ bn x years
    influence_total: np.ndarray  # GDP-weighted alignment x years
    # events already fired (B, E): conditional events fire once
    fired: np.ndarray

    @property
    def runs(self) -> int:
        return self.spending.shape[0]

    @property
    def over(self) -> bool:
        return self.turn >= self.world.campaign.turns

    def evolve(self, **changes) -> "State":
        return replace(self, **changes)


def protection(trust: np.ndarray, presence: np.ndarray, params: Params) -> np.ndarray:
    """What an ally expects of the U.S.: trust in the promise, made believable by forces on the ground."""
    return trust * (params.promise_weight + (1 - params.promise_weight) * presence)


def self_reliance(capability: np.ndarray, need0: np.ndarray) -> np.ndarray:
    """Own capability against what its threat required at the start, 0-1 (0.5: it matches it). Measured against a
    fixed yardstick, so it rises exactly when an ally arms itself."""
    return capability / (capability + need0 + 1e-9)


def make_world(campaign: Campaign, params: Params = DEFAULT) -> World:
    params = campaign_params(campaign, params)
    allies, advs = campaign.allies, campaign.adversaries
    theatres = list(campaign.theatres)
    adv_ids = [a.id for a in advs]
    col = lambda attr: np.array([getattr(a, attr) for a in allies], dtype=float)  # noqa: E731
    theatre = np.array([theatres.index(a.theatre) for a in allies])
    adversary = np.array([adv_ids.index(a.adversary) for a in allies])
    same = (theatre[:, None] == theatre[None, :]).astype(float)
    np.fill_diagonal(same, 0.0)
    cap0 = np.array([a.capability for a in advs], dtype=float)
    gdp, threat0 = col("gdp"), col("threat")
    # Alignment moves with changes in protection and self-reliance since the start (see step), so each ally
    # rests at its starting alignment until something changes.
    spending0 = col("spending")
    prot0 = protection(col("trust"), col("presence"), params)
    need0 = threat0 * cap0[adversary]
    sr0 = self_reliance(spending0 / 100 * gdp, need0)
    onehot = (theatre[:, None] == np.arange(len(theatres))[None, :]).astype(float)
    hub = col("hub")
    shortfall0 = float((np.maximum(params.guideline - spending0, 0) * gdp).sum() / (params.guideline * gdp.sum()))
    per_year = campaign.calendar.per_year
    return World(
        campaign=campaign, params=params, dt=1.0 / per_year, gdp=gdp, exposure=threat0,
        latency=col("latency"), trade=col("trade_dependence"), responsiveness=col("responsiveness"),
        dispute=col("dispute"), ceiling=col("ceiling"),
        treaty=np.array([0.0 if a.partner else 1.0 for a in allies]),
        baseline=_baselines(campaign, params, prot0), upkeep=col("upkeep"), theatre=theatre,
        adversary=adversary, alignment0=col("alignment"), protection0=prot0, self_reliance0=sr0,
        shortfall0=shortfall0, adv_onehot=(adversary[:, None] == np.arange(len(advs))[None, :]).astype(float),
        adversary_growth=np.array([a.growth for a in advs], dtype=float),
        adversary_capability0=cap0, revisionism0=np.array([a.revisionism for a in advs], dtype=float),
        theatre_onehot=onehot, hub=hub, valuable=np.maximum(hub, col("valuable")),
        nuclear_power=col("nuclear_power"),
        hub_presence0=(hub * col("presence")) @ onehot, need0=need0, trust0=col("trust"),
        partners0=(spending0 / 100 * gdp) @ same, fair_share0=params.fair_share(threat0),
        budget=float(campaign.us.budget), conditions=compile_conditions(campaign),
    )


def compile_conditions(campaign: Campaign) -> tuple:
    return tuple(None if e.when is None else parse(e.when, campaign) for e in campaign.events)


def _baselines(campaign: Campaign, params: Params, protection0: np.ndarray) -> np.ndarray:
    """% GDP each ally spends with no threat: the campaign's value, the peacetime floor, or, in a settled campaign
    or for a settled ally, whatever makes its starting spending the level the model's spending target gives it."""
    out = []
    for a, prot in zip(campaign.allies, protection0):
        if a.baseline is not None:
            out.append(a.baseline)
        elif campaign.settled or a.settled:
            felt = params.threat_weight * a.threat ** params.threat_curvature
            target = felt * (1 - params.trade_damping * a.trade_dependence - params.free_riding * prot)
            out.append(max(a.spending - target, 0.0))
        else:
            out.append(params.peacetime_floor)
    return np.array(out)


def initial_state(world: World, runs: int = 1) -> State:
    """The campaign's opening position, repeated over `runs` runs (before the turn-1 events fire)."""
    c = world.campaign
    allies, real = c.allies, world.real

    # Column-major, ally by ally: why, in game.sim.layout.
    def tile(values):
        return np.asfortranarray(np.tile(np.asarray(values, dtype=real), (runs, 1)))

    def zeros(*shape):
        return np.zeros(shape, dtype=real, order="F")

    spending = tile([a.spending for a in allies])
    return State(
        world=world, turn=0,
        spending=spending, capability=spending / 100 * world.gdp,
        threat=tile([a.threat for a in allies]), threat_shift=zeros(runs, len(allies)),
        trust=tile([a.trust for a in allies]), alignment=tile([a.alignment for a in allies]),
        hedging=tile([a.hedging for a in allies]), presence=tile([a.presence for a in allies]),
        offset=tile([a.offset for a in allies]),
        emboldened=zeros(runs, len(allies)), pressed=zeros(runs, len(allies)), shamed=zeros(runs, len(allies)),
        alarm=zeros(runs, len(allies)),
        war=tile([world.params.shock_weight, world.params.shock_rate]),
        nuclear=np.zeros((runs, len(allies)), dtype=bool, order="F"),
        realigned=np.zeros((runs, len(allies)), dtype=bool, order="F"),
        renounced=np.zeros((runs, len(allies)), dtype=bool, order="F"),
        aggressed=zeros(runs, len(allies)), autonomy=zeros(runs, len(c.theatres)),
        adv_capability=tile([a.capability for a in c.adversaries]),
        revisionism=tile([a.revisionism for a in c.adversaries]),
        budget=np.full(runs, world.budget, dtype=real),
        domestic_pressure=np.full(runs, c.us.domestic_pressure, dtype=real),
        credibility=np.full(runs, c.us.credibility, dtype=real),
        us_cost_total=zeros(runs), budget_total=zeros(runs), ally_milex_total=zeros(runs),
        aggressions=zeros(runs), crises=zeros(runs), risk_total=zeros(runs), fair_total=zeros(runs),
        influence_total=zeros(runs),
        fired=np.zeros((runs, len(c.events)), dtype=bool),
    )
