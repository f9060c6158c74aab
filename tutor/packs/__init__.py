"""Instructor packs: scaffold, validate, install, export to Gradescope."""
