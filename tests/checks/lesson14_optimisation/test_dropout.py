"""Checks for lesson14/dropout."""
