"""The what-if worked out on a worker thread, so that the end screen never waits for it.

`warm(campaign)` as a game starts finds the campaign's best plan (shipped, cached, or searched once) while the
player plays; `start(session)` once the game is over works out the rest (about a second). The worker reads pure
data (the finished session's history and the model) and draws nothing: pygame stays on the main thread. Daemon
threads, so that closing the window never waits for a search.
"""
from __future__ import annotations

import threading
import weakref
from concurrent.futures import Future

from game.analysis.best_plan import Found, find
from game.analysis.whatif import WhatIf, what_if

# Off in the window tests (tests/conftest.py): a test campaign has no shipped best plan, and a search per test
# would load the machine for nothing. The what-if screen still starts its own job when it opens.
PREFETCH = True

_plans: dict[str, Future] = {}                                  # campaign key -> Future[Found]
_whatifs: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()   # session -> Future[WhatIf]
_lock = threading.Lock()


def _once(table, key, work, arg) -> Future:
    """`work(arg)` on a thread of its own, the first time `key` is asked for; its Future every time."""
    with _lock:
        if key in table:
            return table[key]
        future = table[key] = Future()

    def body() -> None:
        try:
            future.set_result(work(arg))
        except Exception as error:  # noqa: BLE001 - handed to the scene, which shows it instead of crashing
            future.set_exception(error)
    threading.Thread(target=body, name="fairshare-whatif", daemon=True).start()
    return future


def warm(campaign) -> Future:
    """The campaign's best plan, found in the background (once per campaign file and window)."""
    return _once(_plans, f"{campaign.id}:{campaign.content_hash}", find, campaign)


def _work(session) -> WhatIf:
    found: Found = warm(session.campaign).result()
    return what_if(session, found)


def prefetch(session) -> None:
    """What the flow calls: the best plan as a game begins, the what-if as soon as it is over."""
    if PREFETCH:
        if session.over:
            start(session)
        else:
            warm(session.campaign)


def start(session) -> Future:
    """The what-if of a finished game, worked out in the background (once per session)."""
    return _once(_whatifs, session, _work, session)


def working(session) -> bool:
    """Whether the what-if of this session has been started and is not ready yet."""
    future = _whatifs.get(session)
    return future is not None and not future.done()


def luck_line(session) -> str | None:
    """The what-if's skill-or-luck sentence once it is ready (only if it was started: the end screen never starts a
    search of its own)."""
    future = _whatifs.get(session)
    if future is None or not future.done() or future.exception() is not None:
        return None
    luck = future.result().luck
    return luck.sentence if luck else None
