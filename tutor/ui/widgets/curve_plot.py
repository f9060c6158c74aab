"""The learner's loss curve against the reference's, plotted with textual-plotext."""

from __future__ import annotations

import math
from typing import Any

from textual.app import RenderResult
from textual_plotext import PlotextPlot

from tutor.grading.curveview import log_scale, value_range


def positions(values: list[float | None], first_x: float, span: float) -> list[float]:
    """x of each kept value: ``span`` (steps from the first to the last) spread evenly."""
    if len(values) < 2:
        return [first_x] * len(values)
    return [first_x + span * i / (len(values) - 1) for i in range(len(values))]


def finite_points(values: list[float | None], xs: list[float]) -> tuple[list[float], list[float]]:
    """The points plotext can draw: a NaN/inf loss (None) leaves a gap."""
    kept = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
    return [x for x, _ in kept], [v for _, v in kept]


def y_ticks(low: float, high: float, log: bool, count: int = 5) -> list[float]:
    """A few readable ticks: whole decades on a log scale (plotext prints raw floats)."""
    if high <= low:
        return [low]
    if log:
        first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
        step = max(1, math.ceil((last - first) / (count - 1)))
        return [10.0 ** k for k in range(first, last + 1, step)]
    return [low + (high - low) * i / (count - 1) for i in range(count)]


class CurvePlot(PlotextPlot):
    """Two lines, yours and the reference's, on one set of axes (log y when they span
    more than two orders of magnitude). Markers differ as well as colours."""

    def __init__(self, curves: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.curves = curves

    def render(self) -> RenderResult:
        # plotext applies the log scale to the stored data in place while it builds, so
        # a second build (any resize) would take the log of a log: plot afresh each time.
        self.plt.clear_figure()
        self._draw_curves()
        return super().render()

    def _draw_curves(self) -> None:
        curves, plt = self.curves, self.plt
        every = curves.get("every", 1)
        lengths = curves.get("length", [len(curves["yours"]), len(curves["reference"])])
        log, (low, _) = log_scale(curves), value_range(curves)
        for key, label, color, marker in (("reference", "reference", "green", "dot"),
                                          ("yours", "yours", "red", "braille")):
            values = curves[key]
            index = 0 if key == "yours" else 1
            xs = positions(values, curves.get("first_x", 0), (lengths[index] - 1) * every)
            x, y = finite_points(values, xs)
            if log:  # log10(0) is not drawable: a zero loss sits at the smallest positive one
                y = [max(v, low) for v in y]
            if x:
                plt.plot(x, y, label=label, color=color, marker=marker)
        high = value_range(curves)[1]
        if log:
            plt.yscale("log")
        ticks = y_ticks(low, high, log)
        plt.yticks(ticks, [f"{t:.3g}" for t in ticks])
        plt.xlabel(curves.get("x", "step"))
