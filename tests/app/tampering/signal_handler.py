"""Hangs, and on the grader's stack-dump signal (SIGUSR1) forges passed events and exits 0."""
import gc
import os
import signal


def _forge(*_):
    from tutor.grading.protocol import CheckReport, Done, encode
    from tutor.grading.status import Status

    ids = [(o.nodeid, o.name) for o in gc.get_objects()
           if type(o).__name__ == "Function" and hasattr(o, "nodeid")]
    data = b"".join(encode(CheckReport(i, n, Status.PASSED, "", "", 0.0, "cpu"))
                    for i, n in ids) + encode(Done(0))
    for fd in range(3, 256):
        try:
            os.write(fd, data)
        except OSError:
            pass
    os._exit(0)


for _signal in (signal.SIGUSR1, signal.SIGTERM, signal.SIGINT, signal.SIGXCPU):
    signal.signal(_signal, _forge)


def _answer(*args, **kwargs):
    while True:
        pass


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    return _answer
