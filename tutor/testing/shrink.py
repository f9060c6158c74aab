"""The smallest failing input: when a random-size check fails, find the smallest that fails.

A check that draws random sizes says "wrong for x of shape (37, 12)"; the learner
learns more from "wrong already for x of shape (1, 2)". Hypothesis searches the
same size ranges (derandomised: the same learner file always gives the same answer)
and shrinks to the smallest sizes that still fail; the failure message says so in
one added line, ``Smallest failing case (n=1, d=2): <that failure's first line>``.

By default (:func:`shrink_check`, called by the plugin): a check that drew its sizes
with ``random_shape``/``draw_int`` and failed is run again as a whole, the sizes
picked by hypothesis (tutor.testing.sizes). Explicitly, for a case function::

    def case(n: int, d: int) -> None:
        x = randn(n, d, generator=torch.Generator().manual_seed(n * 100 + d))
        assert_close(exercise.center(x), x - x.mean(0), call=describe_call("center", x))

    with smallest_failure(case, n=(1, 64), d=(1, 16)):
        case(37, 12)

Either way a size must always mean the same input (values drawn after the sizes,
from a generator seeded by them). The search runs only after a failure, and is
bounded by MAX_RUNS runs of the check. DEADLINE_S is only a safety stop: a time
limit would make the answer depend on the machine's load and on the isolation mode
(strict runs are slower), and the same file must always get the same message.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tutor.testing import sizes

MAX_EXAMPLES = 60
"""Runs of a case function (each is one learner call) before the search stops."""
MAX_RUNS = 60
"""Runs of a whole check (each may call the learner's code several times)."""
DEADLINE_S = 10.0
"""A safety stop, not the budget: after this long the search reports the smallest failure
found so far (only a check whose every run is slow gets near it; 60 runs of the course's
slowest check take ~1.5 s in strict isolation here)."""
searching = False
"""True while a search runs the learner's code: no diagnosis, no pictures, no nesting."""


class _Failed(Exception):
    """Carries the first failure hypothesis sees for each size (its own exceptions differ)."""


class _Budget:
    """Counts runs; once spent, every later run is skipped (it passes, so nothing new fails)."""

    def __init__(self, runs: int, seconds: float) -> None:
        self.left, self.until = runs, time.perf_counter() + seconds

    def spend(self) -> bool:
        self.left -= 1
        return self.left >= 0 and time.perf_counter() < self.until


def _search(example: Callable[[Any], tuple[int, Any, str] | None], strategy: Any,
            budget: _Budget) -> tuple[Any, str] | None:
    """Run ``example`` on hypothesis' draws; the smallest failure: (what was drawn, message).

    ``example`` returns (total of the sizes, what was drawn, message) when it fails.
    """
    from hypothesis import HealthCheck, Phase, Verbosity, given, settings
    from hypothesis.configuration import set_hypothesis_home_dir

    # Hypothesis caches what it reads of local modules under ./.hypothesis: not in the
    # learner's workspace (the grading child's working directory).
    set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "torch-tutor-hypothesis")
    failures: list[tuple[int, Any, str]] = []

    @settings(max_examples=budget.left, derandomize=True, database=None, deadline=None,
              phases=(Phase.explicit, Phase.generate, Phase.shrink), report_multiple_bugs=False,
              suppress_health_check=list(HealthCheck), print_blob=False,
              verbosity=Verbosity.quiet)
    @given(strategy)
    def search(drawn: Any) -> None:
        if not budget.spend():
            return
        global searching
        searching = True
        try:
            failure = example(drawn)
        finally:
            searching = False
        if failure is not None:
            failures.append(failure)
            raise _Failed

    # _Failed, or hypothesis giving up once the budget is spent (a run it replays passes).
    with contextlib.suppress(Exception):
        search()
    # Hypothesis orders failures by their draws (fewer first): a loop that skipped a
    # few small, invalid sizes loses to one large valid draw. Smallest sizes win here.
    if not failures:
        return None
    _, drawn, message = min(failures, key=lambda failure: failure[0])
    return drawn, message


def find_smallest(case: Callable[..., None], ranges: dict[str, tuple[int, int]],
                  max_examples: int = MAX_EXAMPLES) -> tuple[dict[str, int], str] | None:
    """The smallest sizes (hypothesis' shrink order) for which ``case`` fails, and its message.

    None when no failing sizes turn up within the budget.
    """
    from hypothesis import strategies as st

    def example(chosen: dict[str, int]) -> tuple[int, dict[str, int], str] | None:
        try:
            case(**chosen)
        except Exception as error:  # noqa: BLE001 - any failure of the learner's code counts
            return sum(chosen.values()), dict(chosen), first_line(error)
        return None

    strategy = st.fixed_dictionaries({name: st.integers(low, high)
                                      for name, (low, high) in ranges.items()})
    return _search(example, strategy, _Budget(max_examples, DEADLINE_S))


def shrink_check(run: Callable[[], None], seed: int, max_runs: int = MAX_RUNS,
                 seconds: float = DEADLINE_S) -> tuple[str, str] | None:
    """Run a whole check again, its ``draw_int``/``random_shape`` sizes chosen by hypothesis.

    ``run`` resets the check's generators to ``seed`` and calls it. Returns the smallest
    failing sizes in words ("n=1, d=2") and that failure's first line, or None.
    """
    from hypothesis import strategies as st

    def example(data: Any) -> tuple[int, str, str] | None:
        def pick(low: int, high: int) -> int:
            return int(data.draw(st.integers(low, high)))

        sizes.active = search = sizes.Search(pick, seed)
        try:
            run()
        except (KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        except BaseException as error:  # noqa: BLE001 - pytest.fail's Failed counts too
            if type(error).__module__.startswith("hypothesis"):
                raise  # its own control flow (StopTest: this example drew too much)
            if not search.taken or type(error).__name__ == "Skipped":
                return None
            return search.total(), sizes.described(search.taken), first_line(error)
        finally:
            sizes.active = None
        return None

    return _search(example, st.data(), _Budget(max_runs, seconds))


def first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


def with_smallest(error: AssertionError, described: str, message: str) -> AssertionError:
    """``error`` with the smallest failing case in its message; its pictures kept.

    The line goes before pytest's ``assert ...`` introspection (which front ends cut).
    """
    lines = str(error).splitlines()
    cut = next((i for i, line in enumerate(lines) if i and line.startswith("assert ")),
               len(lines))
    added = f"Smallest failing case{f' ({described})' if described else ''}: {message}"
    shrunk = AssertionError("\n".join([*lines[:cut], added, *lines[cut:]]))
    # The pictures (diff, trace, curves) ride on the error as plain attributes: keep them.
    for name, value in vars(error).items():
        setattr(shrunk, name, value)
    shrunk.smallest_case = described  # type: ignore[attr-defined]
    return shrunk


def shrinkable(error: BaseException) -> bool:
    """A failure worth shrinking: a wrong result, not a broken rule or an already shrunk one."""
    from tutor.testing.rules import RuleViolation

    return (isinstance(error, AssertionError) and not isinstance(error, RuleViolation)
            and not hasattr(error, "smallest_case") and not searching)


@contextlib.contextmanager
def smallest_failure(case: Callable[..., None], **ranges: tuple[int, int]) -> Iterator[None]:
    """Re-raise a failure inside the block with the smallest failing sizes appended."""
    try:
        yield
    except AssertionError as error:
        if not shrinkable(error):
            raise  # a rule broken is broken at every size: nothing to shrink
        smallest = find_smallest(case, ranges)
        if smallest is None:
            raise
        found, message = smallest
        described = ", ".join(f"{name}={value}" for name, value in found.items())
        raise with_smallest(error, described, message) from error
