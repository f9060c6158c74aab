"""``call_each`` under strict isolation: every call runs in the learner process, in two round
trips however many calls (tutor.testing.calls).

The trusted side asks the learner process for its runner (the ``each`` request, registered
by tutor.isolation.learner) and calls it with the learner's function (sent back as that
process's own object) and the cases. The runner makes the calls under the check's rules, as
any request does, and answers ``[True, value]`` or ``[False, error]`` per case, the error as
data (tutor.isolation.errors): the checks' process rebuilds it and never runs learner code.
"""

from __future__ import annotations

import functools
from typing import Any

from tutor.isolation.errors import decode_error, encode_error
from tutor.isolation.rules import machinery
from tutor.testing.calls import Outcome, call_each


def each_here(target: str, function: Any, cases: Any) -> list[list[Any]]:
    """Learner side: ``function`` on each ``[args, kwargs]`` case (the same loop as
    in-process), the outcomes as data."""
    outcomes = call_each(function, [args for args, _ in cases], [kwargs for _, kwargs in cases])
    with machinery():
        return [[True, o.value] if o.error is None else [False, encode_error(o.error, target)]
                for o in outcomes]


def runner(target: str) -> Any:
    """Learner side: the ``each`` request's handler, answering with :func:`each_here`."""
    bound = functools.partial(each_here, target)
    return lambda header: bound


def remote_each(function: Any, cases: list[tuple[tuple[Any, ...], dict[str, Any]]]
                ) -> list[Outcome]:
    """Trusted side: what each case returned or raised, the calls made over there."""
    from tutor.isolation.endpoint import ProtocolViolation

    endpoint = object.__getattribute__(function, "_ep")
    remote_runner = endpoint.request("each")
    outcomes = remote_runner(function, [[args, kwargs] for args, kwargs in cases])
    if not (isinstance(outcomes, list) and len(outcomes) == len(cases)):
        raise ProtocolViolation("call_each: the learner process answered "
                                f"{type(outcomes).__name__}, not one outcome per case")
    found: list[Outcome] = []
    for item in outcomes:
        if not (isinstance(item, list) and len(item) == 2 and type(item[0]) is bool
                and (item[0] or isinstance(item[1], dict))):
            raise ProtocolViolation("call_each: a malformed outcome from the learner process")
        found.append(Outcome(item[1]) if item[0] else Outcome(error=decode_error(item[1])))
    return found
