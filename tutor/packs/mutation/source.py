"""Source splicing: mutants differ from the original only where the operator changed it.

Operators find AST nodes and say what text replaces which span; splicing that text
into the original source (instead of ``ast.unparse`` of the whole tree) keeps
comments and layout, so the unified diff a pack author reads is one line long.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    """Replace the characters ``start:end`` (absolute offsets) with ``text``."""

    start: int
    end: int
    text: str


class SourceMap:
    """Absolute character offsets for AST positions (whose columns count UTF-8 bytes)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.lines = source.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))

    def offset(self, lineno: int, col_bytes: int) -> int:
        line = self.lines[lineno - 1] if lineno - 1 < len(self.lines) else ""
        return self.starts[lineno - 1] + len(line.encode("utf-8")[:col_bytes].decode("utf-8"))

    def span(self, node: ast.AST) -> tuple[int, int]:
        start = self.offset(node.lineno, node.col_offset)  # type: ignore[attr-defined]
        end = self.offset(node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]
        return start, end

    def text(self, node: ast.AST) -> str:
        start, end = self.span(node)
        return self.source[start:end]

    def replace(self, node: ast.AST, text: str) -> Edit:
        start, end = self.span(node)
        return Edit(start, end, text)

    def insert(self, offset: int, text: str) -> Edit:
        return Edit(offset, offset, text)

    def apply(self, edits: tuple[Edit, ...]) -> str:
        """The source with ``edits`` (non-overlapping) applied."""
        out = self.source
        for edit in sorted(edits, key=lambda e: e.start, reverse=True):
            out = out[:edit.start] + edit.text + out[edit.end:]
        return out


def attr_name_span(smap: SourceMap, node: ast.Attribute) -> tuple[int, int] | None:
    """The span of the attribute's name (``sum`` in ``x.sum``), if it is where we expect."""
    end = smap.offset(node.end_lineno, node.end_col_offset)  # type: ignore[arg-type]
    start = end - len(node.attr)
    return (start, end) if smap.source[start:end] == node.attr else None


def closing_paren(smap: SourceMap, call: ast.Call) -> int | None:
    """Offset of the ``)`` that ends ``call``."""
    end = smap.offset(call.end_lineno, call.end_col_offset)  # type: ignore[arg-type]
    return end - 1 if smap.source[end - 1:end] == ")" else None


def add_keyword(smap: SourceMap, call: ast.Call, text: str) -> Edit | None:
    """Insert ``name=value`` as the call's last argument."""
    paren = closing_paren(smap, call)
    if paren is None:
        return None
    before = smap.source[:paren].rstrip()
    if before.endswith(","):
        return smap.insert(paren, f" {text}")
    return smap.insert(paren, f", {text}" if call.args or call.keywords else text)


def remove_keyword(smap: SourceMap, call: ast.Call, keyword: ast.keyword) -> Edit:
    """Remove one keyword argument with its comma."""
    items: list[ast.AST] = [*call.args, *call.keywords]
    items.sort(key=lambda n: (n.lineno, n.col_offset))  # type: ignore[attr-defined]
    index = items.index(keyword)
    start, end = smap.span(keyword)
    if index > 0:
        start = smap.span(items[index - 1])[1]
    elif index + 1 < len(items):
        end = smap.span(items[index + 1])[0]
    return Edit(start, end, "")


def is_main_guard(node: ast.AST) -> bool:
    """``if __name__ == "__main__":`` — demo code the checks never run."""
    return (isinstance(node, ast.If) and isinstance(node.test, ast.Compare)
            and isinstance(node.test.left, ast.Name) and node.test.left.id == "__name__")


def graded_nodes(tree: ast.Module) -> list[ast.AST]:
    """Every node in source order, except docstrings and ``__main__`` blocks."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if is_main_guard(node):
            skip.update(id(n) for n in ast.walk(node))
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            skip.update(id(n) for n in ast.walk(body[0]))
    nodes = [n for n in ast.walk(tree) if id(n) not in skip and hasattr(n, "lineno")]
    nodes.sort(key=lambda n: (n.lineno, n.col_offset,  # type: ignore[attr-defined]
                              -(n.end_lineno or 0), -(n.end_col_offset or 0)))  # type: ignore[attr-defined]
    return nodes
