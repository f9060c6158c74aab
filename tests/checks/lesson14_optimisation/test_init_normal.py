"""Checks for lesson14/init_normal."""
