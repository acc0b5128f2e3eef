"""The turn report and the end-of-game debrief, with their drawing."""
