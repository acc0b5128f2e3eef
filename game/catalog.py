"""Finding campaigns: the shipped ones, the user's own folder, or a path."""
from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from game.i18n import SOURCE, language
from game.campaign import Campaign, CampaignError, Problem, load_campaign, load_campaign_text
from game.campaign.loader import MAX_BYTES
from game.campaign.translations import speak
from game.paths import campaigns_dir
from game.safe_files import read_bytes_capped
from game.text_rules import drawable
from game.userdata import CACHE, SaveError, atomic_write_text, data_dir, user_campaigns_dir


@dataclass(frozen=True)
class Card:
    """What the title's card shows of a campaign, kept in the user's folder by the file's hash so that the title
    draws its list without parsing every campaign (only the one whose details it shows)."""
    id: str
    names: dict[str, str]       # the campaign's name in each language it is written in, English among them
    turns: int
    step: str
    theatres: tuple[str, ...]
    allies: int

    @classmethod
    def of(cls, campaign: Campaign) -> "Card":
        names = {code: text["name"] for code, text in campaign.translations.items() if "name" in text}
        return cls(campaign.id, names or {SOURCE: campaign.name}, campaign.turns, campaign.calendar.step,
                   tuple(campaign.theatres), len(campaign.allies))

    @property
    def name(self) -> str:
        """The name in the language spoken (in English where the campaign has no name in it)."""
        return self.names.get(language(), self.names.get(SOURCE, self.id))


class Entry:
    """A campaign file found on disk: its card at once (from the cache where the file is unchanged), the campaign
    or the problems that stop it loading when first asked for."""

    def __init__(self, path: Path, shipped: bool, data: bytes | None, card: Card | None = None):
        self.path, self.shipped = path, shipped
        self._data, self._card = data, card
        self._loaded: tuple[Campaign | None, tuple[Problem, ...]] | None = None

    def _load(self) -> tuple[Campaign | None, tuple[Problem, ...]]:
        if self._loaded is None:
            try:
                campaign = parsed(self.path, self._data)
                self._loaded, self._card = (campaign, ()), Card.of(campaign)
            except CampaignError as error:
                self._loaded = (None, tuple(error.problems))
        return self._loaded

    @property
    def campaign(self) -> Campaign | None:
        campaign = self._load()[0]
        if campaign is not None:
            speak(campaign, language())     # an entry kept from before the player chose another language
        return campaign

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self._load()[1]

    @property
    def card(self) -> Card | None:
        """The card (None for a campaign with problems)."""
        if self._card is None:
            self._load()
        return self._card

    @property
    def id(self) -> str:
        card = self.card
        return card.id if card else drawable(self.path.stem)

    @property
    def file_name(self) -> str:
        """The file's name as the window can draw it (a Latin-1 name arrives with lone surrogates)."""
        return drawable(self.path.name)


_PARSED: dict[str, tuple[str, Campaign | CampaignError]] = {}   # path -> (hash of its bytes, what they gave)


def parsed(path: Path, data: bytes | None = None) -> Campaign:
    """The campaign in `path`, parsed once per process for as long as the file's bytes stay the same (the title,
    then `play` or the briefing, ask for the same file). Raises CampaignError."""
    if data is None:
        try:
            data = read_bytes_capped(os.fspath(path), MAX_BYTES)
        except OSError:
            return load_campaign(path)   # the loader words the problem with the file's position
    key, digest = os.path.abspath(path), hashlib.sha256(data).hexdigest()
    known = _PARSED.get(key)
    if known is None or known[0] != digest:
        try:
            result: Campaign | CampaignError = load_campaign_text(data, os.fspath(path))
        except CampaignError as error:
            result = error
        known = _PARSED[key] = (digest, result)
    if isinstance(known[1], CampaignError):
        raise known[1]
    speak(known[1], language())      # parsed in another language, if the player has chosen one since
    return known[1]


def _cards_file() -> Path:
    return data_dir() / "cache" / "cards.json"


def _read_cards() -> dict:
    try:
        cards = json.loads(read_bytes_capped(_cards_file(), MAX_BYTES))   # a FIFO there must not hang the start
    except (OSError, ValueError, RecursionError):    # no cache yet, or one that cannot be read: made again
        return {}
    return cards if isinstance(cards, dict) else {}


def _card_from(cached) -> Card | None:
    try:
        return Card(str(cached["id"]), {str(k): str(v) for k, v in cached["names"].items()}, int(cached["turns"]),
                    str(cached["step"]),
                    tuple(str(t) for t in cached["theatres"]), int(cached["allies"]))
    except (KeyError, TypeError, ValueError, AttributeError):   # an older cache's card (one name) is made again
        return None


def _entries(folder: Path, shipped: bool, cards: dict) -> list[Entry]:
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = read_bytes_capped(os.fspath(path), MAX_BYTES)
        except OSError:
            data = None
        card = _card_from(cards.get(hashlib.sha256(data).hexdigest())) if data is not None else None
        found.append(Entry(path, shipped, data, card))
    return found


def _keep_cards(entries: list[Entry], cards: dict) -> None:
    """Write the cards of the campaigns that loaded, keyed by file hash, if any is new; a cache that cannot be
    written is not an error (the next start parses again)."""
    fresh = {hashlib.sha256(e._data).hexdigest(): dataclasses.asdict(e.card) for e in entries
             if e._data is not None and e.card is not None}
    if fresh.keys() - cards.keys():
        try:
            atomic_write_text(_cards_file(), json.dumps(fresh, indent=1), kind=CACHE)
        except SaveError:
            pass


SHIPPED_ORDER = ("tutorial", "europe_2024", "indo_pacific_2024", "global_2024")


def list_campaigns(include_user: bool = True) -> list[Entry]:
    """Shipped campaigns (tutorial first), then the user's own, each with its card (parsed only if its file is not
    in the card cache) and, when asked for, the campaign or its problems."""
    cards = _read_cards()
    shipped = _entries(campaigns_dir(), True, cards)
    shipped.sort(key=lambda e: (SHIPPED_ORDER.index(e.id) if e.id in SHIPPED_ORDER else len(SHIPPED_ORDER), e.id))
    entries = shipped + (_entries(user_campaigns_dir(), False, cards) if include_user else [])
    _keep_cards(entries, cards)
    return entries


def resolve(name: str) -> Path:
    """A campaign named by shipped id, by the user folder's id, or by path. Raises FileNotFoundError with a
    helpful message when nothing matches."""
    candidate = Path(name)
    if candidate.suffix in (".yaml", ".yml") or os.sep in name or "/" in name:
        if candidate.is_file():
            return candidate
        if candidate.exists():
            raise FileNotFoundError(f"'{name}' is not a campaign file: it is a folder, a pipe or a device")
        raise FileNotFoundError(f"no campaign file at '{name}'")
    for folder in (campaigns_dir(), user_campaigns_dir()):
        path = folder / f"{name}.yaml"
        if path.is_file():
            return path
    known = sorted({p.stem for f in (campaigns_dir(), user_campaigns_dir()) if f.is_dir() for p in f.glob("*.yaml")})
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise FileNotFoundError(f"no campaign called '{name}'{hint} (known: {', '.join(known)})")


def find_campaign(name: str) -> Campaign:
    """Load a campaign by id or path (parsed once while the file is unchanged). Raises FileNotFoundError or
    CampaignError."""
    return parsed(resolve(name))
