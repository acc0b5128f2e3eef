"""Shared fixtures. Every test runs headless: the window tests use SDL's dummy drivers."""
from __future__ import annotations

import os
import tempfile

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# A test that names no home of its own writes into a throwaway one, never into the user's saves and caches (whose
# contents would also make the suite's behaviour depend on the machine it runs on).
os.environ.setdefault("FAIRSHARE_HOME", tempfile.mkdtemp(prefix="fairshare-tests-"))

# The suite runs in the source language, English, whatever the machine's locale (the language setting defaults to the
# system's language): a test that wants another language says so (game.i18n.speaking).
os.environ["LANGUAGE"] = "en"

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _english_after():
    """English again after every test: a test (or random input reaching the Settings' language row) that changes the
    language must not change the next test's words."""
    yield
    from game.campaign.translations import speak_all
    from game.i18n import set_language
    set_language("en")
    speak_all("en")


@pytest.fixture
def app(tmp_path, monkeypatch):
    """A 1280x720 game window on the title screen, with saves and settings in a temporary folder."""
    import pygame

    from game.ui.app import App
    from game.ui.report import whatif_job
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path))
    monkeypatch.setattr(whatif_job, "PREFETCH", False)   # no background plan search per test
    pygame.init()
    application = App(size=(1280, 720))
    # as if the team's name had been asked and left empty: the tests walk from the title into a game with Enter,
    # Enter (tests/test_seminar_handin.py drives the question itself)
    application.team = ""
    yield application
    pygame.quit()


@pytest.fixture
def watchdog():
    """A read or write that blocks on a FIFO fails the test after 60 s instead of hanging the suite."""
    import signal

    def stop(signum, frame):
        raise TimeoutError("blocked on a special file")
    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.fixture
def home(tmp_path, monkeypatch):
    """Saves and settings in a temporary folder, pygame started (for tests that open windows of their own)."""
    import pygame
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path))
    pygame.init()
    yield tmp_path
    pygame.quit()
