"""Hogs host memory in helper processes: RLIMIT_AS caps each process on its own,
so only a watchdog that sums the run's whole process tree sees the total (the
same watchdog guards CUDA runs, where RLIMIT_AS is not set at all)."""
import subprocess
import sys

HOG = "b = bytearray(300 * 2**20); import time; time.sleep(60)"


def double(x):
    helpers = [subprocess.Popen([sys.executable, "-c", HOG]) for _ in range(4)]
    for helper in helpers:
        helper.wait()
    return 2 * x
