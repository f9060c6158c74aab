"""Checks for lesson14/warmup_cosine_lr."""
