"""What naming the mistake adds to a failing verdict (issue 14's goal: <= 50 ms).

    python benchmarks/diagnosis.py [--runs 15]

Times a failing ``assert_close`` with the named-mistake catalogue against the same
assertion with the catalogue switched off, single-threaded as in the grading child,
for tensors of the sizes the course's checks use. Medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

import contextlib

import torch  # noqa: E402

from tutor.testing import asserts  # noqa: E402

SHAPES = [(10,), (64, 64), (256, 128), (8, 3, 32, 32), (1000, 10)]


def time_failure(got: torch.Tensor, expected: torch.Tensor, runs: int) -> float:
    walls = []
    for _ in range(runs):
        started = time.perf_counter()
        with contextlib.suppress(AssertionError):
            asserts.assert_close(got, expected)
        walls.append(time.perf_counter() - started)
    return statistics.median(walls) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    torch.set_num_threads(1)
    generator = torch.Generator().manual_seed(0)
    real_diagnose = asserts.diagnose
    print(f"{'shape':<16} {'case':<8} {'with catalogue':>15} {'without':>9} {'added':>8}")
    for shape in SHAPES:
        expected = torch.randn(*shape, generator=generator)
        cases = {"noise": expected + 0.1 * torch.randn(*shape, generator=generator),
                 "named": expected * 3}
        for name, got in cases.items():
            asserts.diagnose = real_diagnose
            with_catalogue = time_failure(got, expected, runs)
            asserts.diagnose = lambda *args, **kwargs: None  # the baseline: no catalogue
            without = time_failure(got, expected, runs)
            asserts.diagnose = real_diagnose
            print(f"{str(shape):<16} {name:<8} {with_catalogue:>12.1f} ms {without:>6.1f} ms "
                  f"{with_catalogue - without:>5.1f} ms")


if __name__ == "__main__":
    main()
