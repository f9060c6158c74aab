"""Mutation testing of a pack's checks (``tutor pack check DIR --mutants``).

Mutants of every reference solution (:mod:`.operators`, :mod:`.generate`) are
graded through the real grader (:mod:`.run`); a mutant the checks accept is a
hole in them (:mod:`.report`). See docs/authoring.md, "Mutation testing".
"""

from tutor.packs.mutation.generate import Mutant, generate
from tutor.packs.mutation.operators import REGISTRY, Candidate, Operator, operator
from tutor.packs.mutation.source import Edit, SourceMap, graded_nodes

__all__ = ["REGISTRY", "Candidate", "Edit", "Mutant", "Operator", "SourceMap", "generate",
           "graded_nodes", "operator"]
