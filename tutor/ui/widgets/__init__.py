"""Reusable parts of the tutor's screens."""
