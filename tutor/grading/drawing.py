"""Styled text lines: the one drawing that the CLI prints and the app colours.

A drawing is a list of lines; a line is a list of ``(text, role)`` spans. The
role names what a span is (``wrong``, ``worst``, ``nonfinite``, ``mark``, ``head``, ``dim``,
``heat1``..``heat4``), never how it looks: the CLI maps roles to ANSI codes or
drops them, the app maps them to Rich styles. Every role that matters also
has a non-colour marker in its text (``*``, ``!``, ``#``, ``▶``), so the plain text
says the same thing. No torch, no Textual here.
"""

from __future__ import annotations

from collections.abc import Iterable

Span = tuple[str, str]
Line = list[Span]

ANSI = {"wrong": "31", "worst": "1;31", "nonfinite": "1;35", "mark": "1;33",
        "head": "1", "dim": "2",
        "ok": "32", "heat1": "2", "heat2": "33", "heat3": "31", "heat4": "1;31"}
"""ANSI codes per role, for the CLI with --color."""


def plain(line: Line) -> str:
    return "".join(text for text, _ in line)


def width(line: Line) -> int:
    return sum(len(text) for text, _ in line)


def padded(line: Line, size: int) -> Line:
    """``line`` filled with spaces to ``size`` columns."""
    return [*line, (" " * (size - width(line)), "")] if width(line) < size else line


def side_by_side(left: list[Line], right: list[Line], gap: int = 3) -> list[Line]:
    """Two drawings as columns, the left one padded to its widest line."""
    size = max((width(line) for line in left), default=0)
    rows = max(len(left), len(right))
    blank: Line = []
    return [padded(left[i] if i < len(left) else blank, size + gap)
            + (right[i] if i < len(right) else blank) for i in range(rows)]


def fits(lines: Iterable[Line], limit: int) -> bool:
    return all(width(line) <= limit for line in lines)


ASCII = str.maketrans({"▶": ">", "…": "~", "−": "-", "→": "->", "│": "|", "×": "x",
                      "—": "-", "·": "."})
"""Stand-ins for a terminal that cannot show UTF-8 (blocks have their own, per drawing)."""


def to_text(lines: Iterable[Line], color: bool = False, indent: str = "",
            ascii_only: bool = False) -> list[str]:
    """Plain (or ANSI-coloured) strings for a terminal; ``ascii_only`` swaps the symbols."""
    out = []
    for line in lines:
        if ascii_only:
            line = [(text.translate(ASCII).encode("ascii", "replace").decode(), role)
                    for text, role in line]
        if color:
            body = "".join(f"\033[{ANSI[role]}m{text}\033[0m" if role in ANSI and text.strip()
                           else text for text, role in line)
        else:
            body = plain(line)
        out.append((indent + body).rstrip())
    return out
