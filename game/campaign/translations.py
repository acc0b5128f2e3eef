"""A campaign's text in several languages: the `translations:` section checked with positioned errors, and the
prose of a loaded campaign switched to the language spoken.

    name: "Europe 2024: Who Pays for the Eastern Flank?"      # the campaign's own keys are the English
    allies:
      - id: poland
        name: Poland
    translations:
      de:
        name: "Europa 2024: Wer zahlt für die Ostflanke?"
        allies:
          poland: {name: Polen}
        events:
          reservists: {title: ..., text: ...}

Each language translates the English keys of the same name (schema.TRANSLATION: name, description, briefing,
goals; allies' and adversaries' names; events' titles and texts). A key a language leaves out shows in English, and
`fairshare validate` warns of it at that language's block (game.authoring.lint). Only the prose is translated: ids,
numbers, conditions and effects stay where they are, so a campaign plays the same in every language and its saves
(game.campaign.model.meaning_hash) do not depend on the language.

A loaded campaign speaks the language spoken when it was loaded; `speak_all` switches every campaign still in use
(the window's game, the title's list) when the player picks another language in Settings. The prose fields of the
campaign's frozen objects are rewritten in place for that: every screen holding them shows the new words at once,
and nothing the model plays by changes.
"""
from __future__ import annotations

import weakref
from typing import Any

from game.i18n import LANGUAGES, SOURCE, language

from .model import Campaign
from .safe_yaml import Mapping, Node
from .schema import (INVALID, TRANSLATED_ADVERSARY, TRANSLATED_ALLY, TRANSLATED_EVENT, TRANSLATION, Checker,
                     did_you_mean)

CODES = tuple(code for code in LANGUAGES if code != SOURCE)
# the parts of a language's text keyed by an id, each with its table and the kind of thing the id names
ENTITIES = {"allies": (TRANSLATED_ALLY, "ally"), "adversaries": (TRANSLATED_ADVERSARY, "adversary"),
            "events": (TRANSLATED_EVENT, "event")}
TEXT_KEYS = ("name", "description", "briefing", "goals")

_live: list[weakref.ref] = []      # the campaigns loaded in this process that may still be shown


def check(node: Any, c: Checker, ids: dict[str, list[str]]) -> dict[str, dict]:
    """The `translations:` mapping as {code: {key: text, "allies": {id: {"name": text}}, ...}}, keeping what is
    valid; each problem is reported on `c` at its line and column. `ids`: the ids of the allies, adversaries and
    events the campaign declares."""
    out: dict[str, dict] = {}
    if node is None or node is INVALID:
        return out
    for code, (key_node, value) in node.entries.items():
        if code == SOURCE:
            c.error(key_node, f"translations: '{SOURCE}' is the campaign's own text (the keys above); list only "
                              f"other languages ({', '.join(CODES)})")
            continue
        if code not in CODES:
            hint = did_you_mean(code, CODES) or f" (the game speaks {', '.join(CODES)} beside English)"
            c.error(key_node, f"translations: unknown language '{code}'{hint}")
            continue
        values = c.mapping(value, TRANSLATION, f" in translations.{code}", noun="key")
        if values is None:
            continue
        text = {k: values[k] for k in TEXT_KEYS if values[k] not in (None, INVALID)}
        for part, (table, kind) in ENTITIES.items():
            if isinstance(values[part], Mapping):
                text[part] = _entities(values[part], c, f"translations.{code}.{part}", table, kind, ids[part])
        out[code] = text
    return out


def _entities(node: Mapping, c: Checker, where: str, table: dict, kind: str, known: list[str]) -> dict:
    """An id the campaign does not have is left out here and warned of by `unused` (a translation left behind by
    an ally the author removed must not stop the campaign, nor a game reloading it, from playing)."""
    found = {}
    for ident, (_, item) in node.entries.items():
        if ident not in known:
            continue
        values = c.mapping(item, table, f" in {where}.{ident}")
        if values is not None:
            found[ident] = {k: v for k, v in values.items() if v not in (None, INVALID)}
    return found


def english(campaign: Campaign) -> dict:
    """The campaign's own text, in the shape of a translation (what `speak` goes back to)."""
    return {"name": campaign.name, "description": campaign.description, "briefing": campaign.briefing,
            "goals": campaign.goals, "allies": {a.id: {"name": a.name} for a in campaign.allies},
            "adversaries": {a.id: {"name": a.name} for a in campaign.adversaries},
            "events": {e.id: {"title": e.title, "text": e.text} for e in campaign.events}}


def born(campaign: Campaign) -> Campaign:
    """A freshly loaded campaign, its English kept beside its other languages, speaking the language spoken, and
    remembered so that a change of language reaches it."""
    object.__setattr__(campaign, "translations", {SOURCE: english(campaign), **campaign.translations})
    speak(campaign, language())
    _live[:] = [ref for ref in _live if ref() is not None] + [weakref.ref(campaign)]
    return campaign


def speak(campaign: Campaign, code: str) -> None:
    """Show `campaign`'s prose in `code`, each key the language leaves out in English."""
    own = campaign.translations.get(SOURCE)
    if own is None:             # built in code rather than loaded: it has only its English
        return
    words = campaign.translations.get(code, {})
    for key in TEXT_KEYS:
        object.__setattr__(campaign, key, words.get(key, own[key]))
    for part in ENTITIES:
        theirs = words.get(part, {})
        for item in getattr(campaign, part):
            for key, text in own[part][item.id].items():
                object.__setattr__(item, key, theirs.get(item.id, {}).get(key, text))


def speak_all(code: str) -> None:
    """Every campaign in use speaks `code` (the player chose it in Settings)."""
    for ref in _live:
        campaign = ref()
        if campaign is not None:
            speak(campaign, code)


def missing(campaign: Campaign, code: str) -> list[tuple[str, str, str]]:
    """What `code` leaves out that the English has: (part, id, key), with part "" for the campaign's own keys.
    A translation with fewer goals than the English counts the goals as missing."""
    own, words = campaign.translations.get(SOURCE, english(campaign)), campaign.translations.get(code, {})
    out = [("", "", key) for key in TEXT_KEYS if own[key] and key not in words]
    if "goals" in words and len(words["goals"]) != len(own["goals"]):
        out.append(("", "", "goals"))
    for part in ENTITIES:
        for ident, keys in own[part].items():
            out += [(part, ident, key) for key, text in keys.items()
                    if text and key not in words.get(part, {}).get(ident, {})]
    return out


def unused(tree: Node, campaign: Campaign) -> list[tuple[Node, str]]:
    """Text for an ally, adversary or event the campaign does not have: (where, what), for `validate`'s warnings."""
    block = tree.get("translations") if isinstance(tree, Mapping) else None
    out = []
    for code, (_, lang) in (block.entries.items() if isinstance(block, Mapping) else ()):
        for part, (_, kind) in ENTITIES.items():
            items = lang.get(part) if isinstance(lang, Mapping) else None
            known = [item.id for item in getattr(campaign, part)]
            for ident, (id_node, _) in (items.entries.items() if isinstance(items, Mapping) else ()):
                if ident not in known:
                    out.append((id_node, f"translations.{code}.{part}: no {kind} '{ident}' in this campaign"
                                         f"{did_you_mean(ident, known)}; its text is not used"))
    return out


def node_of(tree: Node, code: str, part: str = "", ident: str = "") -> Node:
    """Where a warning about `code`'s missing text points: the entity's own block if the language has one, else
    its part's block (`allies:`), else the language's key (`de:`)."""
    block = tree.get("translations") if isinstance(tree, Mapping) else None
    here: Node = block.key_node(code) if isinstance(block, Mapping) and block.key_node(code) else tree
    lang = block.get(code) if isinstance(block, Mapping) else None
    if part and isinstance(lang, Mapping) and isinstance(lang.get(part), Mapping):
        here = lang.key_node(part)
        item = lang.get(part)
        if ident and item.key_node(ident) is not None:
            here = item.key_node(ident)
    return here
