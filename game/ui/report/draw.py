"""Drawing the turn report: header, summary, events, and per ally the sentences and factor bars."""
from __future__ import annotations

import pygame

from game.campaign.model import ORDERS
from game.i18n import N_, _, num
from game.sim.explain import order_name
from game.sim.report import factor_name
from game.ui.fonts import reflow
from game.ui.layout import columns
from game.ui.report.system import draw_system
from game.ui.wording import FIGURES, GOOD_UP, dollars, shown, shown_delta


def draw_report(scene, surface) -> None:
    ink, th, pal = scene.ink, scene.theme, scene.pal
    surface.fill(pal["bg"])
    s = scene.session
    ink.text(surface, _("TURN REPORT  ·  TURN {n} OF {turns}").format(n=scene.index + 1, turns=s.campaign.turns),
             scene.head.topleft, "small",
             pal["accent"], True)
    ink.text(surface, _("{when}: what changed, and why").format(when=scene.turn_label()), (scene.head.x, scene.head.y +
             ink.lh("small", True)), "h1", pal["text"], True, max_w=scene.head.w)
    ink.panel(surface, scene.view_rect, pal["panel"], radius=th.px(14))
    clip = surface.get_clip()
    surface.set_clip(scene.view_rect.inflate(-th.px(4), -th.px(4)))
    y = scene.inner.y - scene.scroll.offset
    for kind, h in scene.blocks:
        if y + h >= scene.view_rect.y and y <= scene.view_rect.bottom:
            rect = pygame.Rect(scene.inner.x, y, scene.inner.w, h)
            if kind == "summary":
                _summary(scene, surface, rect)
            elif kind == "events":
                _events(scene, surface, rect)
            elif kind == "glance":
                _glance(scene, surface, rect)
            elif kind == "system":
                draw_system(scene, surface, rect)
            else:
                _ally(scene, surface, rect, kind)
        y += h
    surface.set_clip(clip)


def _summary(scene, surface, rect) -> None:
    ink, th, pal = scene.ink, scene.theme, scene.pal
    r = scene.report
    cost, budget = float(r.us_cost[0]), float(scene.before.budget[0])
    y = ink.para(surface, _("Your orders: ") + scene.orders_text(), pygame.Rect(rect.x, rect.y, rect.w, 10_000), "body",
                 pal["text"], True) + th.tx(4)
    over = cost > budget
    money = _("U.S. spending: {cost} a year, of a {budget} budget").format(cost=dollars(cost), budget=dollars(budget)) \
        + (_("  ({amount} over)") if over else _("  ({amount} to spare)")).format(amount=dollars(abs(cost - budget)))
    ink.text(surface, money, (rect.x, y), "small", pal["bad"] if over else pal["dim"], True, max_w=rect.w)
    y += ink.lh("small")
    if scene.app.facilitator and not scene.session.over:   # the class talks of the allies, not the points
        ink.text(surface, _("Score hidden until the end (facilitator mode)"), (rect.x, y), "small", pal["dim"],
                 max_w=rect.w)
        return
    score = _("Score so far: {score}").format(score=num(scene.score_after, 0)) + \
        (_("  (was {score})").format(score=num(scene.score_before, 0)) if scene.score_before is not None else "")
    ink.text(surface, score, (rect.x, y), "small", pal["dim"], max_w=rect.w)


def _events(scene, surface, rect) -> None:
    ink, th, pal = scene.ink, scene.theme, scene.pal
    y = rect.y
    # the happenings are the next turn's news (the end screen dates them so too)
    c = scene.session.campaign
    head = _("WHAT HAPPENED: THE NEWS AS {when} OPENS").format(when=c.calendar.label(scene.index + 1).upper()) \
        if scene.index + 1 < c.turns else _("WHAT HAPPENED AS THE CAMPAIGN ENDED")
    ink.text(surface, head, (rect.x, y), "small", pal["accent"], True, max_w=rect.w)
    y += ink.lh("small", True) + th.tx(10)
    if not scene.events:
        ink.text(surface, _("A quiet turn: no crisis, no event."), (rect.x, y), "small", pal["dim"])
        return
    for e in scene.events:
        mark_col = pal["bad"] if e.grave and e.kind != "event" else pal["accent"]
        ink.text(surface, "!" if e.grave and e.kind != "event" else "•", (rect.x, y), "body", mark_col, True)
        ink.text(surface, e.title, (rect.x + th.tx(30), y), "body", pal["text"], True, max_w=rect.w - th.tx(30))
        y += ink.lh("body", True)
        y = ink.para(surface, reflow(e.text), pygame.Rect(rect.x + th.tx(30), y, rect.w - th.tx(30), 10_000),
                     "small", pal["dim"]) + th.tx(10)


TOTAL_HEAD = N_("since start")   # the head of each factor table's last column: the factor summed over the game so far


def _glance(scene, surface, rect) -> None:
    """Every ally's order and the four changes on one line each: the whole turn at a glance."""
    ink, th, pal = scene.ink, scene.theme, scene.pal
    ink.text(surface, _("AT A GLANCE"), rect.topleft, "small", pal["accent"], True)
    y0 = rect.y + ink.lh("small", True) + th.tx(10)
    allies = scene.session.campaign.allies
    groups = columns(pygame.Rect(rect.x, y0, rect.w, rect.h), [1] * scene.glance_cols, th.px(40))
    lh = ink.lh("small")
    name_w = max(ink.width(a.name, "small", True) for a in allies) + th.px(10)
    order_w = max(ink.width(order_name(o), "small", True) for o in ORDERS) + th.px(10)
    for g, area in enumerate(groups):
        # the names and orders columns as wide as the longest name and order (never cut), the figures share the
        # rest
        rest = columns(pygame.Rect(area.x + name_w + order_w, area.y, area.w - name_w - order_w, area.h), [1] * 4,
                       th.px(10))
        cells = [pygame.Rect(area.x, area.y, name_w - th.px(10), area.h),
                 pygame.Rect(area.x + name_w, area.y, order_w - th.px(10), area.h), *rest]
        heads = [(_("Ally"), _("Ally")), (_("Order"), _("Order"))] + [(FIGURES[v].short,
                                                                       FIGURES[v].tab) for v in GOOD_UP]
        for cell, (head, tight) in zip(cells, heads):   # the tight word where the column is too narrow
            short = head if ink.width(head, "tiny", True) <= cell.w else tight
            ink.text(surface, short, (cell.x, y0), "tiny", pal["faint"], True, max_w=cell.w)
        for row, i in enumerate(range(g * scene.glance_rows, min(len(allies), (g + 1) * scene.glance_rows))):
            y = y0 + (row + 1) * lh
            order = ORDERS[int(scene.report.orders[0, i])]
            ink.text(surface, allies[i].name, (cells[0].x, y), "small", pal["text"], True, max_w=cells[0].w)
            ink.text(surface, order_name(order), (cells[1].x, y), "small",
                     pal["dim"] if order == "hold" else pal["text"],
                     order != "hold", max_w=cells[1].w)
            for cell, var in zip(cells[2:], GOOD_UP):
                change = scene.changes[i][var]
                d = shown_delta(change.before, change.after)
                if d == 0:
                    ink.text(surface, "·", (cell.x, y), "small", pal["faint"])
                    continue
                good = (d > 0) == GOOD_UP[var]
                text = f"{'▲' if d > 0 else '▼'} {num(d, sign=True)}"     # the arrow is dropped where it would not fit
                ink.text(surface, text if ink.width(text, "small", True) <= cell.w else num(d, sign=True), (cell.x, y),
                         "small", pal["good"] if good else pal["bad"], True, max_w=cell.w)


def _ally(scene, surface, rect, i: int) -> None:
    ink, th, pal = scene.ink, scene.theme, scene.pal
    ally = scene.session.campaign.allies[i]
    order = ORDERS[int(scene.report.orders[0, i])]
    pygame.draw.line(surface, pal["border"], rect.topleft, rect.topright, th.line_w)
    y = rect.y + th.tx(12)
    name = ink.text(surface, ally.name, (rect.x, y), "h3", pal["text"], True)
    ink.chip(surface, (name.right + th.tx(16), name.centery), order, "small", "midleft", dim=order == "hold")
    y += ink.lh("h3", True) + th.tx(8)
    changes = scene.changes[i]
    vars_ = list(GOOD_UP)
    for row_start in range(0, 4, scene.cols):
        cols = scene.columns(pygame.Rect(rect.x, y, rect.w, 10))
        heights = []
        for col, var in zip(cols, vars_[row_start:row_start + scene.cols]):
            heights.append(_column(scene, surface, col, scene.sentences[i][var], changes[var], var) - y)
        y += max(heights) + th.tx(16)


def _column(scene, surface, col: pygame.Rect, sentence: str, change, var: str) -> int:
    ink, th, pal = scene.ink, scene.theme, scene.pal
    y = col.y
    units = (_(" % GDP (bars: pp)"), _(" % GDP"), " %") if var == "spending" else ("",)
    heads = [f"{FIGURES[var].short.upper()}  {shown(change.before)} → {shown(change.after)}{u}" for u in units]
    head = next((t for t in heads if ink.width(t, "small", True) <= col.w), heads[-1])
    ink.text(surface, head, (col.x, y), "small", pal["accent"], True, max_w=col.w)
    y += ink.lh("small", True) + th.tx(4)
    y = ink.para(surface, sentence, pygame.Rect(col.x, y, col.w, 10_000), "small",
                 pal["text"]) + th.tx(8)
    lh = ink.lh("tiny")
    name_w = scene.name_w
    bar_w = col.w - name_w - scene.value_w - scene.total_w
    mid = col.x + name_w + bar_w // 2
    value_x = col.right - scene.total_w
    scale = scene.scales[var]
    if change.factors:
        ink.text(surface, _("this turn"), (value_x, y), "tiny", pal["faint"], anchor="topright")
        ink.text(surface, _(TOTAL_HEAD), (col.right, y), "tiny", pal["faint"], anchor="topright")
        y += lh + th.tx(6)
    for f in change.factors:
        ink.text(surface, factor_name(f.name), (col.x, y), "tiny", pal["dim"], max_w=name_w - th.tx(8))
        good = (f.value > 0) == GOOD_UP[var]
        if bar_w >= th.tx(24):   # the bars are decoration: where the columns leave them no room, the values stay
            if f in change.moved:
                length = max(2, round(abs(f.value) / scale * bar_w / 2))
                bar = pygame.Rect(mid if f.value > 0 else mid - length, y + th.tx(3), length, lh - th.tx(6))
                pygame.draw.rect(surface, pal["good_fill"] if good else pal["bad"], bar, border_radius=th.px(2))
            pygame.draw.line(surface, pal["faint"], (mid, y), (mid, y + lh), 1)
        ink.text(surface, _signed(f.value), (value_x, y), "tiny", pal["good"] if good else pal["bad"], True,
                 "topright")
        ink.text(surface, _signed(f.total), (col.right, y), "tiny",
                 pal["good"] if (f.total > 0) == GOOD_UP[var] else pal["bad"], anchor="topright")
        y += lh + th.tx(6)
    return y


def _signed(value: float) -> str:
    """A factor's value as the table prints it: two decimals, three when that would read as zero, and a dot for
    what rounds to nothing (a factor listed for its total alone)."""
    if abs(value) < 0.0005:
        return "·"
    return num(value, 2 if abs(value) >= 0.01 else 3, sign=True)
