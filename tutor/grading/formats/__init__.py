"""Renderings of one RunResult: text, JSON, JUnit XML, Gradescope results.json."""

from __future__ import annotations

from collections.abc import Callable

from tutor.grading.formats.gradescope import render_gradescope
from tutor.grading.formats.json_format import render_json
from tutor.grading.formats.junit import render_junit
from tutor.grading.formats.text import render_text
from tutor.grading.results import RunResult

Renderer = Callable[..., str]
FORMATS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "junit": render_junit,
    "gradescope": render_gradescope,
}


def render(run: RunResult, fmt: str, **options: object) -> str:
    return FORMATS[fmt](run, **options)


__all__ = ["FORMATS", "render", "render_gradescope", "render_json", "render_junit",
           "render_text"]
