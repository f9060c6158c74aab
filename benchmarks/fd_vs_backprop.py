"""Finite differences vs backprop on lesson07's two-layer network, for several hidden sizes.

For each hidden size H the network ``sigmoid(X @ W1 + b1) @ W2 + b2`` (float64, N = 32
rows, D = 20 inputs, one output, MSE) has P = D·H + H + H + 1 parameters. The script
times, each as the median of ``--repeats`` runs:

- one forward pass (the loss);
- backprop: one forward pass plus ``loss.backward()``;
- a full central-difference gradient (``tutor.testing.numeric_gradient``): 2·P forward passes.

and prints a table with the ratios the lesson quotes. A second table times the backward
pass alone against a forward pass on bigger batches (``--big``), where arithmetic, not
per-call overhead, dominates. Timings depend on the machine and on its load; the ratios,
and how they grow with P, are the point.

    python benchmarks/fd_vs_backprop.py [--hidden 25 50 100 200 400] [--repeats 10] [--big]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import torch

from tutor.testing import numeric_gradient, relative_error

N, D, OUT = 32, 20, 1  # rows, inputs, outputs
F64 = torch.float64


def loss_fn(W1: torch.Tensor, b1: torch.Tensor, W2: torch.Tensor, b2: torch.Tensor,
            X: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """The lesson's network and its mean squared error."""
    h = torch.sigmoid(X @ W1 + b1)
    return ((h @ W2 + b2 - y) ** 2).mean()


def median_time(run: Callable[[], object], repeats: int) -> float:
    """Median wall-clock seconds of ``repeats`` calls (one untimed warm-up call first)."""
    run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(hidden: int, repeats: int) -> dict[str, float]:
    """Times and ratios for one hidden size."""
    gen = torch.Generator().manual_seed(0)
    X = torch.randn(N, D, generator=gen, dtype=F64)
    y = torch.randn(N, OUT, generator=gen, dtype=F64)
    params = [torch.randn(D, hidden, generator=gen, dtype=F64) * 0.1,
              torch.zeros(hidden, dtype=F64),
              torch.randn(hidden, OUT, generator=gen, dtype=F64) * 0.1,
              torch.zeros(OUT, dtype=F64)]
    P = sum(p.numel() for p in params)

    def forward() -> None:
        with torch.no_grad():
            loss_fn(*params, X, y)

    def backprop() -> list[torch.Tensor]:
        leaves = [p.clone().requires_grad_(True) for p in params]
        loss_fn(*leaves, X, y).backward()
        return leaves

    def finite_differences() -> list[torch.Tensor]:
        return [numeric_gradient(lambda t, k=k: loss_fn(*params[:k], t, *params[k + 1:], X, y),
                                 p.clone()) for k, p in enumerate(params)]

    t_fwd = median_time(forward, max(repeats, 200))
    t_bp = median_time(backprop, max(repeats, 200))
    t_fd = median_time(finite_differences, repeats)
    error = max(relative_error(leaf.grad, g)
                for leaf, g in zip(backprop(), finite_differences(), strict=True))
    return {"H": hidden, "P": P, "forward": t_fwd, "backprop": t_bp, "fd": t_fd,
            "error": error}


def backward_vs_forward(n: int, d: int, hidden: int, repeats: int) -> tuple[float, float]:
    """Median seconds of a forward pass and of ``loss.backward()`` alone (graph built untimed)."""
    gen = torch.Generator().manual_seed(0)
    X = torch.randn(n, d, generator=gen, dtype=F64)
    y = torch.randn(n, OUT, generator=gen, dtype=F64)
    leaves = [(torch.randn(d, hidden, generator=gen, dtype=F64) * 0.1).requires_grad_(True),
              torch.zeros(hidden, dtype=F64, requires_grad=True),
              (torch.randn(hidden, OUT, generator=gen, dtype=F64) * 0.1).requires_grad_(True),
              torch.zeros(OUT, dtype=F64, requires_grad=True)]
    forwards, backwards = [], []
    for _ in range(repeats + 1):                     # the first round is a warm-up
        for leaf in leaves:
            leaf.grad = None
        start = time.perf_counter()
        loss = loss_fn(*leaves, X, y)
        middle = time.perf_counter()
        loss.backward()
        end = time.perf_counter()
        forwards.append(middle - start)
        backwards.append(end - middle)
    return statistics.median(forwards[1:]), statistics.median(backwards[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hidden", type=int, nargs="+", default=[25, 50, 100, 200, 400])
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--big", action="store_true",
                        help="also time backward alone vs forward on bigger batches")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch intra-op threads (1: less noise on a shared machine)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), float64, "
          f"N={N}, D={D}, O={OUT}; medians of {args.repeats} runs (forward/backprop: of 200)")
    print(f"{'H':>4} {'P':>6} {'forward':>9} {'backprop':>9} {'bp/fwd':>6} {'FD (2P fwd)':>11} "
          f"{'FD/bp':>7} {'FD/(2P·fwd)':>11} {'rel. error':>10}")
    for hidden in args.hidden:
        r = measure(hidden, args.repeats)
        print(f"{r['H']:>4} {r['P']:>6} {r['forward'] * 1e6:>7.1f}µs {r['backprop'] * 1e6:>7.1f}µs "
              f"{r['backprop'] / r['forward']:>6.1f} {r['fd']:>10.3f}s "
              f"{r['fd'] / r['backprop']:>7.0f} {r['fd'] / (2 * r['P'] * r['forward']):>11.2f} "
              f"{r['error']:>10.1e}", flush=True)
    if args.big:
        print(f"\n{'N':>5} {'D':>5} {'H':>5} {'forward':>10} {'backward':>10} {'bwd/fwd':>7}")
        for n, d, hidden in ((32, 20, 50), (256, 256, 512), (1024, 512, 1024),
                             (2048, 1024, 2048)):
            t_fwd, t_bwd = backward_vs_forward(n, d, hidden, args.repeats)
            print(f"{n:>5} {d:>5} {hidden:>5} {t_fwd * 1e3:>8.2f}ms {t_bwd * 1e3:>8.2f}ms "
                  f"{t_bwd / t_fwd:>7.1f}", flush=True)


if __name__ == "__main__":
    main()
