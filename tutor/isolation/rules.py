"""The checks' forbidden-call rules, enforced in the learner process.

``tutor.testing.rules.forbidden`` blocks a call in the process it runs in; in
strict mode the learner's code runs elsewhere, so each request carries the
rules open in the check and this module applies them around the learner's
code. The channel's own work (encoding tensors, syncing state) runs with
:func:`machinery` held and passes through the blocks.
"""

from __future__ import annotations

import contextlib
import itertools
import operator
import types
from collections.abc import Iterator
from typing import Any

import torch
from torch.overrides import TorchFunctionMode

from tutor.testing.rules import RuleViolation, _resolve, replace_attribute

_depth = [0]


class machinery:  # noqa: N801 - used like the context-manager function it was
    """The channel's own code is running: rules do not apply.

    A class, not a generator-based context manager: it is entered several times per
    message on both sides, and this is ~3× cheaper.
    """

    __slots__ = ("_guard",)

    def __enter__(self) -> None:
        _depth[0] += 1
        self._guard = torch._C.DisableTorchFunction()  # the checks' modes (rules, counters)
        try:
            self._guard.__enter__()
        except BaseException:
            _depth[0] -= 1
            raise

    def __exit__(self, *exc: Any) -> None:
        try:
            self._guard.__exit__(*exc)
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


class _Installed:
    """The rules whose blockers are in place now. A check keeps the same rules around many
    calls (a ``forbidden`` block per call): their blockers stay in place from one request
    to the next (~0.2 ms a request for 23 names), and are swapped or removed only when a
    request brings other rules or none. Between requests no learner code runs."""

    key: tuple[Any, ...] = ()
    depth = 0
    """Open ``enforce`` blocks (a nested request's inside its caller's)."""
    rules: list[Any] = []
    undo: list[Any] = []
    originals: dict[Any, tuple[str, str]] = {}


def _rules_key(rules: list[Any]) -> tuple[Any, ...]:
    return tuple((tuple(str(n) for n in names), str(text),
                  tuple(sorted((str(k), str(v)) for k, v in (rest[0] if rest and
                                                             isinstance(rest[0], dict)
                                                             else {}).items())))
                 for names, text, *rest in rules)


def _install(rules: list[Any], key: tuple[Any, ...]) -> None:
    if key == _Installed.key:
        return
    for restore in reversed(_Installed.undo):
        restore()
    _Installed.key, _Installed.rules, _Installed.undo, _Installed.originals = (), [], [], {}
    undo: list[Any] = []
    originals: dict[Any, tuple[str, str]] = {}
    try:
        for names, text, *rest in rules:
            shown_as = rest[0] if rest and isinstance(rest[0], dict) else {}
            for name in [str(n) for n in names]:
                owner, attr, original = _resolve(name)
                shown = str(shown_as.get(name, name))
                originals[original] = (shown, str(text))

                def blocker(*args: Any, _o: Any = original, _n: str = shown,
                            _t: str = str(text), **kwargs: Any) -> Any:
                    if _depth[0]:
                        return _o(*args, **kwargs)
                    raise _violation(_n, _t)

                undo.append(replace_attribute(owner, attr, blocker))
    except BaseException:
        for restore in reversed(undo):
            restore()
        raise
    _Installed.key, _Installed.rules, _Installed.undo, _Installed.originals = \
        key, rules, undo, originals


@contextlib.contextmanager
def enforce(rules: list[Any]) -> Iterator[None]:
    """Block the named calls (``[[qualnames], rule text, {qualname: shown name}]`` each)
    while learner code runs; what was in place before (a nested request's caller's rules)
    is in place again after."""
    outer_rules, outer_key = _Installed.rules, _Installed.key
    key = _rules_key(rules) if rules else ()
    _install(rules, key)
    _Installed.depth += 1
    try:
        if key:
            with _Mode(_Installed.originals):
                yield
        else:
            yield
    finally:
        _Installed.depth -= 1
        if _Installed.depth:  # nested: the caller's rules again
            _install(outer_rules, outer_key)


def lift_rules(rules: Any) -> None:
    """A request that brings no rules (a load, a call outside ``forbidden``): the rules
    the last request left in place go before any of its code runs."""
    if not rules and _Installed.key and not _Installed.depth:
        _install([], ())


def rules_in_place() -> bool:
    return bool(_Installed.key)


def patch_spec(owner: Any, name: str) -> list[str] | None:
    """``[module, qualname or "", attribute]`` for a check's monkeypatch the learner must see."""
    import types as _types

    if isinstance(owner, _types.ModuleType):
        if "_tutor_remote" in vars(owner):
            return None  # the learner's own module: its setattr already reached it
        return [owner.__name__, "", name]
    if isinstance(owner, type):
        return [owner.__module__, owner.__qualname__, name]
    return None


@contextlib.contextmanager
def patched(patches: list[Any]) -> Iterator[None]:
    """Apply the check's monkeypatches (``[module, qualname, attribute, value]``) here too."""
    import importlib

    undo: list[tuple[Any, str, Any]] = []
    try:
        for module, qualname, attr, value in patches:
            owner: Any = importlib.import_module(str(module))
            for part in str(qualname).split(".") if qualname else []:
                owner = getattr(owner, part)
            undo.append((owner, str(attr), vars(owner).get(str(attr), _MISSING)
                         if isinstance(owner, type) else getattr(owner, str(attr), _MISSING)))
            if isinstance(owner, type) and callable(value) and not isinstance(value, type):
                value = _as_method(value)  # a proxy is no descriptor: bind like a function
            setattr(owner, str(attr), value)
        yield
    finally:
        for owner, attr, old in reversed(undo):
            if old is _MISSING:
                delattr(owner, attr)
            else:
                setattr(owner, attr, old)


_MISSING = object()


def _as_method(function: Any) -> Any:
    def method(*args: Any, **kwargs: Any) -> Any:
        return function(*args, **kwargs)

    return method


TRACE_LIMIT = 20_000
"""Calls described one by one for the check's modes; past this, only counted."""


class _Counter(TorchFunctionMode):
    """Records the learner's torch calls for a check that watches them with its own
    TorchFunctionMode (a counter, a same-device guard): each call's name and the device,
    dtype and shape of its tensor arguments, replayed through the check's modes."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0
        self.trace: list[list[Any]] = []

    def __torch_function__(self, func, types, args=(), kwargs=None):  # type: ignore[no-untyped-def]
        if not _depth[0]:
            self.calls += 1
            if len(self.trace) < TRACE_LIMIT:
                with torch._C.DisableTorchFunction():
                    self.trace.append([getattr(func, "__name__", "") or "",
                                       [_summary(a) for a in args],
                                       {str(k): _summary(v) for k, v in (kwargs or {}).items()}])
        return func(*args, **(kwargs or {}))


def _summary(value: Any, depth: int = 0) -> Any:
    """A tensor as ``{"t": [dtype, shape, device]}``; lists/tuples of them likewise; plain
    scalars as they are; anything else as None."""
    if isinstance(value, torch.Tensor):
        return {"t": [str(value.dtype).removeprefix("torch."), list(value.shape),
                      str(value.device)]}
    if isinstance(value, (list, tuple)) and depth < 2 and len(value) <= 64:
        return {"l": [_summary(v, depth + 1) for v in value]}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return None


@contextlib.contextmanager
def counting(wanted: bool) -> Iterator[_Counter | None]:
    if not wanted:
        yield None
        return
    counter = _Counter()
    with counter:
        yield counter


_NOT_WATCHED = ("tutor.testing.rules", "tutor.isolation.rules", "torch.utils._device")


def open_modes() -> tuple[list[Any], str | None]:
    """The check's own TorchFunctionModes open now (not the forbidden-call one), and the
    device of an open ``with torch.device(...)`` block, which the learner must see: one walk
    of torch's mode stack, none when it is empty (most requests)."""
    if not torch._C._len_torch_function_stack():
        return [], None
    from torch.overrides import _get_current_function_mode_stack

    stack = _get_current_function_mode_stack()
    devices = [m for m in stack if type(m).__name__ == "DeviceContext" and hasattr(m, "device")]
    return ([m for m in stack if type(m).__module__ not in _NOT_WATCHED],
            str(devices[-1].device) if devices else None)


@contextlib.contextmanager
def on_device(device: Any) -> Iterator[None]:
    if not isinstance(device, str):
        yield
        return
    with torch.device(device):
        yield


def global_modes() -> list[bool]:
    """torch's process-wide switches a check may set around a call: deterministic algorithms
    (and warn-only), anomaly detection, inference mode."""
    return [torch.are_deterministic_algorithms_enabled(),
            torch.is_deterministic_algorithms_warn_only_enabled(),
            torch.is_anomaly_enabled(), torch.is_inference_mode_enabled()]


@contextlib.contextmanager
def same_modes(wanted: Any) -> Iterator[None]:
    """The check's :func:`global_modes` hold for the learner's code too."""
    if not (isinstance(wanted, list) and len(wanted) == 4
            and all(isinstance(flag, bool) for flag in wanted)) or wanted == global_modes():
        yield
        return
    deterministic, warn_only, anomaly, inference = wanted
    before = global_modes()
    with contextlib.ExitStack() as stack:
        if [deterministic, warn_only] != before[:2]:
            torch.use_deterministic_algorithms(deterministic, warn_only=warn_only)
            stack.callback(torch.use_deterministic_algorithms, before[0], warn_only=before[1])
        if anomaly != before[2]:
            stack.enter_context(torch.autograd.set_detect_anomaly(anomaly))
        if inference != before[3]:
            stack.enter_context(torch.inference_mode(inference))
        yield


@contextlib.contextmanager
def default_dtype(name: Any) -> Iterator[None]:
    """The check's ``torch.set_default_dtype`` holds for the learner's code too."""
    from tutor.isolation.tensors import DTYPES

    wanted = DTYPES.get(name) if isinstance(name, str) else None
    before = torch.get_default_dtype()
    if wanted is None or wanted == before or not wanted.is_floating_point:
        yield
        return
    torch.set_default_dtype(wanted)
    try:
        yield
    finally:
        torch.set_default_dtype(before)


def _nothing(*args: Any, **kwargs: Any) -> None:
    return None


_stand_ins: dict[str, Any] = {}


def _stand_in(name: str) -> Any:
    """A function that does nothing, named like the torch call it stands for."""
    if name not in _stand_ins:
        def call(*args: Any, **kwargs: Any) -> None:
            return None
        call.__name__ = call.__qualname__ = name or "_nothing"
        _stand_ins[name] = call
    return _stand_ins[name]


def _placeholder(summary: Any) -> Any:
    """A tensor of the described dtype, shape and device holding no data (stride 0)."""
    if isinstance(summary, dict) and isinstance(summary.get("t"), list):
        dtype_name, shape, device = summary["t"]
        from tutor.isolation.tensors import DTYPES, _empty_strided

        dtype = DTYPES.get(str(dtype_name))
        if dtype is None or not all(isinstance(n, int) and n >= 0 for n in shape):
            return None
        try:
            return _empty_strided(shape, [0] * len(shape), dtype=dtype, device=str(device))
        except (RuntimeError, TypeError, ValueError):
            return None
    if isinstance(summary, dict) and isinstance(summary.get("l"), list):
        return [_placeholder(v) for v in summary["l"]]
    return summary if summary is None or isinstance(summary, (bool, int, float, str)) \
        else None


def replay_calls(modes: list[Any], count: int, trace: Any = None) -> None:
    """Let each watching mode see the calls the learner's code made over there: each
    traced call with stand-in tensors (same dtype, shape, device), the rest as a count.

    A mode that refuses a call (a same-device guard) raises here, before the learner's own
    result or error is used: in one process it would have stopped the code at that call.
    """
    calls = trace if isinstance(trace, list) else []
    for entry in calls[:count]:
        if not (isinstance(entry, list) and len(entry) == 3):
            continue
        name, args, kwargs = entry
        with torch._C.DisableTorchFunction():
            stand_args = tuple(_placeholder(a) for a in args or [])
            stand_kwargs = {str(k): _placeholder(v) for k, v in (kwargs or {}).items()}
            func = _stand_in(str(name))
            for mode in modes:
                mode.__torch_function__(func, (), stand_args, stand_kwargs)
    for mode in modes:
        for _ in range(max(0, count - len(calls))):
            mode.__torch_function__(_nothing, (), (), {})


WATCHED = ("torch", "torch.autograd", "torch.nn.functional", "torch.nn.init", "torch.cuda",
           "torch.backends.mps", "torch.linalg", "time")
"""Modules whose functions a check may replace by hand (a spy on torch.autograd.backward)."""


class PatchWatch:
    """Notices a check replacing a torch (or time) function, so the learner sees it too.

    Asked before every request. Scanning the watched modules' namespaces (~3,000 names)
    each time cost ~0.12 ms a request, so once :meth:`listen` has run, a module's class
    is swapped for one whose setattr/delattr names the attribute (``monkeypatch.setattr``,
    ``mock.patch``, ``forbidden`` and imports all go through them), and only the names
    set or deleted since are looked at again. ``torch.Tensor``, a class, is scanned in
    full every time (~9 µs).
    """

    def __init__(self) -> None:
        import importlib

        self.owners: list[tuple[Any, list[str], dict[str, Any]]] = []
        for name in WATCHED:
            module = importlib.import_module(name)
            self.owners.append((module, [name, ""], dict(vars(module))))
        self.owners.append((torch.Tensor, ["torch", "Tensor"], dict(vars(torch.Tensor))))
        self.flat = [(list(before), list(before.values())) for _, _, before in self.owners]
        self.listening = False
        self.touched: list[set[str] | None] = [None] * len(self.owners)
        """Per module: the names set or deleted since its last look (None: look at all)."""
        self.index = {id(owner): i for i, (owner, _, _) in enumerate(self.owners)}
        self.found: list[dict[str, list[Any]]] = [{} for _ in self.owners]
        """Per owner: the replaced attributes found (a patch stays until it is undone)."""

    def listen(self) -> None:
        """Note every attribute set or deleted on a watched module (in the checks' process
        only: the learner's modules stay as they are)."""
        for owner, _, _ in self.owners:
            if isinstance(owner, types.ModuleType):
                owner.__class__ = _touch_class(type(owner))
        if not self.listening:
            _listening.append(self)
        self.listening = True

    def touch(self, module: Any, name: str) -> None:
        index = self.index.get(id(module))
        if index is not None and self.touched[index] is not None:
            self.touched[index].add(name)  # type: ignore[union-attr]

    def changed(self, ruled: set[str]) -> list[list[Any]]:
        """``[module, qualname, attribute, value]`` per replaced attribute (rules aside)."""
        found = []
        for index, (owner, _, _) in enumerate(self.owners):
            names = self.touched[index]
            if names is None or not isinstance(owner, types.ModuleType):
                self.found[index] = {entry[2]: entry for entry in self._scan(index)}
                if self.listening and isinstance(owner, types.ModuleType):
                    self.touched[index] = set()
            elif names:
                self.touched[index] = set()
                self._look_again(index, names)
            found += [entry for entry in self.found[index].values()
                      if ".".join(filter(None, entry[:3])) not in ruled]
        return found

    def _look_again(self, index: int, names: set[str]) -> None:
        owner, (module, qualname), before = self.owners[index]
        now, found = vars(owner), self.found[index]
        for attr in names:
            value = now.get(attr, _MISSING)
            if value is _MISSING or value is before.get(attr, _MISSING) \
                    or attr.startswith("__"):
                found.pop(attr, None)  # undone (deletions are not patches)
            elif attr not in before and isinstance(value, types.ModuleType):
                self._take_in(index, {attr: value})  # a submodule imported since
                found.pop(attr, None)
            else:
                found[attr] = [module, qualname, attr, value]

    def _take_in(self, index: int, entries: dict[str, Any]) -> None:
        """Part of the library, not a check's patch: the snapshot takes it in."""
        before = self.owners[index][2]
        before.update(entries)
        keys, values = self.flat[index]
        keys[:], values[:] = list(before), list(before.values())

    def _scan(self, index: int) -> list[list[Any]]:
        owner, (module, qualname), before = self.owners[index]
        keys, values = self.flat[index]
        now = vars(owner)
        # Identity scans in C (~0.1 ms, not 2 ms), attribute by attribute only where the
        # dict itself changed shape.
        if len(now) == len(keys) and all(map(operator.is_, now, keys)):
            suspects = list(itertools.compress(now, map(operator.is_not, now.values(),
                                                         values)))
        else:
            suspects = list(now)
            library = {a: now[a] for a in now.keys() - before.keys()
                       if isinstance(now[a], types.ModuleType) or _inherited(owner, a, now[a])}
            # A submodule imported since (torch.fx on first use), or a class's inherited
            # method written back into its own dict by a patch's undo: not a patch.
            if library:
                self._take_in(index, library)
        return [[module, qualname, attr, now[attr]] for attr in suspects
                if before.get(attr, _MISSING) is not now[attr] and not attr.startswith("__")]


def _inherited(owner: Any, attr: str, value: Any) -> bool:
    """``value`` is what ``owner`` (a class) would have from a base class anyway."""
    if not isinstance(owner, type):
        return False
    for base in owner.__mro__[1:]:
        if attr in vars(base):
            return vars(base)[attr] is value
    return False


_touch_classes: dict[type, type] = {}
_listening: list[PatchWatch] = []


def _touch_class(base: type[types.ModuleType]) -> type:
    """``base`` (a module type) with a setattr/delattr that marks the module touched."""
    if base not in _touch_classes and not hasattr(base, "_tutor_touch"):
        def mark(module: Any, name: str) -> None:
            for watch in _listening:
                watch.touch(module, name)

        def setattr_(module: Any, name: str, value: Any) -> None:
            base.__setattr__(module, name, value)
            mark(module, name)

        def delattr_(module: Any, name: str) -> None:
            base.__delattr__(module, name)
            mark(module, name)

        _touch_classes[base] = type(base.__name__, (base,), {
            "__setattr__": setattr_, "__delattr__": delattr_, "_tutor_touch": True,
            "__module__": base.__module__})
    return _touch_classes.get(base, base)


_watch: PatchWatch | None = None


def patch_watch() -> PatchWatch:
    """The snapshot of the watched modules, taken once (the warm worker takes it before it
    forks: no check has patched anything there, and a grading run then starts at once)."""
    global _watch
    if _watch is None:
        _watch = PatchWatch()
    return _watch
