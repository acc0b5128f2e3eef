"""The words several screens share: theatre names, a campaign's one-line description, the names of the ally
figures the reports compare and which way is good for each."""
from __future__ import annotations

import re

from game.catalog import Card

THEATRE_NAMES = {"europe": "Europe", "indo_pacific": "Indo-Pacific"}
STEP_NAMES = {"year": "yearly turns", "half": "half-year turns", "quarter": "quarterly turns", "month": "monthly turns"}
VAR_TITLES = {"spending": "Spending", "trust": "Trust in the U.S.", "alignment": "Alignment", "hedging": "Hedging"}
GOOD_UP = {"spending": True, "trust": True, "alignment": True, "hedging": False}


def theatre_name(tid: str) -> str:
    return THEATRE_NAMES.get(tid, tid.replace("_", " ").title())


def campaign_meta(c) -> str:
    return card_meta(Card.of(c))


def card_meta(card: Card) -> str:
    """A campaign's one line from its card (game.catalog.Card), which the title has without parsing the file."""
    return (f"{card.turns} {STEP_NAMES.get(card.step, 'turns')} · {' + '.join(theatre_name(t) for t in card.theatres)}"
            f" · {card.allies} allies")


def name_forms(name: str) -> tuple[str, ...]:
    """A campaign's name, then shorter forms that keep its figures: without a bracketed aside ("(historical)"),
    then the part before a colon ("Europe 2024")."""
    forms = [name]
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if bare and bare != name:
        forms.append(bare)
    if ":" in bare:
        forms.append(bare.split(":")[0].strip())
    return tuple(forms)
