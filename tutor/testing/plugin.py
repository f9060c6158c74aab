"""The pytest plugin behind the check API: options, the ``gpu`` marker and fixtures.

Loaded by the grader (registered in ``pytest.main``) and by plain ``pytest`` in a
pack (pyproject ``addopts``), so checks behave the same under both.
"""

from __future__ import annotations

import types
from collections.abc import Generator
from pathlib import Path

import pytest
import torch

from tutor.course import Exercise
from tutor.testing import devices, feedback, shrink, sizes
from tutor.testing.inputs import seed_for
from tutor.testing.loader import exercise_for_check_file, load_exercise, load_reference


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tutor", "torch-tutor checks")
    group.addoption("--device", choices=devices.DEVICE_CHOICES, default=None,
                    help="device for the checks' `device` fixture (default: auto = cuda, "
                         "then mps, then cpu)")
    group.addoption("--require-gpu", action="store_true", default=None,
                    help="fail GPU checks instead of skipping them when no CUDA device is "
                         "visible")


MARKERS = (
    "gpu: the check needs a CUDA device; skipped with the reason when none is visible",
    "task(number): the numbered lesson task a check belongs to",
    "slow: runs a real grader, a real terminal or the app (seconds each); "
    "`-m 'not slow'` is the inner loop",
)
"""Every marker torch-tutor uses, declared here only (``--strict-markers`` relies on it)."""


def pytest_configure(config: pytest.Config) -> None:
    for line in MARKERS:
        config.addinivalue_line("markers", line)
    devices.disable_tf32()


def _device_choice(config: pytest.Config) -> str:
    return str(config.getoption("--device") or "auto")


def _require_gpu(config: pytest.Config) -> bool:
    return bool(config.getoption("--require-gpu"))


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("gpu") is None:
        return
    reason = devices.gpu_skip_reason(_device_choice(item.config))
    if reason is None:
        return
    if _require_gpu(item.config):
        pytest.fail(f"this check needs a CUDA GPU and --require-gpu was given, but {reason}",
                    pytrace=False)
    pytest.skip(f"needs a CUDA GPU: {reason}")


@pytest.fixture
def exercise_info(request: pytest.FixtureRequest) -> Exercise:
    """The pack's description of the exercise this check file grades."""
    return exercise_for_check_file(Path(request.path))


@pytest.fixture
def exercise(exercise_info: Exercise) -> types.ModuleType:
    """The module under test, compiled fresh: the learner's file when grading, else the solution."""
    return load_exercise(exercise_info)


@pytest.fixture
def reference(exercise_info: Exercise) -> types.ModuleType:
    """The pack's reference solution, for checks that compare against a reference run."""
    return load_reference(exercise_info)


@pytest.fixture
def device(request: pytest.FixtureRequest) -> torch.device:
    """The device chosen with ``--device`` (auto: CUDA, then MPS, then CPU)."""
    chosen = devices.resolve_device(_device_choice(request.config))
    if chosen.type == "cuda" and devices.cuda_unavailable_reason():
        reason = devices.cuda_unavailable_reason()
        if _require_gpu(request.config):
            pytest.fail(f"--device cuda was asked for, but {reason}", pytrace=False)
        pytest.skip(f"--device cuda was asked for, but {reason}")
    return chosen


@pytest.fixture
def gpu_device(request: pytest.FixtureRequest) -> torch.device:
    """``cuda``; the check is skipped with the reason when no CUDA device can be used."""
    reason = devices.gpu_skip_reason(_device_choice(request.config))
    if reason is not None:
        if _require_gpu(request.config):
            pytest.fail(f"this check needs a CUDA GPU and --require-gpu was given, but "
                        f"{reason}", pytrace=False)
        pytest.skip(f"needs a CUDA GPU: {reason}")
    return torch.device("cuda")


@pytest.fixture
def seed(request: pytest.FixtureRequest) -> int:
    """This check's seed: stable across runs, changed by ``$TUTOR_SEED``."""
    return seed_for(request.node.nodeid.split("::", 1)[-1])


@pytest.fixture
def rng(seed: int) -> torch.Generator:
    """A CPU generator seeded for this check; draw inputs with it, then move them."""
    return torch.Generator().manual_seed(seed)


@pytest.fixture(autouse=True)
def _current_check(request: pytest.FixtureRequest) -> None:
    # Feedback made after a failure (a shape trace) finds the reference solution from here.
    feedback.CURRENT_CHECK_FILE = Path(request.path)


@pytest.fixture(autouse=True)
def _seed_global_rng(seed: int) -> None:
    # Learner code that calls torch.randn without a generator still gets
    # reproducible numbers, so a failure can be replayed.
    devices.seed_generators(seed)  # torch.manual_seed, without its per-call stack capture


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> Generator[None, object, object]:
    # A check that drew random sizes (draw_int, random_shape) and failed is run again
    # with smaller sizes (tutor.testing.shrink); a passing check pays for one counter.
    outer, sizes.drawn = sizes.drawn, 0  # a check run inside a check (pytester) counts apart
    try:
        return (yield)
    except AssertionError as error:
        if not sizes.drawn or not shrink.shrinkable(error):
            raise
        smallest = shrink.shrink_check(lambda: _run_again(pyfuncitem), _seed(pyfuncitem))
        if smallest is None:
            raise
        raise shrink.with_smallest(error, *smallest) from error
    finally:
        sizes.drawn = outer


def _seed(item: pytest.Function) -> int:
    return seed_for(item.nodeid.split("::", 1)[-1])


def _run_again(item: pytest.Function) -> None:
    """The check's function once more, on its fixtures, its generators re-seeded."""
    seed = _seed(item)
    args = {name: item.funcargs[name] for name in item._fixtureinfo.argnames}
    rng = args.get("rng")
    if isinstance(rng, torch.Generator):
        rng.manual_seed(seed)
    devices.seed_generators(seed)
    item.obj(**args)
