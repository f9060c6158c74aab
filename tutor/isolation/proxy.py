"""Stand-ins for objects that live in the other process.

A :class:`Remote` forwards attribute reads, writes, calls and the container
protocol over its endpoint. ``isinstance(proxy, nn.Module)`` holds when the
remote object's class is a torch class (``__class__`` names it), so checks
written for in-process objects read the same; the object itself never crosses.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import torch

if TYPE_CHECKING:
    from tutor.isolation.endpoint import Endpoint

LOCAL_DUNDERS = ("__name__", "__qualname__", "__module__", "__doc__")


def torch_class(mro: list[list[str]]) -> type | None:
    """The first class of a remote object's MRO that is a torch class already imported here."""
    for module, qualname in mro:
        if not (module == "torch" or module.startswith("torch.")):
            continue
        value: Any = sys.modules.get(module)
        for part in qualname.split("."):
            if value is None or part.startswith("_") and part != "_Loss":
                value = None
                break
            value = getattr(value, part, None)
        if isinstance(value, type):
            return value
    return None


class Remote:
    __slots__ = ("_ep", "_hid", "_info", "__weakref__")

    def __init__(self, endpoint: Endpoint, hid: int, info: dict[str, Any]) -> None:
        object.__setattr__(self, "_ep", endpoint)
        object.__setattr__(self, "_hid", hid)
        object.__setattr__(self, "_info", info)

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # noqa: D105 - isinstance() reads it
        found = torch_class(self._info.get("mro", []))
        return found if found is not None else type(self)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            if name in LOCAL_DUNDERS and name in self._info:
                return self._info[name]
            raise AttributeError(name)
        return self._ep.get_attribute(self._hid, name)

    def __setattr__(self, name: str, value: Any) -> None:
        self._ep.request("setattr", self._hid, name=name, value=value)

    def __delattr__(self, name: str) -> None:
        self._ep.request("op", self._hid, name="delattr", args=(name,))

    def _op(self, name: str, *args: Any) -> Any:
        return self._ep.request("op", self._hid, name=name, args=args)

    def __len__(self) -> int:
        return int(self._op("len"))

    def __iter__(self) -> Any:
        return self._op("iter")

    def __next__(self) -> Any:
        return self._op("next")

    def __getitem__(self, key: Any) -> Any:
        return self._op("getitem", key)

    def __setitem__(self, key: Any, value: Any) -> None:
        self._op("setitem", key, value)

    def __contains__(self, item: Any) -> bool:
        return bool(self._op("contains", item))

    def __bool__(self) -> bool:
        return bool(self._op("bool"))

    def __repr__(self) -> str:
        return str(self._op("repr"))

    def __str__(self) -> str:
        return str(self._op("str"))

    def __enter__(self) -> Any:
        return self._op("enter")

    def __exit__(self, *exc: Any) -> Any:
        return self._op("exit", None, None, None)

    def __deepcopy__(self, memo: Any) -> Any:
        return self._op("deepcopy")

    def __copy__(self) -> Any:
        return self._op("copy")

    def __reduce_ex__(self, protocol: Any) -> Any:
        """Pickling (``torch.save(net)`` of a check's module): the learner process gets the
        object's pickle from its owner, rebuilds it locally and pickles that, so the file
        holds what it would hold in one process. The checks' process never unpickles: there
        a learner's object cannot be pickled."""
        if not self._ep.unpickles:
            import pickle

            raise pickle.PicklingError(f"cannot pickle {self._info.get('mro', [['', '?']])[0][1]}"
                                       ": it lives in the learner's process")
        return self._ep.local_copy(self._op("pickle", int(protocol))).__reduce_ex__(protocol)

    def __float__(self) -> float:
        return float(self._op("float"))

    def __int__(self) -> int:
        return int(self._op("int"))

    def __index__(self) -> int:
        return int(self._op("index"))


class RemoteCallable(Remote):
    __slots__ = ()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._ep.request("call", self._hid, args=args, kwargs=kwargs)


def call_method(target: Any, name: str, args: tuple[Any, ...]) -> Any:
    """What :meth:`Remote._op` asks for, done on the real object."""
    import builtins
    import copy
    import operator

    table: dict[str, Any] = {
        "len": len, "iter": iter, "next": next, "getitem": operator.getitem,
        "setitem": operator.setitem, "contains": operator.contains, "bool": bool,
        "repr": repr, "str": str, "float": float, "int": int, "index": operator.index,
        "delattr": builtins.delattr, "deepcopy": copy.deepcopy, "copy": copy.copy,
        "enter": lambda obj: obj.__enter__(), "exit": lambda obj, *a: obj.__exit__(*a),
        "pickle": _pickled,
    }
    if name not in table:
        raise AttributeError(f"no remote operation {name!r}")
    return table[name](target, *args)


def _pickled(target: Any, protocol: Any) -> bytes:
    """``target`` pickled by its owner (only ever unpickled in the learner's process)."""
    import pickle

    return pickle.dumps(target, protocol=int(protocol))


UNSTABLE = object()
"""What :func:`stable_attribute` returns for an attribute the other side may not keep."""
_CACHEABLE_VALUES = (type(None), bool, int, float, str)


def stable_attribute(target: Any, name: str) -> Any:
    """``getattr(target, name)`` where finding it runs no code of the object's own and the
    value cannot change without a write to ``target``: a submodule, tensor or number read from
    the instance's dict or an ``nn.Module``'s registries (``model.encoder``,
    ``layer.padding_idx``, ``layer.weight``); ``UNSTABLE`` for everything else (properties,
    methods, ``__getattr__``, containers). The other process may keep such a value until
    :class:`~tutor.isolation.endpoint.Endpoint` reports it stale.
    """
    cls = type(target)
    if cls.__getattribute__ is not object.__getattribute__:
        return UNSTABLE
    on_class = UNSTABLE
    for klass in cls.__mro__:
        if name in klass.__dict__:
            on_class = klass.__dict__[name]
            break
    if on_class is not UNSTABLE and hasattr(type(on_class), "__get__"):
        return UNSTABLE  # a descriptor: a property, a method, a slot
    own = getattr(target, "__dict__", None)
    if type(own) is not dict:
        return UNSTABLE
    if name in own:
        value = own[name]
    elif on_class is not UNSTABLE:
        value = on_class
    else:
        if not isinstance(target, torch.nn.Module) or \
                cls.__getattr__ is not torch.nn.Module.__getattr__:
            return UNSTABLE
        value = UNSTABLE
        for registry in ("_parameters", "_buffers", "_modules"):
            table = own.get(registry)
            if type(table) is dict and name in table:
                value = table[name]
                break
    return value if _cacheable(value) else UNSTABLE


def _cacheable(value: Any) -> bool:
    if type(value) in _CACHEABLE_VALUES:
        return True
    # A tensor is a shared tensor: the copy kept over there stays in sync as any does.
    return isinstance(value, (torch.nn.Module, torch.Tensor))
