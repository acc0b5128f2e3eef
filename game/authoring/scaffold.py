"""`fairshare new`: a campaign file that validates and plays as it stands, started from the shipped data in the
year asked for (2024 unless `--year` says otherwise).

GDP, spending, the adversaries' capability and the U.S. troops on each ally's soil come from data/
(game.authoring.data) with their sources named in the file; whether an ally is a treaty ally or a partner that year
from game.authoring.countries. Every judgement value carries a comment saying what it means and what range makes
sense; where a shipped campaign already judged that ally (or adversary), its values are taken from the one nearest in
time and the file says so, else a neutral guess is written. A figure the shipped data lacks is written as a `TODO`
placeholder, which the loader refuses with an error that says to fill it in; a year the data cannot start a campaign
in is refused in one line.
"""
from __future__ import annotations

import difflib
import math
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from game.analysis.records import HELD_OUT, spans
from game.campaign import Campaign, CampaignError, load_campaign
from game.campaign.schema import ID_LEN, ID_RE, PLACEHOLDER, RESERVED_IDS
from game.paths import campaigns_dir
from game.text_rules import shown
from game.i18n import N_
from game.userdata import FileKind

from .countries import ADVERSARY_NAME, ADVERSARY_OF, ident
from .data import DMDC, PRESENT, SIPRI_USD, Country, adversary_capability, countries, start_years

THEATRES = ("europe", "indo_pacific", "both")
DEFAULT_ALLIES = {
    "europe": ("poland", "estonia", "germany", "spain"),
    "indo_pacific": ("japan", "south_korea", "philippines", "australia"),
    "both": ("poland", "germany", "spain", "japan", "south_korea", "australia"),
}
# Shipped campaigns whose judgements a new campaign may start from, with their start years: the nearest in time
# first, in this order among equals. (nixon_1969 is not among them: its money is in 1970 dollars.)
JUDGED_IN = {"europe_2024": 2024, "indo_pacific_2024": 2024, "global_2024": 2024, "nordic_baltic_2024": 2024,
             "europe_2014": 2014, "indo_pacific_2014": 2014}
SLACK = 1.15     # the budget: what the starting presence costs, plus room for some reassurance (as europe_2024)
MIN_BUDGET = 0.1             # the loader's least budget, for allies with almost no U.S. troops
TROOPS_PER_BN = 2500         # the shipped campaigns' upkeep rule: 2 bn a year per 5,000 troops at full presence
MOST_SEEDED = 0.9            # the highest presence troops seed: a full presence would leave no room to reassure
THEATRE_NAME = {"europe": "Europe", "indo_pacific": "the Indo-Pacific"}
# What `new` writes. A campaign is its author's from the first edit: an existing one is replaced only with --force.
CAMPAIGN = FileKind("a campaign")
SCHEMA = FileKind(N_("the campaign format's JSON Schema"), lambda head: b'"title": "Fair Share campaign"' in head,
                  1024)

# key -> what it means and the range that makes sense: the comment next to every judgement value in the file.
MEANING = {
    "threat": "how threatened it feels (and threat events hit it): front line 0.8-0.95, rear 0.1-0.3",
    "trust": "trust in the U.S. commitment: 0.4-0.75 in the shipped campaigns",
    "alignment": "how closely it follows U.S. preferences: 0.3 (France 1969) to 0.85 (Poland)",
    "presence": "U.S. forward presence on its soil, 1 = the full planned presence: 0.01-0.9",
    "upkeep": "U.S. cost of presence 1.0, US$ bn a year, ~2 bn per 5,000 troops: 0.3-20",
    "latency": "nuclear latency, how close it could get to a bomb: 0 (no industry) to 0.8",
    "trade_dependence": "trade dependence on its adversary, damps balancing: 0-0.5",
    "responsiveness": "how strongly its politics answer U.S. pressure: 0.5-1.4, 1 average",
    "dispute": "its own quarrels with the adversary, the root of entrapment: 0-0.5",
    "ceiling": "the most it can spend, % of GDP, at least its spending: 3-7",
    "baseline": "% of GDP it spends with no threat at all (a global role): 1.5-3.5",
    "settled": "starts at rest: its baseline is set so that its spending is the model's target",
    "hub": "a logistics hub: U.S. forces there reinforce the theatre's exposed allies",
    "nuclear_power": "has its own nuclear deterrent",
    "partner": "a partner rather than a treaty ally",
    "growth": "growth of its capability per turn, as a fraction: -0.01 to 0.055",
    "revisionism": "appetite for probing where deterrence looks thin: 0.3-0.7",
    "domestic_pressure": "how hard Congress and voters push to pull back: 0.35-0.6",
    "credibility": "how far the world believes U.S. commitments: 0.6-0.7",
}
COMMENT_COL = 30
ALLY_JUDGEMENTS = ("threat", "trust", "alignment", "presence", "upkeep", "latency", "trade_dependence",
                   "responsiveness", "dispute", "ceiling", "baseline", "settled", "hub", "nuclear_power", "partner")
# A neutral ally for a country no shipped campaign has judged: middling threat and trust, a small U.S. presence.
GUESS = {"threat": 0.5, "trust": 0.65, "alignment": 0.7, "presence": 0.2, "upkeep": 2.0, "latency": 0.1,
         "trade_dependence": 0.05, "responsiveness": 1.0, "dispute": 0.05, "ceiling": 4.0, "baseline": None,
         "settled": False, "hub": False, "nuclear_power": False, "partner": False}
ADVERSARY_GUESS = {"growth": 0.02, "revisionism": 0.6}


class ScaffoldError(ValueError):
    """What was asked cannot be scaffolded (a bad id, an unknown ally); the message says what to do."""


@dataclass(frozen=True)
class Scaffold:
    text: str
    allies: tuple[str, ...]
    missing: tuple[str, ...]     # "gdp of belgium": the placeholders left to fill in


def check_year(year: int, theatres) -> None:
    """Refuse, in one line, a year the data cannot start a campaign in one of `theatres` in."""
    for theatre in dict.fromkeys(theatres):
        years = start_years(theatre)
        if year in years:
            continue
        adversary = ADVERSARY_NAME[ADVERSARY_OF[theatre]][0]
        if year in HELD_OUT:
            why = "its figures are held out for the backtest (data/README.md)"
        elif year < years[0]:
            why = (f"SIPRI gives {adversary}'s military expenditure from {years[0]} only (a Cold War campaign takes "
                   "it as a judgement, as campaigns/nixon_1969.yaml does)")
        else:
            why = "no table in data/ holds it"
        raise ScaffoldError(f"--year {year}: the data cannot start a campaign in {THEATRE_NAME[theatre]} that year: "
                            f"{why}; choose from {spans(years)}")


def pick_allies(theatre: str, names: list[str] | None, known: dict[str, Country],
                year: int = PRESENT) -> list[Country]:
    if theatre not in THEATRES:
        raise ScaffoldError(f"unknown theatre '{theatre}' (choose from {', '.join(THEATRES)})")
    chosen = []
    for raw in names or DEFAULT_ALLIES[theatre]:
        name = ident(raw)
        if name not in known:
            close = difflib.get_close_matches(name, list(known), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise ScaffoldError(f"unknown ally '{raw}'{hint} (the shipped data covers: {', '.join(known)})")
        country = known[name]
        if theatre != "both" and country.theatre != theatre:
            raise ScaffoldError(f"{country.name} is in theatre '{country.theatre}', not '{theatre}'; use "
                                f"--theatre {country.theatre} or --theatre both")
        if country not in chosen:
            chosen.append(country)
    if not chosen:
        raise ScaffoldError("--allies names no ally")
    check_year(year, (c.theatre for c in chosen))
    if not names:     # the default allies that were allies that year and the data has figures for
        chosen = [c for c in chosen if c.gdp and c.spending and c.tie.kind != "none"] or chosen
    for country in chosen:
        if country.tie.kind == "none":
            raise ScaffoldError(f"{country.name} was neither a U.S. ally nor a partner in {year} "
                                f"({country.tie.said}); choose a later --year or leave it out")
    return chosen


def judged_in(wanted: set[str], year: int) -> list[Campaign]:
    """The shipped campaigns that judged these allies and adversaries, nearest in time first, loaded only as far as
    needed (each load is a tenth of a second, and `new` should take well under one): a campaign whose text names
    none of the ids still wanted is not loaded."""
    found, left = [], set(wanted)
    for cid in sorted(JUDGED_IN, key=lambda c: abs(JUDGED_IN[c] - year)):
        path = campaigns_dir() / f"{cid}.yaml"
        if not left:
            break
        try:
            named = set(re.findall(r"^\s*- id: (\w+)", path.read_text(encoding="utf-8"), re.MULTILINE))
            if not named & left:
                continue
            campaign = load_campaign(path)
        except (OSError, CampaignError):     # a broken shipped campaign is a bug its own tests report
            continue
        found.append(campaign)
        left -= {a.id for a in (*campaign.allies, *campaign.adversaries)}
    return found


def _num(v) -> str:
    return "true" if v is True else "false" if v is False else f"{v:g}"


def _line(text: str, comment: str) -> str:
    return f"{text:<{COMMENT_COL}}# {comment}"


def _comment(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, 118, initial_indent=f"{indent}# ", subsequent_indent=f"{indent}# ")


def _judgement(key: str, value, indent: str) -> str:
    return _line(f"{indent}{key}: {_num(value)}", MEANING[key])


def _origin(source, indent: str, where: str = "") -> str:
    where = where or (f"as in campaigns/{source.id}.yaml" if source else "a neutral guess, no shipped campaign has it")
    return f"{indent}# Judgements ({where}), each with its meaning and a sensible range:"


def _where_from(year: int, troops: bool) -> list[str]:
    """The file's opening comment: where its numbers come from."""
    gdp = "" if year == PRESENT else (f" ({year}'s GDP is derived from SIPRI, expenditure over share of GDP, in the "
                                      "constant 2023 dollars of the adversaries' capability)")
    presence = ("U.S. presence is seeded from the troops DMDC counts as permanently assigned on each ally's soil: "
                "rotational forces (the brigades in Poland, the Baltic states and Romania, part of those in South "
                "Korea) are not in that count, so each presence is a floor." if troops else
                f"The data holds no U.S. troop count for {year}: presence is a judgement.")
    return _comment(f"Where the numbers come from: gdp and spending are from the data the game ships "
                    f"(data/README.md){gdp}, named next to each figure and listed under sources: at the end. "
                    f"{presence} Every other number is a judgement: its comment says what it means and what range "
                    "makes sense. Check the file with `fairshare validate FILE` (add --balance to see if it is a real "
                    "dilemma) and play it with `fairshare play FILE`: the window reloads it each time you save. "
                    "docs/authoring.md walks through it.", "")


def _presence(country: Country, values: dict, source, year: int) -> list[str]:
    """Presence and upkeep seeded from the U.S. troops on the ally's soil (into `values`), and the comment that
    says how: the troops over the full presence the shipped campaign judged (or a neutral guess of one)."""
    troops = country.troops
    if troops is None:
        return _comment(f"U.S. troops: the data holds no count for {year} (only 1969-1977 and December 2023-2024), "
                        "so presence and upkeep are judgements.", "    ")
    judged_full = values["upkeep"] * TROOPS_PER_BN
    full = max(judged_full, math.ceil(troops.count / MOST_SEEDED / 500) * 500)
    judged_presence = values["presence"]
    values["presence"] = max(0.01, round(troops.count / full, 2))
    values["upkeep"] = round(full / TROOPS_PER_BN, 1)
    if full > judged_full:
        scale = f"so that they make presence {MOST_SEEDED}"
    else:
        scale = f"as judged in campaigns/{source.id}.yaml" if source else "a neutral guess"
    said = (f"U.S. troops permanently assigned (DMDC): {troops.said}. Rotational forces are not counted, so "
            f"presence is a floor: raise it where rotations are known. Presence 1.0 = {full:,.0f} troops ({scale}).")
    if source and abs(judged_presence - values["presence"]) >= 0.05:
        said += f" campaigns/{source.id}.yaml judges presence {judged_presence:g}, rotations included."
    return _comment(said, "    ")


def ally_entry(country: Country, judged: list[Campaign], missing: list[str], year: int,
               adversary: str | None = None, argued: tuple[str, dict] | None = None) -> tuple[list[str], dict]:
    """The ally's lines in the file (facing `adversary`, else its theatre's adversary today) and the values written;
    a figure the data lacks is added to `missing`. `argued`, where given, is (where, judgements): values argued
    elsewhere for this year, which take the place of the shipped campaigns' and the neutral guess."""
    source = next(((c, a) for c in judged for a in c.allies if a.id == country.id), None)
    values = {k: getattr(source[1], k) for k in ALLY_JUDGEMENTS} if source else dict(GUESS)
    if argued:
        source = None
        values.update(argued[1])
    values.update(partner=country.tie.partner, nuclear_power=country.nuclear_power)   # facts of the year
    adversary = adversary or ADVERSARY_OF[country.theatre]
    lines = [f"  - id: {country.id}", f"    name: {country.name}",
             _line(f"    country: {country.iso3}", "ISO 3166-1 alpha-3: picks the outline on the map"),
             f"    theatre: {country.theatre}", f"    adversary: {adversary}", f"    # In {year}: {country.tie.said}."]
    gdp_unit = "US$ bn, 2023" if year == PRESENT else f"US$ bn, {year}, 2023 prices"
    for key, figure, unit in (("gdp", country.gdp, gdp_unit), ("spending", country.spending, f"% of GDP, {year}")):
        if figure is None:
            missing.append(f"{key} of {country.name}")
            lacks = f" ({country.missing})" if key == "spending" and country.missing else ""
            lines.append(_line(f"    {key}: {PLACEHOLDER}", f"MISSING from data/{lacks}: write {country.name}'s "
                               f"{unit} and name the source"))
        else:
            how = f"; {figure.note}" if figure.note else ""
            lines.append(_line(f"    {key}: {figure.value:g}", f"{unit}: {figure.source.split(',')[0]}{how}"))
    lines.append(_origin(source[0] if source else None, "    ", argued[0] if argued else ""))
    spending = country.spending.value if country.spending else 0.0
    for key in ALLY_JUDGEMENTS:
        if key == "presence":
            lines += _presence(country, values, source[0] if source else None, year)
        value = values[key]
        if key == "ceiling" and value < spending:
            value = round(spending + 0.5, 1)                 # the loader refuses a ceiling below the spending
        if value is None or (key in ("settled", "hub", "nuclear_power", "partner") and not value):
            continue                                         # the default, said in docs/campaign-format.md
        lines.append(_judgement(key, value, "    "))
    return lines, values


def _adversary(adversary: str, judged: list[Campaign], year: int) -> list[str]:
    name, iso3 = ADVERSARY_NAME[adversary]
    source = next(((c, a) for c in judged for a in c.adversaries if a.id == adversary), None)
    values = {k: getattr(source[1], k) for k in ADVERSARY_GUESS} if source else dict(ADVERSARY_GUESS)
    capability = adversary_capability(adversary, year)
    theatre = next(t for t, a in ADVERSARY_OF.items() if a == adversary)
    return [f"  - id: {adversary}", f"    name: {name}", f"    country: {iso3}", f"    theatre: {theatre}",
            _line(f"    capability: {capability.value:g}", f"US$ bn a year, {year}: SIPRI, constant 2023 prices"
                  f"{'; ' + capability.note if capability.note else ''}"),
            _origin(source[0] if source else None, "    "),
            *(_judgement(k, values[k], "    ") for k in ADVERSARY_GUESS)]


def _events(front: Country, turns: int) -> list[str]:
    """One event of each kind: scripted on a turn, conditional once (on the most threatened ally), conditional
    every turn it holds."""
    adv = ADVERSARY_OF[front.theatre]             # the exercise threatens the most threatened ally's theatre
    name = ADVERSARY_NAME[adv][0]
    late = max(1, min(turns, (turns + 1) // 2))
    return [
        "# Three kinds of event. `turn:` is scripted: it fires at the start of that turn (1-based). `when:` fires",
        "# the first turn its condition holds; with `once: false` it fires every turn it holds.",
        "events:",
        "  - id: election_season",
        f"    turn: {min(2, turns)}",
        "    title: U.S. Election Season",
        "    text: |",
        "      One campaign asks why America defends allies who do not pay. Congress's mood makes a warning",
        "      that \"they may force my hand\" easier to believe.",
        "    effects:",
        "      - {target: us, var: domestic_pressure, add: 0.15}",
        f"  - id: {adv}_exercise",
        f"    turn: {late}",
        f"    title: {name} Holds a Snap Exercise",
        "    text: |",
        f"      {name} moves divisions to the border without warning. The allies nearest feel it most.",
        "    effects:",
        f"      - {{target: allies, var: threat, add: 0.05, scale: exposure, theatre: {front.theatre}}}",
        f"      - {{target: {adv}, var: revisionism, add: 0.05}}",
        f"  - id: {front.id}_wavers",
        f"    when: \"{front.id}.trust < 0.45\"     # reachable by withdrawing or pressing hard, not by holding",
        f"    title: {front.name} Wavers",
        "    text: |",
        f"      Politicians in {front.name} ask aloud whether Washington would come, and some talk of a deal.",
        "    effects:",
        f"      - {{target: {front.id}, var: hedging, add: 0.05}}",
        "  - id: doubts_spread",
        "    when: \"turn >= 2 and min(trust) < 0.5\"   # every turn some ally's trust stays this low",
        "    once: false",
        "    title: Doubts About Washington Spread",
        "    text: |",
        "      One ally no longer believes America would come. Every turn that lasts, others wonder too.",
        "    effects:",
        "      - {target: us, var: credibility, add: -0.02}",
    ]


# The editor's schema line: the schema sits beside the campaign (`fairshare new` writes it there), named without a
# folder, so that moving the folder, the checkout or the installed game never breaks it.
MODELINE = "# yaml-language-server: $schema=campaign.schema.json"


def scaffold(cid: str, theatre: str = "europe", allies: list[str] | None = None, turns: int = 12,
             out: Path = Path("campaign.yaml"), command: str = "", year: int = PRESENT) -> Scaffold:
    """The text of a new campaign starting in `year`. Raises ScaffoldError for an id, a theatre, an ally or a year
    that cannot be used."""
    if not ID_RE.match(cid) or cid in RESERVED_IDS or len(cid) > ID_LEN:
        raise ScaffoldError(f"'{shown(cid, 80)}' is not a usable campaign id: use at most {ID_LEN} lowercase letters, "
                            f"digits and '_', starting with a letter (and not {', '.join(RESERVED_IDS)})")
    if not 1 <= turns <= 60:
        raise ScaffoldError(f"--turns must be between 1 and 60, got {turns}")
    known = countries(year)
    chosen = pick_allies(theatre, allies, known, year)
    judged = judged_in({c.id for c in chosen} | {ADVERSARY_OF[c.theatre] for c in chosen}, year)
    missing: list[str] = []
    ally_lines, cost, threat = [], 0.0, {}
    for country in chosen:
        lines, values = ally_entry(country, judged, missing, year)
        ally_lines += lines + [""]
        cost += values["presence"] * values["upkeep"]
        threat[country.id] = values["threat"]
    adversaries = list(dict.fromkeys(ADVERSARY_OF[c.theatre] for c in chosen))
    names = ", ".join(c.name for c in chosen)
    foes = " and ".join(ADVERSARY_NAME[a][0] for a in adversaries)
    title = cid.replace("_", " ").title()
    troops = any(c.troops for c in chosen)
    sources = list(dict.fromkeys([*(f.source for c in chosen for f in (c.gdp, c.spending) if f), SIPRI_USD,
                                  *([DMDC] if troops else [])]))
    situation = (f"{foes} {'spends' if len(adversaries) == 1 else 'spend'} more on armed forces every year, and the "
                 "allies nearest feel it most." if year == PRESENT else
                 f"The allies nearest {foes} feel {'its' if len(adversaries) == 1 else 'their'} weight most.")
    text = [
        MODELINE,
        f"# Fair Share campaign: {title}. Written by `fairshare new`; now make it yours:",
        f"#   {command or 'fairshare new ' + cid}",
        "#",
        *_where_from(year, troops),
        "",
        f"id: {cid}",
        f"name: \"{title}\"",
        "description: >-",
        f"  A new campaign: Washington and {names} face {foes}.",
        "  Say in one paragraph what the player is in for; it is shown on the title screen.",
        "",
        "# The briefing is read before turn 1. Keep the three parts: the situation, the player's means, the catch.",
        "briefing: |",
        *textwrap.wrap(f"It is {year}. {situation}", 116, initial_indent="  ", subsequent_indent="  "),
        "",
        "  You are Washington. Your budget pays for the troops you keep abroad and for reassuring allies; pulling",
        "  troops out frees money but tells every ally, and every adversary, that American guarantees can shrink.",
        "",
        "  The catch: pressure works where the threat is real, but an ally that learns to defend itself also",
        "  learns it need not follow your lead.",
        "",
        "goals:",
        "  - \"Deterrence: no successful probe by an adversary against any ally.\"",
        "  - \"Burden: raise the allies' share of the common defence, U.S. costs within the budget.\"",
        "  - \"Influence: keep the allies following Washington's lead.\"",
        "  - \"Cohesion: no ally turns to a nuclear option or makes its own deal.\"",
        "",
        _line("settled: true", f"allies start at rest in {year}; threat, protection and orders move them"),
        f"turns: {turns}",
        "calendar:",
        f"  start: {year}",
        _line("  step: half", f"{turns} half-year turns"),
        "",
        "us:",
        _line(f"  budget: {max(MIN_BUDGET, round(cost * SLACK, 1)):g}",
              f"US$ bn a year: the starting presence x upkeep ({cost:.1f}) plus {SLACK - 1:.0%}"),
        "  # Judgements for 2024, an election year with doubts about U.S. staying power:" if year == PRESENT else
        f"  # Judgements (2024's, an election year with doubts about U.S. staying power): argue your own for {year}",
        _judgement("domestic_pressure", 0.4, "  "),
        _judgement("credibility", 0.65, "  "),
        "",
        "adversaries:",
        *(line for a in adversaries for line in _adversary(a, judged, year) + [""]),
        "allies:",
        *ally_lines,
        *_events(max(chosen, key=lambda c: threat[c.id]), turns),
        "",
        "sources:",
        *(f"  - \"{s}\"" for s in sources),
        "",
    ]
    return Scaffold("\n".join(text), tuple(c.id for c in chosen), tuple(missing))
