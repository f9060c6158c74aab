"""The checks' forbidden-call rules, enforced in the learner process.

``tutor.testing.rules.forbidden`` blocks a call in the process it runs in; in
strict mode the learner's code runs elsewhere, so each request carries the
rules open in the check and this module applies them around the learner's
code. The channel's own work (encoding tensors, syncing state) runs with
:func:`machinery` held and passes through the blocks.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from torch.overrides import TorchFunctionMode

from tutor.testing.rules import RuleViolation, _resolve

_depth = [0]


@contextlib.contextmanager
def machinery() -> Iterator[None]:
    """The channel's own code is running: rules do not apply."""
    _depth[0] += 1
    try:
        yield
    finally:
        _depth[0] -= 1


def _violation(name: str, text: str) -> RuleViolation:
    return RuleViolation(f"Rule broken: this exercise asks you not to use `{name}`."
                         + (f" {text}" if text else ""))


class _Mode(TorchFunctionMode):
    def __init__(self, originals: dict[Any, tuple[str, str]]) -> None:
        super().__init__()
        self.originals = originals

    def __torch_function__(self, func, types, args=(), kwargs=None):  # type: ignore[no-untyped-def]
        found = self.originals.get(func)
        if found is not None and not _depth[0]:
            raise _violation(*found)
        return func(*args, **(kwargs or {}))


@contextlib.contextmanager
def enforce(rules: list[Any]) -> Iterator[None]:
    """Block the named calls (``[[qualnames], rule text]`` each) while learner code runs."""
    if not rules:
        yield
        return
    patched: list[tuple[Any, str, Any]] = []
    originals: dict[Any, tuple[str, str]] = {}
    for names, text in rules:
        for name in [str(n) for n in names]:
            owner, attr, original = _resolve(name)
            originals[original] = (name, str(text))

            def blocker(*args: Any, _o: Any = original, _n: str = name, _t: str = str(text),
                        **kwargs: Any) -> Any:
                if _depth[0]:
                    return _o(*args, **kwargs)
                raise _violation(_n, _t)

            patched.append((owner, attr, original))
            setattr(owner, attr, blocker)
    try:
        with _Mode(originals):
            yield
    finally:
        for owner, attr, original in reversed(patched):
            setattr(owner, attr, original)
