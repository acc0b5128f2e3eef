"""Tools for campaign authors: the `new` scaffold from the shipped data, lint warnings, and hot reload's logic."""
