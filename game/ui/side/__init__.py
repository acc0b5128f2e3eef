"""Screens pushed over a game: help, settings, load, save, and the message, confirm and event dialogs."""
