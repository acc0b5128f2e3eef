"""The Export button of the end of the game and the turn report: the same files as `fairshare debrief`, written
into <data_dir>/exports/<campaign>-seed<S>-<time>/, and a dialog that says where (or why it could not)."""
from __future__ import annotations

from datetime import datetime

from game.analysis.debrief_export import KINDS, build
from game.analysis.report_doc import write_files
from game.analysis.whatif import WhatIf
from game.i18n import _
from game.saves import WINDOW, Loaded
from game.ui.report import whatif_job
from game.userdata import SaveError, exports_dir


def export(app, what: WhatIf | None = None) -> None:
    session = app.session
    if session.over and what is None:   # finished but not yet worked out: about a second, worth waiting for
        what = whatif_job.start(session).result()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = exports_dir() / f"{session.campaign.id}-seed{session.seed}-{stamp}"
    try:
        write_files(build(session, what, Loaded(session, app.team or "", WINDOW, "", None)), folder, KINDS)
    except SaveError as error:
        app.message(_("The debrief was not exported"), str(error), kicker=_("Export problem"), accent="bad")
        return
    extra = "" if session.over else _(" The game is not finished, so there is no what-if yet.")
    app.message(_("Debrief exported"),
                _("The game's table (game.csv, game.json), the debrief (debrief.html, debrief.md) and its "
                                        "charts are in {folder}.").format(folder=folder) + extra, kicker=_("Export"))
