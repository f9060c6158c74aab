"""Shape traces under strict isolation: the learner's function is traced where it runs.

``sys.settrace`` sees only its own process, and under ``--isolation strict`` the
learner's function runs in the learner process. So the trusted side asks that
process for its tracer (the ``tracer`` request, registered by tutor.isolation.learner),
calls it with the learner's function (sent back as that process's own object) and
the check's arguments, and gets the trace as plain data (tutor.testing.trace).
"""

from __future__ import annotations

import json
from typing import Any

from tutor.isolation.proxy import Remote


def trace_here(function: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Learner side: run ``function`` under the shape tracer; the trace as plain data."""
    from tutor.testing.trace import record_shapes, steps_data

    return steps_data(record_shapes(function, *args, **kwargs))


def tracer(header: dict[str, Any]) -> Any:
    """Learner side: the ``tracer`` request answers with :func:`trace_here` (a handle)."""
    return trace_here


def is_remote(function: Any) -> bool:
    """Does ``function`` run in the learner process (a strict-isolation proxy)?"""
    return issubclass(type(function), Remote)  # type(): a proxy's __class__ may say torch's


def trace_remote(function: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Trusted side: the shape trace of ``function`` (a proxy), taken in the learner process."""
    endpoint = object.__getattribute__(function, "_ep")
    remote_tracer = endpoint.request("tracer")
    # Plain data both ways: copy out of any container the proxy layer keeps in sync.
    return json.loads(json.dumps(remote_tracer(function, *args, **kwargs)))
