"""Checks for lesson14/adam_step."""
