"""A game as a table: one row per ally per turn, as `debrief` writes it to game.csv and game.json.

Each row holds the ally's values after the turn, the order it was given, each named factor of the turn report
(which add up to the turn's change: see game.sim.report) and the U.S. budget and cost that turn.
"""
from __future__ import annotations

from game.analysis.replay import GamePath, turn_date
from game.analysis.report_doc import csv_table, table_kind
from game.i18n import N_, SOURCE, Translated
from game.campaign.model import ORDERS, US_ACTIONS, Campaign
from game.sim.report import FACTORS, factor_name

VALUES = ("spending", "threat", "trust", "alignment", "hedging", "presence")
FACTOR_COLUMNS = tuple(f"{var}: {name}" for var, names in FACTORS.items() for name in names)
COLUMNS = ("turn", "date", "period", "ally", "ally_name", "order", *VALUES, "attacked", "probed", *FACTOR_COLUMNS,
           "us_action", "us_budget", "us_cost")
# The columns' names in the language spoken (the CSV's header outside English: game.i18n.csv_header).
LABELS = Translated({
    "turn": N_("Turn"), "date": N_("Date"), "period": N_("Period"), "ally": N_("Ally id"), "ally_name": N_("Ally"),
    "order": N_("Order"), "spending": N_("Defence spending (% of GDP)"), "threat": N_("Threat felt"),
    "trust": N_("Trust in the U.S."), "alignment": N_("Alignment with the U.S."), "hedging": N_("Hedging"),
    "presence": N_("U.S. presence"), "attacked": N_("Attacked successfully"), "probed": N_("Probe turned back"),
    "us_action": N_("U.S. action"), "us_budget": N_("U.S. budget (US$ bn)"), "us_cost": N_("U.S. cost (US$ bn)")})


def label(column: str) -> str:
    if column in LABELS:
        return LABELS[column]
    var, _colon, factor = column.partition(": ")
    return f"{LABELS[var]}: {factor_name(factor)}"


DECIMALS = 4
TABLE = table_kind(COLUMNS)


def rows(path: GamePath, campaign: Campaign) -> list[dict]:
    out = []
    for t, report in enumerate(path.reports):
        after, before = path.states[t + 1], path.states[t]
        for i, ally in enumerate(campaign.allies):
            row = {"turn": t + 1, "date": turn_date(campaign, t), "period": campaign.calendar.label(t, SOURCE),
                   "ally": ally.id, "ally_name": ally.name, "order": ORDERS[int(report.orders[0, i])]}
            row.update({v: round(float(getattr(after, v)[0, i]), DECIMALS) for v in VALUES})
            row["attacked"] = int(report.aggression[0, i])
            row["probed"] = int(report.probe[0, i] and not report.aggression[0, i])
            for var, names in FACTORS.items():
                values = report.factors(var)[0, i]
                row.update({f"{var}: {n}": round(float(x), DECIMALS) for n, x in zip(names, values)})
            row.update(us_action=US_ACTIONS[int(report.us_action[0])],
                       us_budget=round(float(before.budget[0]), DECIMALS),
                       us_cost=round(float(report.us_cost[0]), DECIMALS))
            out.append(row)
    return out


def to_csv(table: list[dict]) -> str:
    """game.csv: the rows as a spreadsheet opens them (report_doc.csv_table), with ISO dates. The values are the
    same in every language (ids, English periods, dot decimals); the header follows the language
    (game.i18n.csv_header)."""
    return csv_table(COLUMNS, table, label)
