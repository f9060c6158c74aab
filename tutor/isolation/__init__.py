"""Strict isolation: the learner's code runs in its own process, behind a proxy."""
