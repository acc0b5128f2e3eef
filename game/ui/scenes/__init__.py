"""The scenes of the window, one module each: title, briefing, play, event, report, end, settings, help, load,
save-as, and the dialogs. Each follows the contract in game.ui.scenes.base."""
