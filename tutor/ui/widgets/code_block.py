"""Code blocks in lesson text that wrap at the pane's edge with a ``↪`` marker.

Textual's fence keeps each line whole and cuts it at the edge: comments and
printed outputs were lost on a narrow pane. Here a long line continues on the
next row after a dim ``↪``, so nothing is hidden and the break is visible.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownFence

MARKER = "↪ "


def break_points(line: str, width: int, marker: int) -> list[int]:
    """Offsets to break ``line`` at: after a space near the edge, else at the edge."""
    points: list[int] = []
    start, room = 0, width
    while len(line) - start > room:
        cut = line.rfind(" ", start + room // 2, start + room)
        cut = start + room if cut <= start else cut + 1
        points.append(cut)
        start, room = cut, width - marker
    return points


def wrap_code(code: Content, width: int) -> list[Content]:
    """Each line of ``code`` wrapped to ``width`` cells; continuations start with ``↪``."""
    rows: list[Content] = []
    width = max(width, len(MARKER) + 8)
    for line in code.split("\n", allow_blank=True):
        points = break_points(line.plain, width, len(MARKER))
        if not points:
            rows.append(line)
            continue
        head, *rest = line.divide(points)
        rows.append(head)
        rows += [Content.assemble((MARKER, "dim"), piece) for piece in rest]
    return rows


class WrappedCode(Widget):
    """Renders highlighted code folded to its width (height follows)."""

    DEFAULT_CSS = "WrappedCode { height: auto; width: 1fr; padding: 1 1; }"

    def __init__(self, code: Content) -> None:
        super().__init__()
        self.code = code

    def update(self, code: Content) -> None:
        self.code = code
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(wrap_code(self.code, width))

    def render(self) -> Content:
        return Content("\n").join(wrap_code(self.code, self.content_region.width or 80))


class WrappedFence(MarkdownFence):
    """A fence whose long lines wrap with a marker instead of being cut."""

    DEFAULT_CSS = """
    WrappedFence { overflow: hidden hidden; }
    """

    @property
    def allow_horizontal_scroll(self) -> bool:
        return False

    def set_content(self, content: Content) -> None:
        self._content = content
        for child in self.query(WrappedCode):
            child.update(content)

    def compose(self):  # type: ignore[no-untyped-def]
        yield WrappedCode(self._highlighted_code)


class WrappingMarkdown(Markdown):
    """Markdown whose code blocks wrap (the lesson text, hints, dialogs)."""

    BLOCKS = {**Markdown.BLOCKS, "fence": WrappedFence, "code_block": WrappedFence}
