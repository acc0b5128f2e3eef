"""Analyses of the model: functions that play campaigns headless and return data (the CLI prints them)."""
