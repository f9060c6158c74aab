"""The mistake each wrong answer makes, and whether a failure message names it.

Labels live in tests/app/wrong_answers/mistakes.toml, one table per exercise folder,
one key per file (its stem)::

    ["lesson02_tensor_ops/normalize_rows"]
    total_sum = "scale"                                    # named by its kind's words
    column_sums = { mistake = "wrong-dim", says = "divides every COLUMN" }
    row_loop = { mistake = "python-loop", unnamed = "why no message names it yet" }

A message names the mistake when the catalogue pattern it reports (the diff's
``named_pattern``) states that kind of mistake, or when its words match ``says``
(the words that name this mistake, quoted from the message by the labeller), or,
for kinds that a message can only state one way (a forbidden call, a dtype), the
kind's own words. ``unnamed`` entries say why no message names them yet (only a
catalogue pattern of their kind can name them then); the test fails when one becomes
named, so the label is kept true.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

MANIFEST = Path(__file__).parent / "wrong_answers" / "mistakes.toml"

KIND_WORDS: dict[str, str] = {
    "forbidden-call": r"Rule broken: this exercise asks you not to use",
    "python-loop": r"Rule broken: no Python loops|Rule broken: .*one example at a time",
    "legacy-data": r"Rule broken: .*`\.data`",
    "dtype": r"dtype",
    "device": r"device|\bCPU\b|\bmeta\b",
    "mutates-input": r"changed (its|the caller|weight|X|x)|caller's|in place|in-place|"
                     r"switched (it )?(off|on)|leaves its inputs|new memory",
    "no-validation": r"expected (it to raise |a )?(ValueError|TypeError)|did not raise",
    "return-type": r"expected a Python (float|number)|expected a tensor",
    "graph-cut": r"autograd history|requires_grad=False|no gradient|no_grad|grad_fn",
    "grad-accumulates": r"ADDS|accumulat|zero_grad|clear|old gradient",
    "keepdim": r"keepdim|squeez|unsqueeze|size 1|\(N, 1\)",
}
"""Words that name a kind of mistake by themselves (used when an entry has no ``says``)."""

PATTERNS_FOR: dict[str, frozenset[str]] = {
    "transpose": frozenset({"transposed", "memory order"}),
    "swapped-args": frozenset({"transposed", "negated"}),
    "scale": frozenset({"scaled", "scale factor", "sum not mean"}),
    "variance-correction": frozenset({"scaled", "scale factor", "unbiased variance"}),
    "power": frozenset({"squared or square root"}),
    "sign": frozenset({"negated", "sign of some values"}),
    "missing-term": frozenset({"offset", "no bias"}),
    "off-by-one": frozenset({"shifted by one", "offset"}),
    "grad-accumulates": frozenset({"offset", "scaled", "grads accumulate"}),
    "reordered": frozenset({"reordered", "reversed", "shuffled along a dim", "shifted by one"}),
    "wrong-dim": frozenset({"normalised over another dim", "transposed",
                            "shuffled along a dim"}),
    "flipped-kernel": frozenset({"flipped kernel"}),
    "dtype": frozenset({"truncated"}),
    # exercises' own mistakes (tutor.testing.mistake in the check files)
    "concept": frozenset({"used the changed input", "whole columns", "predicted class",
                          "last padded step", "lowest scores"}),
}
"""The catalogue patterns (built-in or an exercise's own) that state each kind of mistake."""

FACT_ONLY = frozenset({"scale factor"})
"""Patterns that state a fact about the values and offer no cause: never a wrong cause."""

KINDS = frozenset(KIND_WORDS) | frozenset(PATTERNS_FOR) | {
    "concept", "wrong-dim", "numerics", "graph-attached"}
"""Every kind a label may use; "concept" is a mistake about the exercise's own idea."""


@dataclass(frozen=True)
class Label:
    """One wrong answer's mistake and how its message is expected to name it."""

    mistake: str
    says: str | None = None
    unnamed: str | None = None


def _label(where: str, entry: Any) -> Label:
    if isinstance(entry, str):
        entry = {"mistake": entry}
    if not isinstance(entry, dict) or set(entry) - {"mistake", "says", "unnamed"}:
        raise ValueError(f"{MANIFEST.name} [{where}]: expected a kind or a table with "
                         f"mistake, says, unnamed; got {entry!r}")
    label = Label(**entry)
    if label.mistake not in KINDS:
        raise ValueError(f"{MANIFEST.name} [{where}]: unknown kind {label.mistake!r}")
    return label


def load_labels(path: Path = MANIFEST) -> dict[str, Label]:
    """Labels by case path ("lesson02_tensor_ops/normalize_rows/total_sum.py")."""
    data = tomllib.loads(path.read_text())
    return {f"{folder}/{stem}.py": _label(f"{folder}.{stem}", entry)
            for folder, table in data.items() for stem, entry in table.items()}


def explanation(message: str) -> str:
    """The message without what says nothing about the cause: tolerances, tensor summaries."""
    message = re.sub(r"\(error [^)]*\)", "", message)
    return re.sub(r"<[^>]*>", "", message)


def names_it(label: Label, message: str, pattern: str | None) -> bool:
    """Does a failure (its message, its diff's pattern) name the labelled mistake?"""
    if pattern is not None and pattern in PATTERNS_FOR.get(label.mistake, ()):
        return True
    if label.unnamed:
        return False  # the labeller found no words in the message that name it
    words = label.says or KIND_WORDS.get(label.mistake)
    return bool(words and re.search(words, explanation(message), re.IGNORECASE))


def wrong_cause(label: Label, pattern: str | None) -> bool:
    """A pattern was named that does not state this kind of mistake."""
    return pattern is not None and pattern not in FACT_ONLY and \
        pattern not in PATTERNS_FOR.get(label.mistake, ())
