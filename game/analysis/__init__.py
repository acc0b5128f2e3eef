"""Analyses built on the model: they play campaigns headless and return data (no printing, no argument parsing)."""
