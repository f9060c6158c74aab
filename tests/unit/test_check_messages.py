"""The check API's messages, as a learner reads them, through a real pytest run (pytester).

A check file exercising each assert and rule runs in-process with the grader's
Collector; the messages are read back from its event stream, exactly what the
app and ``tutor check`` would show.
"""

from __future__ import annotations

import io

import pytest

from tutor.grading.collector import Collector
from tutor.grading.protocol import CheckReport, decode
from tutor.grading.status import Status

CHECKS = '''
import torch
from tutor.testing import (assert_close, assert_equal, assert_no_loops, assert_raises,
                           assert_tensor, assert_value, forbidden)


def test_shape():
    assert_close(torch.zeros(2, 1), torch.zeros(2), call="pick(x)")


def test_dtype():
    assert_tensor(torch.arange(3), dtype=torch.float32, call="mean_of(x)")


def test_values():
    assert_close(torch.tensor([1.0, 2.0, 3.5]), torch.tensor([1.0, 2.0, 3.0]), call="f(x)")


def test_bool_mask():
    assert_equal(torch.tensor([True, False, True]), torch.tensor([True, True, True]),
                 call="mask(x)")


def test_bool_mask_equal():
    assert_equal(torch.tensor([True, False]), torch.tensor([True, False]), call="mask(x)")


def test_no_value_error():
    assert_raises(lambda n: n, 3, call="crop(x, 3)", hint="check the size first.")


def test_wrong_error():
    assert_raises(lambda: [][1], call="crop(x, 9)")


def test_forbidden():
    with forbidden("torch.cdist", rule="write it with broadcasting."):
        torch.cdist(torch.zeros(1, 2), torch.zeros(1, 2))


def test_loops():
    import types
    module = types.ModuleType("answer")
    module.__file__ = __file__.replace("test_messages.py", "answer.py")
    assert_no_loops(module)


def test_value():
    assert_value((2, 3), (3, 2), call="shape_of(x)")


def test_not_started():
    raise NotImplementedError("write it")
'''

EXPECTED = {
    "shape": (Status.FAILED, "pick(x) returned shape (2, 1); expected (2,).\nHint: there is "
              "an extra dimension of size 1: (N, 1) is not (N,). Drop keepdim=True or squeeze "
              "that dimension."),
    "dtype": (Status.FAILED, "mean_of(x) returned dtype torch.int64; expected torch.float32."
              "\nHint: an integer result where torch.float32 was expected: integer inputs "
              "(torch.arange(3) is int64) stay integer unless you convert with .float() or "
              "dtype=."),
    "values": (Status.FAILED, "f(x) returned wrong values at 1 of 3 elements. Worst at index "
               "(2,): got 3.5, expected 3 (error 0.5, allowed 1e-05 + 1.3e-06·|expected|)."),
    "bool_mask": (Status.FAILED, "mask(x) returned wrong values at 1 of 3 elements. First at "
                  "index (1,): got False, expected True."),
    "bool_mask_equal": (Status.PASSED, ""),
    "no_value_error": (Status.FAILED, "crop(x, 3) returned int 3; expected it to raise "
                       "ValueError.\nHint: check the size first."),
    "wrong_error": (Status.FAILED, "crop(x, 9) raised IndexError: list index out of range; "
                    "expected ValueError."),
    "forbidden": (Status.FAILED, "Rule broken: this exercise asks you not to use "
                  "`torch.cdist`. write it with broadcasting."),
    "loops": (Status.FAILED, "Rule broken: no Python loops in this exercise. answer.py has a "
              "`for` loop on line 2 (and 1 more). Express it with whole-tensor operations "
              "(broadcasting, indexing, reductions): they run in C++/CUDA instead of one Python "
              "step per element."),
    "value": (Status.FAILED, "shape_of(x) returned (2, 3); expected (3, 2)."),
    "not_started": (Status.NOT_STARTED, "not started yet: the function still raises "
                    "NotImplementedError. Write it and save."),
}




@pytest.fixture
def messages(pytester: pytest.Pytester,
             monkeypatch: pytest.MonkeyPatch) -> dict[str, CheckReport]:
    # As in the grader: installed plugins (textual's snapshots) stay out of the inner run.
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makepyfile(test_messages=CHECKS)
    (pytester.path / "answer.py").write_text(
        "def f(xs):\n    for x in xs:\n        pass\n    return [x for x in xs]\n")
    stream = io.BytesIO()
    result = pytester.inline_run("-q", "-p", "no:cacheprovider", plugins=[Collector(stream)])
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    events = [decode(line).event for line in stream.getvalue().splitlines()]
    return {e.id.split("::test_")[-1]: e for e in events if isinstance(e, CheckReport)}


def test_every_message_reads_as_written(messages):
    assert set(messages) == set(EXPECTED)
    got = {name: (report.status, report.message) for name, report in messages.items()}
    for name, (status, message) in EXPECTED.items():
        assert got[name] == (status, message), name
