"""The games tools/calibrate.py fits the model on: the shipped sample, or every ally the data holds.

    shipped  europe_2014 and indo_pacific_2014 as they ship (16 allies), on the years FIT_YEARS names: the sample
             the shipped calibration.json was fitted on.
    all      europe_2014 and indo_pacific_2014 widened with every ally and partner the data holds figures for at
             their start year, and the Cold War campaigns with a given year after their start (korea_1969:
             1976-1977; offset_1966: 1967-1969) as they ship, each fitted on every recorded year of its span the
             data gives (game/analysis/records.py: 2014-2019 and 2024; 1960-1969, 1976-1977 and 1984-2019 for
             SIPRI's Cold War years). A held-out year is never fitted, even when its figures are dropped into data/.

An added ally is written as `fairshare new` writes it for that year (game/authoring/scaffold.py), with the
judgements argued for it in tools/calibration_allies.yaml (threat, trust, alignment, presence, latency, trade
dependence, responsiveness, ceiling, each with its reason; `settled` where it starts at rest): an ally the data adds
that the file does not argue stops the sample with an error, so no guess enters the fit. Its GDP is the data's for
that year put into the host campaign's units (europe_2014 counts 2023 GDP for 2014): multiplied by the median, over
the host's own allies, of host GDP over the data's figure. Its upkeep follows the scaffold's rule in today's dollars,
as the 2014 campaigns' do; the U.S. budget grows by what its presence costs. It plays what Washington did toward it,
as the same file argues (the host's plan names only its own allies).

The Cold War campaigns are not widened: their money is in the dollars of their time, which an added ally's figures
(in 2023 prices) are not. nixon_1969 is left out, its years after 1969 all held out: it would fit nothing. The
later historical campaigns (trump_2017, indo_partners_2018) are left out too: their recorded years are the 2014
campaigns' own, for the same allies, and would count twice."""
from __future__ import annotations

import dataclasses
import re
import statistics
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from game.analysis.backtest import default_plan, fit_years, last_year
from game.analysis.records import given, spellings
from game.authoring.countries import ident
from game.authoring.data import countries
from game.authoring.scaffold import ALLY_JUDGEMENTS, SLACK, ally_entry, judged_in
from game.campaign import Campaign, load_campaign_text
from game.campaign.model import ORDERS
from game.campaign.plan import load_plan
from game.catalog import find_campaign
from game.sim.policies import plan_policy

SHIPPED = ("europe_2014", "indo_pacific_2014")
COLD_WAR = ("korea_1969", "offset_1966")      # in "all" as they ship (see above)
SAMPLES = ("shipped", "all")
ARGUED = Path(__file__).with_name("calibration_allies.yaml")
FACTS = ("partner", "nuclear_power")     # facts of the year (game/authoring/countries.py), not judgements


@cache
def argued() -> dict[str, dict[str, dict]]:
    """campaign id -> {"allies": ally id -> the judgements tools/calibration_allies.yaml argues for it, "orders":
    ally id -> what Washington did toward it, an order or one per turn}."""
    with open(ARGUED, encoding="utf-8") as f:
        table = yaml.safe_load(f) or {}
    for cid, parts in table.items():
        for aid, values in parts.get("allies", {}).items():
            wrong = set(values) - (set(ALLY_JUDGEMENTS) - set(FACTS))
            if wrong:
                raise ValueError(f"{ARGUED.name}: {cid}.{aid}: not a judgement key: {', '.join(sorted(wrong))}")
        for aid, orders in parts.get("orders", {}).items():
            wrong = {o for o in ([orders] if isinstance(orders, str) else orders) if o not in ORDERS}
            if wrong or aid not in parts.get("allies", {}):
                raise ValueError(f"{ARGUED.name}: {cid}.orders.{aid}: an added ally's orders, from {', '.join(ORDERS)}")
    return table


@dataclass(frozen=True)
class Game:
    campaign: Campaign
    policy: object               # the historical plan as a policy
    fit: tuple[int, ...]         # the recorded years fitted on
    added: tuple[str, ...]       # ally ids the data added to the shipped campaign


def games(sample: str) -> list[Game]:
    if sample == "shipped":
        return [_game(find_campaign(cid), ()) for cid in SHIPPED]
    return [_game(*widened(find_campaign(cid))) for cid in SHIPPED] + \
        [_game(c, ()) for c in map(find_campaign, COLD_WAR) if given_years(c)[1:]]


def _game(campaign: Campaign, added: tuple[str, ...]) -> Game:
    plan = load_plan(default_plan(campaign), campaign)
    fit = given_years(campaign) if added or campaign.id in COLD_WAR else fit_years(campaign)
    extra = {a: (o,) if isinstance(o, str) else tuple(o)
             for a, o in argued().get(campaign.id, {}).get("orders", {}).items() if a in added}
    orders = {**plan.orders, **extra}
    return Game(campaign, plan_policy(plan.name, plan.default, orders, campaign, plan.us), fit, added)


def given_years(campaign: Campaign) -> tuple[int, ...]:
    """Every year of the campaign's span the data gives on purpose (its start is given too, but never a target)."""
    return tuple(y for y in range(campaign.calendar.start, last_year(campaign) + 1) if given(y))


def widened(campaign: Campaign) -> tuple[Campaign, tuple[str, ...]]:
    """The campaign with every ally and partner the data holds figures for at its start year, in its theatres, that
    it lacks; and the ids added."""
    year = campaign.calendar.start
    data = countries(year)
    own = {a.id: next((ident(n) for n in spellings(a.name) if ident(n) in data), a.id) for a in campaign.allies}
    facing = {a.theatre: a.adversary for a in campaign.allies}
    add = [c for c in data.values() if c.theatre in facing and c.id not in own.values() and c.tie.kind != "none"
           and c.gdp and c.spending]
    if not add:
        return campaign, ()
    scale = statistics.median(a.gdp / data[own[a.id]].gdp.value for a in campaign.allies
                              if own[a.id] in data and data[own[a.id]].gdp)
    judged = judged_in({c.id for c in add}, year)
    mine = argued().get(campaign.id, {}).get("allies", {})
    unargued = [c.id for c in add if c.id not in mine]
    if unargued:
        raise ValueError(f"{ARGUED.name} argues no judgements for {', '.join(unargued)} in {campaign.id}: write them "
                         "(threat, trust, alignment, presence, upkeep, latency, trade_dependence, responsiveness, "
                         "ceiling, each with its reason) before the sample fits on them")
    lines: list[str] = []
    cost = 0.0
    for country in add:
        note = f"{country.gdp.note}; x {scale:.3f}, {campaign.id}'s units".lstrip("; ")
        gdp = dataclasses.replace(country.gdp, value=round(country.gdp.value * scale, 1), note=note)
        entry, values = ally_entry(dataclasses.replace(country, gdp=gdp), judged, [], year, facing[country.theatre],
                                   (f"argued in tools/{ARGUED.name}", mine[country.id]))
        lines += entry
        cost += values["presence"] * values["upkeep"]
    with open(campaign.path, encoding="utf-8") as f:
        text = f.read()
    # the budget grows by what the added presence costs, with the scaffold's slack, so that the host's allies do
    # not see a U.S. over budget that history did not have
    text = re.sub(r"^(  budget: )([0-9.]+)", lambda m: f"{m[1]}{float(m[2]) + round(cost * SLACK, 1):g}", text,
                  count=1, flags=re.MULTILINE)
    rows = text.splitlines()
    at = rows.index("allies:") + 1
    return load_campaign_text("\n".join(rows[:at] + lines + rows[at:]) + "\n", campaign.path), \
        tuple(c.id for c in add)
