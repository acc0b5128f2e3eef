"""Input bindings: which key does what, in one place (the scenes read these, and the help screen lists them)."""
from __future__ import annotations

import pygame

ORDER_BY_KEY = {pygame.K_p: "pressure", pygame.K_r: "reassure", pygame.K_w: "withdraw", pygame.K_c: "criticize",
                pygame.K_h: "hold"}
OVERLAY_BY_KEY = {pygame.K_1: 0, pygame.K_2: 1, pygame.K_3: 2, pygame.K_4: 3, pygame.K_5: 4,
                  pygame.K_KP1: 0, pygame.K_KP2: 1, pygame.K_KP3: 2, pygame.K_KP4: 3, pygame.K_KP5: 4}
NEXT_KEYS = (pygame.K_DOWN, pygame.K_RIGHT)
PREV_KEYS = (pygame.K_UP, pygame.K_LEFT)
ENTER = (pygame.K_RETURN, pygame.K_KP_ENTER)
HELP_KEYS = (pygame.K_F1, pygame.K_QUESTION, pygame.K_SLASH)
SETTINGS_KEYS = (pygame.K_F2, pygame.K_o)
CONGRESS_KEY = pygame.K_g
INJECT_KEY = pygame.K_i    # facilitator mode only
EVERY_ALLY = {pygame.K_a: "adviser", pygame.K_d: "again"}     # faster turns: every order at once

# (keys, what they do) for the help screen, by scene.
CONTROLS: list[tuple[str, list[tuple[str, str]]]] = [
    ("On the map screen", [
        ("Tab / Shift+Tab", "next / previous ally (also the arrow keys)"),
        ("Click", "select an ally on the map or in the list"),
        ("P  R  W  C  H", "order for the selected ally: pressure, reassure, withdraw, criticize, hold"),
        ("Shift + P R W C H", "give that order to every ally at once"),
        ("A", "give every ally the adviser's pick (faster turns in big campaigns)"),
        ("D", "give every ally last turn's order again"),
        ("G", "invoke Congress this turn (on / off): threats believed, at the risk of forced cuts"),
        ("1 - 5", "map overlay: alignment, trust, spending, threat, hedging"),
        ("T", "switch theatre (Europe / Indo-Pacific / both), when the campaign has two"),
        ("Enter", "end the turn (Enter again to confirm)"),
        ("L", "reopen the last turn report"),
        ("E", "reread this turn's news"),
        ("S", "save the game under a name"),
        ("I", "facilitator mode: open the next turn with one of the campaign's events"),
    ]),
    ("Everywhere", [
        ("Esc", "back one screen (from the map: to the title)"),
        ("F1 or ?", "this help"),
        ("F2 or O", "settings: text size, colours, fullscreen"),
        ("F11", "fullscreen on / off"),
        ("Mouse wheel, PgUp / PgDn", "scroll long pages"),
        ("Left / Right", "in a turn report: previous / next turn"),
    ]),
    ("Briefing and end of the game", [
        ("N", "on the briefing: your team's name, for its saves and the class report"),
        ("S", "on the end screen: save the finished game for hand-in (it says which file to give)"),
        ("W  E  L", "on the end screen: what if?, export the debrief, the turn reports"),
    ]),
    ("Title screen", [
        ("Up / Down, Enter", "choose a campaign and start it"),
        ("C", "continue the latest saved game"),
        ("L", "load a saved game"),
        ("F5", "reload the campaign list (in a game: reload its campaign file)"),
    ]),
]
