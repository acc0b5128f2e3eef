"""Input bindings: which key does what, in one place (the scenes read these, and the help screen lists them), and
the name a button or the help prints for each key (`label`), so that a key and its label cannot drift apart."""
from __future__ import annotations

import pygame

from game.i18n import _

ORDER_BY_KEY = {pygame.K_p: "pressure", pygame.K_r: "reassure", pygame.K_w: "withdraw", pygame.K_c: "criticize",
                pygame.K_h: "hold"}
KEY_OF_ORDER = {order: key for key, order in ORDER_BY_KEY.items()}
OVERLAY_BY_KEY = {pygame.K_1: 0, pygame.K_2: 1, pygame.K_3: 2, pygame.K_4: 3, pygame.K_5: 4,
                  pygame.K_KP1: 0, pygame.K_KP2: 1, pygame.K_KP3: 2, pygame.K_KP4: 3, pygame.K_KP5: 4}
NEXT_KEYS = (pygame.K_DOWN, pygame.K_RIGHT)
PREV_KEYS = (pygame.K_UP, pygame.K_LEFT)
ENTER = (pygame.K_RETURN, pygame.K_KP_ENTER)
HELP_KEYS = (pygame.K_F1, pygame.K_QUESTION, pygame.K_SLASH)
SETTINGS_KEYS = (pygame.K_F2, pygame.K_o)
CONGRESS_KEY = pygame.K_g
INJECT_KEY = pygame.K_i    # facilitator mode only
ROOM_KEY = pygame.K_v      # facilitator mode only: the class room
EVERY_ALLY = {pygame.K_a: "adviser", pygame.K_d: "again"}     # faster turns: every order at once
KEY_OF_EVERY = {kind: key for key, kind in EVERY_ALLY.items()}
FULLSCREEN_KEY = pygame.K_F11   # anywhere (game.ui.app)
BACK_KEY = pygame.K_ESCAPE      # every scene: back one screen (game.ui.scene.Scene.process_event)
# the play screen's other keys
THEATRE_KEY, REPORT_KEY, NEWS_KEY, SAVE_KEY = pygame.K_t, pygame.K_l, pygame.K_e, pygame.K_s

# Keys whose name is not their character.
NAMES = {pygame.K_RETURN: "Enter", pygame.K_KP_ENTER: "Enter", pygame.K_ESCAPE: "Esc", pygame.K_TAB: "Tab",
         pygame.K_F1: "F1", pygame.K_F2: "F2", pygame.K_F5: "F5", pygame.K_F11: "F11"}


def label(key: int) -> str:
    """The name a button or the help prints for a key: "Enter", "Esc", "F1", or its letter or digit ("P", "1")."""
    return NAMES.get(key) or chr(key).upper()


ORDER_LETTERS = [label(key) for key in ORDER_BY_KEY]
OVERLAY_DIGITS = [label(key) for key in OVERLAY_BY_KEY if key < 256]   # not the keypad's twins


def controls() -> list[tuple[str, list[tuple[str, str]]]]:
    """(keys, what they do) for the help screen, by scene, in the language spoken."""
    either = _(" or ")
    return [
        (_("On the map screen"), [
            (_("Tab / Shift+Tab"), _("next / previous ally (also the arrow keys)")),
            (_("Click"), _("select an ally on the map or in the list")),
            ("  ".join(ORDER_LETTERS),
             _("order for the selected ally: pressure, reassure, withdraw, criticize, hold")),
            (_("Shift + ") + " ".join(ORDER_LETTERS), _("give that order to every ally at once")),
            (label(KEY_OF_EVERY["adviser"]), _("give every ally the adviser's pick (faster turns in big campaigns)")),
            (label(KEY_OF_EVERY["again"]), _("give every ally last turn's order again")),
            (label(CONGRESS_KEY),
             _("invoke Congress this turn (on / off): threats believed, at the risk of forced cuts")),
            (f"{OVERLAY_DIGITS[0]} - {OVERLAY_DIGITS[-1]}",
             _("map overlay: alignment, trust, spending, threat, hedging")),
            (label(THEATRE_KEY), _("switch theatre (Europe / Indo-Pacific / both), when the campaign has two")),
            (label(ENTER[0]), _("end the turn ({key} again to confirm)").format(key=label(ENTER[0]))),
            (label(REPORT_KEY), _("reopen the last turn report")),
            (label(NEWS_KEY), _("reread this turn's news")),
            (label(SAVE_KEY), _("save the game under a name")),
            (label(INJECT_KEY), _("facilitator mode: open the next turn with one of the campaign's events")),
            (label(ROOM_KEY),
             _("facilitator mode: the class room (students vote or play the allies from their browsers)")),
        ]),
        (_("Everywhere"), [
            (label(BACK_KEY), _("back one screen (from the map: to the title)")),
            (either.join(label(key) for key in HELP_KEYS[:2]), _("this help")),
            (either.join(label(key) for key in SETTINGS_KEYS), _("settings: text size, colours, fullscreen")),
            (label(FULLSCREEN_KEY), _("fullscreen on / off")),
            (_("Mouse wheel, PgUp / PgDn"), _("scroll long pages")),
            (_("Left / Right"), _("in a turn report: previous / next turn")),
        ]),
        (_("Briefing and end of the game"), [
            ("N", _("on the briefing: your team's name, for its saves and the class report")),
            ("S", _("on the end screen: save the finished game for hand-in (it says which file to give)")),
            ("W  E  L", _("on the end screen: what if?, export the debrief, the turn reports")),
        ]),
        (_("Title screen"), [
            (_("Up / Down, Enter"), _("choose a campaign and start it")),
            ("C", _("continue the latest saved game")),
            ("L", _("load a saved game")),
            ("F5", _("reload the campaign list (in a game: reload its campaign file)")),
        ]),
    ]


CONTROLS = controls()    # as imported, in English (the help calls controls() for the language spoken)
