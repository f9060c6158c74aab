"""Values as JSON nodes plus raw buffers; objects that are not data as handles.

Data crosses by value: None, bool, int, float, str, bytes, complex, lists,
tuples, dicts, sets, torch.Size/dtype/device, slices, tensors, NumPy arrays,
generators (their state). Anything else (functions, classes, modules, optimisers,
iterators) stays where it is and crosses as a handle the other side calls
through. Decoding builds only those types; no class named by the other side
is ever instantiated, no pickle is read.
"""

from __future__ import annotations

import base64
import collections
import inspect
import pathlib
import sys
import types
from typing import TYPE_CHECKING, Any

import numpy as np
import torch

from tutor.isolation.autograd import graph_inputs, remote_inplace, remote_output
from tutor.isolation.proxy import Remote, RemoteCallable
from tutor.isolation.rules import machinery
from tutor.isolation.shared import Change, apply_update, set_version, version_of
from tutor.isolation.tensors import (
    DTYPES,
    TensorCodecError,
    _from_numpy,
    decode_array,
    decode_tensor,
    encode_array,
    encode_tensor,
    view_of,
)

if TYPE_CHECKING:
    from tutor.isolation.endpoint import Endpoint

MAX_DEPTH = 60
PLAIN = (type(None), bool, int, float, str)
DICT_VIEWS: dict[type, str] = {type({}.keys()): "DK", type({}.values()): "DVA",
                               type({}.items()): "DI"}
CONTAINER_TAGS: dict[type, str] = {list: "L", tuple: "U", set: "S", frozenset: "F"}
IDENTITY_KINDS = (str, list, tuple, set, frozenset, dict, collections.OrderedDict)
SEND_ALONG_ELEMENTS = 1_000_000
RETURN_TYPES = {name for name in dir(torch.return_types) if not name.startswith("_")}
READ_AHEAD: tuple[type, ...] = (type(iter([])), type(iter(())), type(iter({})),
                                type(iter({}.values())), type(iter({}.items())))
"""Iterators over a built-in container (``iter(nn.Sequential)`` is one over its modules):
sent as their items."""
TORCH_FOLDER = str(pathlib.Path(torch.__file__).parent) + "/"


def _library_generator(value: types.GeneratorType) -> bool:  # type: ignore[type-arg]
    """A generator of torch's own (``net.parameters()``, ``net.named_modules()``): finite,
    and running it runs no code of the learner's or the checks'. Sent as its items."""
    return str(value.gi_code.co_filename).startswith(TORCH_FOLDER)


LIBRARY_TYPES = (types.FunctionType, types.BuiltinFunctionType, types.ModuleType, type)
CALLABLE_MODULES = ("torch.cuda", "torch.mps", "torch.backends.mps", "torch.backends.cuda",
                    "torch.nn.init", "math", "time")
"""Modules whose public functions may be called with any arguments without harm: device
queries and synchronisation, tensor initialisers, arithmetic, clocks."""
_overridable: set[int] = set()


def _library_module(name: Any) -> bool:
    """torch, NumPy or the standard library: code both processes have (never the pack's,
    the checks' or the learner's)."""
    if not isinstance(name, str) or not name:
        return False
    top = name.split(".")[0]
    return top in ("torch", "numpy") or top.lstrip("_") in sys.stdlib_module_names


def overridable_ids() -> set[int]:
    """ids of torch's tensor functions (built once, ~18 ms: the warm worker does it before
    it forks, see :func:`tutor.isolation.learner.preload`)."""
    if not _overridable:
        for functions in torch.overrides.get_overridable_functions().values():
            _overridable.update(id(f) for f in functions)
    return _overridable


def _harmless(value: Any) -> bool:
    """A library object the checks' process may take in place of the learner's, by name.

    The learner names it; the checks then call it with arguments the learner may shape
    (a value it returned), so only what cannot run code or touch files qualifies: torch,
    NumPy, math and time modules, torch's tensor functions, the
    functions of :data:`CALLABLE_MODULES`, and torch's module, optimiser, tensor and
    dataset classes. Never ``exec``, ``pickle.loads``, ``os.system`` or ``torch.load``.
    """
    if isinstance(value, types.ModuleType):
        return str(getattr(value, "__name__", "")).split(".")[0] in ("torch", "numpy", "math",
                                                                      "time")
    if isinstance(value, type):
        return issubclass(value, (torch.nn.Module, torch.optim.Optimizer, torch.Tensor,
                                  torch.utils.data.Dataset))
    if id(value) in overridable_ids():
        return True
    name = str(getattr(value, "__qualname__", ""))
    return getattr(value, "__module__", None) in CALLABLE_MODULES and "." not in name \
        and not name.startswith("_")


def library_name(value: Any) -> list[str] | None:
    """``[module, qualname]`` of a harmless library function, class or module reachable
    there by that name (the learner's ``from torch.cuda import synchronize``), else None."""
    if not isinstance(value, LIBRARY_TYPES) or not _harmless(value):
        return None
    if isinstance(value, types.ModuleType):
        name = str(getattr(value, "__name__", ""))
        return [name, ""] if _library_module(name) and sys.modules.get(name) is value \
            else None
    module, qualname = getattr(value, "__module__", None), getattr(value, "__qualname__", None)
    if not _library_module(module) or not isinstance(qualname, str) or "<" in qualname:
        return None
    return [str(module), qualname] if _lookup(str(module), qualname) is value else None


def resolve_library(name: Any) -> Any:
    """This process's own object for a :func:`library_name` (imported modules only), if it
    is harmless here too: the other side's word is never taken for that."""
    if not (isinstance(name, list) and len(name) == 2 and _library_module(name[0])
            and isinstance(name[1], str) and "<" not in name[1]):
        return None
    found = _lookup(name[0], name[1]) if name[1] else sys.modules.get(name[0])
    return found if isinstance(found, LIBRARY_TYPES) and _harmless(found) else None


def _lookup(module: str, qualname: str) -> Any:
    value: Any = sys.modules.get(module)
    for part in qualname.split("."):
        if value is None or part.startswith("__"):
            return None
        value = inspect.getattr_static(value, part, None)
        if isinstance(value, (staticmethod, classmethod)):
            value = value.__func__
    return value


class CodecError(ValueError):
    """A node that does not describe a value."""


class Codec:
    """The handle tables of one endpoint (objects we lent, proxies for what we borrowed)."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self.objects: dict[int, Any] = {}
        self.object_ids: dict[int, int] = {}
        self.proxies: dict[int, Remote] = {}
        self.generators: dict[int, tuple[torch.Generator, torch.Tensor]] = {}
        """The other side's generator handle → our copy and its state when last in sync."""
        self._next = 1

    def new_message(self) -> Message:
        return Message(self, [])

    def read_message(self, buffers: list[bytearray]) -> Message:
        return Message(self, buffers)

    def export(self, value: Any) -> int:
        hid = self.object_ids.get(id(value))
        if hid is None or self.objects.get(hid) is not value:
            hid = self._next
            self._next += 1
            self.objects[hid] = value
            self.object_ids[id(value)] = hid
        return hid

    def local_object(self, hid: Any) -> Any:
        if not isinstance(hid, int) or hid not in self.objects:
            raise CodecError(f"no object {hid!r} here")
        return self.objects[hid]

    def proxy(self, hid: int, info: dict[str, Any]) -> Remote:
        found = self.proxies.get(hid)
        if found is None:
            found = self.proxies[hid] = _proxy_class(info)(self.endpoint, hid, info)
        return found

    def clear(self) -> None:
        self.objects.clear()
        self.object_ids.clear()
        self.proxies.clear()
        self.generators.clear()


def _snapshot(value: Any) -> tuple[Any, ...]:
    if isinstance(value, dict):
        return tuple((id(k), id(v)) for k, v in value.items())
    return tuple(id(v) for v in value)


_proxy_classes: dict[tuple[str, bool], type] = {}


def _proxy_class(info: dict[str, Any]) -> type:
    """A proxy class named like the remote object's class, so ``type(x).__name__`` reads
    ``Conv2d`` as in-process (only the name is taken from the other side)."""
    mro = info.get("mro") or [["", "object"]]
    name = str(mro[0][1]).rsplit(".", 1)[-1]
    callable_ = bool(info.get("callable"))
    if not name.isidentifier():
        name = "Remote"
    key = (name, callable_)
    if key not in _proxy_classes:
        base = RemoteCallable if callable_ else Remote
        _proxy_classes[key] = type(name, (base,), {"__slots__": ()})
    return _proxy_classes[key]


def _describe_object(value: Any) -> dict[str, Any]:
    cls = type(value)
    info: dict[str, Any] = {"callable": callable(value),
                            "mro": [[c.__module__, c.__qualname__] for c in cls.__mro__]}
    for name in ("__name__", "__qualname__", "__module__"):
        text = getattr(value, name, None) if isinstance(value, (type, types.FunctionType,
                                                                 types.MethodType,
                                                                 types.BuiltinFunctionType)) \
            else None
        if isinstance(text, str):
            info[name] = text
    return info


class Message:
    """Encoding or decoding one message: its buffers and the storages already in it."""

    def __init__(self, codec: Codec, buffers: list[Any]) -> None:
        self.codec = codec
        self.shared = codec.endpoint.shared
        self.buffers = buffers
        self.storages: dict[tuple[str, int], int] = {}
        self.bases: dict[tuple[int, str], torch.Tensor] = {}
        self.objects: list[Any] = []
        """Strings and containers in this message, in order: a reply that returns one of a
        request's arguments names it by index, so ``result is argument`` holds."""
        self.arg_ids: dict[int, int] = {}
        self.request: Message | None = None
        self.mutables: list[tuple[int, Any, tuple[Any, ...]]] = []
        """Lists and dicts received as arguments, with a shallow snapshot: the learner's
        in-place changes (a ``state`` dict it fills) are sent back with the reply."""

    def changed_containers(self) -> list[list[Any]]:
        found = []
        for index, value, before in self.mutables:
            if _snapshot(value) != before:
                found.append([index, list(value) if isinstance(value, list) else dict(value)])
        return found

    def apply_containers(self, records: Any) -> None:
        if self.request is None:
            return
        for index, value in self.decode(records) or []:
            original = self.request.objects[int(index)]
            if isinstance(original, list) and isinstance(value, list):
                original[:] = value
            elif isinstance(original, dict) and isinstance(value, dict):
                original.clear()
                original.update(value)

    def answering(self, request: Message) -> Message:
        self.arg_ids = {id(o): i for i, o in enumerate(request.objects)}
        return self

    # encoding ------------------------------------------------------------

    def encode(self, value: Any, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise CodecError("value nested too deeply to send")
        kind = type(value)
        if self.arg_ids and id(value) in self.arg_ids and kind in IDENTITY_KINDS:
            return {"ARG": self.arg_ids[id(value)]}
        if kind in PLAIN:
            if kind is str:
                self.objects.append(value)
            return value
        if isinstance(value, torch.Tensor) and value.layout == torch.strided \
                and not value.is_quantized:
            return self._encode_tensor(value)
        if isinstance(value, Remote) and object.__getattribute__(value, "_ep") \
                is self.codec.endpoint:
            return {"OWN": object.__getattribute__(value, "_hid")}
        down = depth + 1
        if kind in (list, tuple, set, frozenset):
            tag = CONTAINER_TAGS[kind]
            node = {tag: [self.encode(v, down) for v in value]}
            self.objects.append(value)
            return node
        if kind in (dict, collections.OrderedDict, collections.defaultdict):
            tag = "OD" if kind is collections.OrderedDict else "D"
            node = {tag: [[self.encode(k, down), self.encode(v, down)]
                          for k, v in value.items()]}
            self.objects.append(value)
            return node
        if kind in DICT_VIEWS:
            return {DICT_VIEWS[kind]: [self.encode(v, down) for v in value]}
        if kind is torch.Size:
            return {"SZ": list(value)}
        if kind is torch.dtype:
            return {"DT": str(value).removeprefix("torch.")}
        if kind is torch.device:
            return {"DV": str(value)}
        if kind is slice:
            return {"SL": [self.encode(v, down) for v in (value.start, value.stop, value.step)]}
        if value is Ellipsis:
            return {"EL": 1}
        if isinstance(value, pathlib.PurePath):
            return {"PA": str(value)}
        if kind is bytes:
            return {"BY": base64.b64encode(value).decode()}
        if kind is complex:
            return {"CX": [value.real, value.imag]}
        if type(value).__module__ == "torch.return_types" and kind.__name__ in RETURN_TYPES:
            return {"RT": kind.__name__, "v": [self.encode(v, down) for v in value]}
        if kind is np.ndarray:
            return self._encode_array(value)
        if isinstance(value, np.generic) and value.dtype.kind in "biuf":
            return {"NS": [value.dtype.str, value.item()]}
        if kind is torch.Generator:
            hid = self.codec.export(value)
            return {"GEN": hid, "dev": str(value.device),
                    "state": self.encode_plain(value.get_state())}
        if kind in READ_AHEAD or kind is types.GeneratorType and _library_generator(value):
            # Read ahead: the items cross now, and the receiver iterates its own list
            # (one message, not one per item: a check's `for p in net.parameters()`).
            return {"IT": [self.encode(v, down) for v in value]}
        handle: dict[str, Any] = {"H": self.codec.export(value), "info": _describe_object(value)}
        name = library_name(value)
        if name is not None:
            handle["lib"] = name  # the receiver uses its own copy of that library object
        return handle

    def _encode_array(self, array: np.ndarray) -> Any:
        try:
            tensor = _from_numpy(array)
        except (TypeError, ValueError, RuntimeError):
            return {"H": self.codec.export(array), "info": _describe_object(array)}
        view = self._view_node(tensor, as_array=True)
        if view is not None:
            return view
        meta = encode_array(array, self.storages, self.buffers)
        if meta is None:
            return {"H": self.codec.export(array), "info": _describe_object(array)}
        return {"NP": meta, "ref": self.shared.ref_of_original(tensor)}

    def _view_node(self, tensor: torch.Tensor, as_array: bool = False) -> dict[str, Any] | None:
        """A result that views a copy of the receiver's tensor, as a view of its original."""
        if tensor.device.type != "cpu" or tensor.requires_grad or not tensor.numel():
            return None
        hit = self.shared.storage_containing(tensor.data_ptr())
        if hit is None:
            return None
        ref, base = hit
        return {"VIEW": ref, "dtype": str(tensor.dtype).removeprefix("torch."),
                "shape": list(tensor.shape), "stride": list(tensor.stride()),
                "boff": tensor.data_ptr() - base, "np": as_array}

    def encode_plain(self, tensor: torch.Tensor) -> dict[str, Any]:
        return {"T": encode_tensor(tensor.detach(), self.storages, self.buffers)}

    def _encode_tensor(self, tensor: torch.Tensor) -> dict[str, Any]:
        shared = self.shared
        own = shared.copy_ref(tensor)
        if own is not None:
            return {"OWN_T": own}
        view = self._view_node(tensor)
        if view is not None:
            return view
        ref = shared.ref_of_original(tensor)
        if shared.sent[ref].stamp[0] >= 0:
            if shared.sent[ref].data_changed():
                again = {"AGAIN": ref, "data": self.encode_plain(tensor)}
                shared.mark(tensor, "sent", ref)
                return again
            return {"AGAIN": ref}
        node: dict[str, Any] = {"T": encode_tensor(tensor.detach(), self.storages, self.buffers),
                                "ref": ref, "v": version_of(tensor)}
        shared.mark(tensor, "sent", ref)
        if tensor.requires_grad:
            node["rg"] = True
            node["leaf"] = tensor.is_leaf
            node["param"] = isinstance(tensor, torch.nn.Parameter)
            if not tensor.is_leaf:
                node["fn"] = type(tensor.grad_fn).__name__
                node["deps"], node["send"] = self._shared_leaves(tensor)
        if tensor.is_leaf and tensor.grad is not None:
            # A shared tensor of its own: an alias of it (a momentum buffer that is p.grad)
            # or an in-place write to it (p.grad.zero_()) reaches the other side as such.
            node["grad"] = self._encode_tensor(tensor.grad)
        return node

    def _shared_leaves(self, tensor: torch.Tensor) -> tuple[list[list[Any]], list[Any]]:
        """Where ``tensor``'s graph meets tensors the receiver holds: ["o", its ref] for our
        copies of its tensors, ["y", our ref] for ours it has copies of. The walk stops at
        such a tensor (a non-leaf one too: the output of a layer the learner called, which
        its own graph goes through), so no gradient is counted twice. Small leaves it
        lacks (a net's parameters it will ask for later) travel along, so
        ``autograd.grad(out, params)`` works there."""
        shared = self.shared
        cut: dict[tuple[int, int], tuple[str, int, torch.Tensor]] = {}
        for kind, table in (("y", shared.sent), ("o", shared.copies)):
            for ref, entry in table.items():
                held = entry.tensor
                # Ours: only where the receiver gave its copy back to compute with (a layer
                # it calls on an earlier layer's output); a tensor it was only shown (a
                # hook's argument) stays inside our graph, which then runs as one pass.
                if held.grad_fn is not None and held is not tensor and \
                        (kind == "o" or ref in shared.returned):
                    cut[(id(held.grad_fn), held.output_nr)] = (kind, ref, held)
        leaves, met = graph_inputs(tensor, cut)
        specs: list[list[Any]] = [[kind, ref] for kind, ref, _ in met]
        sent: list[Any] = []
        budget = SEND_ALONG_ELEMENTS
        for leaf in leaves:
            if shared.copy_ref(leaf) is None and id(leaf) not in shared.sent_ids \
                    and leaf.numel() <= budget:
                budget -= leaf.numel()
                sent.append(self._encode_tensor(leaf))
        for leaf in leaves:
            own = shared.copy_ref(leaf)
            if own is not None:
                specs.append(["o", own])
            elif id(leaf) in shared.sent_ids and \
                    shared.sent[shared.sent_ids[id(leaf)]].tensor is leaf:
                specs.append(["y", shared.sent_ids[id(leaf)]])
        return specs, sent

    def update(self, change: Change) -> dict[str, Any]:
        """A sync record: our ``table`` entry ``ref`` changed (data, grad, graph)."""
        tensor = change.tensor
        record: dict[str, Any] = {"to": "copies" if change.table == "sent" else "sent",
                                  "ref": change.ref, "v": version_of(tensor)}
        if change.data or change.graph:
            record["data"] = self.encode_plain(tensor)
            record["new"] = change.replaced
        if change.graph:
            deps, send = self._shared_leaves(tensor)
            record["graph"] = {"fn": type(tensor.grad_fn).__name__, "deps": deps,
                               "send": send}
        if change.grad:
            record["grad"] = self._encode_tensor(tensor.grad) \
                if tensor.is_leaf and tensor.grad is not None else None
            record["rg"] = tensor.requires_grad
        return record

    # decoding ------------------------------------------------------------

    def decode_plain(self, node: Any) -> Any:
        if not isinstance(node, dict) or "T" not in node:
            return None
        return decode_tensor(node["T"], self.bases, self.buffers)

    def apply_update(self, record: Any) -> None:
        """Apply the other side's sync record (decoded apart from the values: the order of
        the containers a reply names by index stays the sender's)."""
        objects, mutables = self.objects, self.mutables
        self.objects, self.mutables = [], []
        try:
            self._apply_update(record)
        finally:
            self.objects, self.mutables = objects, mutables

    def _apply_update(self, record: Any) -> None:
        shared = self.shared
        if not isinstance(record, dict):
            raise CodecError("bad sync record")
        table = shared.copies if record.get("to") == "copies" else shared.sent
        ref = record.get("ref")
        entry = table.get(ref)  # type: ignore[arg-type]
        if entry is None:
            return
        tensor = entry.tensor
        data = self.decode_plain(record["data"]) if "data" in record else None
        graph = record.get("graph")
        if isinstance(graph, dict):
            for leaf in graph.get("send") or []:
                self._decode_tensor(leaf)
            deps = [(spec, self.resolve_leaf(spec, mine=False))
                    for spec in graph.get("deps") or []]
            if data is None:
                raise CodecError("graph record without data")
            # The real graph hangs on the other side's entry: its copy of our tensor, or
            # the original of our copy.
            there = ["copies" if table is shared.sent else "sent", int(ref)]  # type: ignore[arg-type]
            remote_inplace(tensor, data, self.codec.endpoint, there,
                           str(graph.get("fn", "")), [(s, t) for s, t in deps if t is not None])
        else:
            apply_update(tensor, data, bool(record.get("new")))
        if "grad" in record and tensor.is_leaf:
            grad = self.decode(record["grad"]) if record["grad"] is not None else None
            if grad is not tensor.grad:
                tensor.grad = grad
        wanted = record.get("rg")
        if isinstance(wanted, bool) and tensor.is_leaf and tensor.requires_grad != wanted:
            tensor.requires_grad_(wanted)  # the learner flipped its argument's flag
        set_version(tensor, record.get("v"))  # type: ignore[arg-type]
        shared.mark(tensor, "copies" if table is shared.copies else "sent", int(ref))  # type: ignore[arg-type]

    def decode(self, node: Any, depth: int = 0) -> Any:
        if node is None or type(node) in (bool, int, float):  # most nodes: no tensors to make
            return node
        try:
            with machinery():
                if torch.is_inference_mode_enabled():  # copies are ordinary tensors
                    with torch.inference_mode(False):
                        return self._decode(node, depth)
                return self._decode(node, depth)
        except (TensorCodecError, KeyError, TypeError, IndexError, RuntimeError) as error:
            raise CodecError(f"bad value from the other process: {error}") from None

    def _decode(self, node: Any, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise CodecError("value nested too deeply")
        if type(node) in PLAIN:
            if type(node) is str:
                self.objects.append(node)
            return node
        if type(node) is not dict or not node:
            raise CodecError(f"bad node {type(node).__name__}")
        down = depth + 1
        tag = next(iter(node))
        body = node[tag]
        if tag == "T":
            return self._decode_tensor(node)
        if tag == "OWN_T":
            self.shared.returned.add(int(body))
            return self.shared.sent[body].tensor
        if tag == "AGAIN":
            copy = self.shared.copies[body].tensor
            if "data" in node:  # written behind autograd's back there: the same here
                data = self.decode_plain(node["data"])
                if data is not None and data.shape == copy.shape and data.dtype == copy.dtype:
                    copy.data.copy_(data)
                else:
                    raise CodecError("resent tensor changed shape")
                self.shared.mark(copy, "copies", int(body))
            return copy
        if tag in ("L", "U", "S", "F"):
            items = [self._decode(v, down) for v in body]
            made: Any = {"L": list, "U": tuple, "S": set, "F": frozenset}[tag](items)
            if tag == "L":
                self.mutables.append((len(self.objects), made, _snapshot(made)))
            self.objects.append(made)
            return made
        if tag in ("D", "OD"):
            pairs = [(self._decode(k, down), self._decode(v, down)) for k, v in body]
            made = collections.OrderedDict(pairs) if tag == "OD" else dict(pairs)
            self.mutables.append((len(self.objects), made, _snapshot(made)))
            self.objects.append(made)
            return made
        if tag == "ARG" and self.request is not None:
            return self.request.objects[int(body)]
        if tag == "DK":
            return dict.fromkeys(self._decode(v, down) for v in body).keys()
        if tag == "DVA":
            return dict(enumerate(self._decode(v, down) for v in body)).values()
        if tag == "DI":
            return dict(self._decode(v, down) for v in body).items()
        if tag == "SZ":
            return torch.Size([int(v) for v in body])
        if tag == "DT":
            return DTYPES[body]
        if tag == "DV":
            return torch.device(str(body))
        if tag == "SL":
            return slice(*[self._decode(v, down) for v in body])
        if tag == "EL":
            return Ellipsis
        if tag == "PA":
            return pathlib.Path(str(body))
        if tag == "BY":
            return base64.b64decode(str(body))
        if tag == "CX":
            return complex(float(body[0]), float(body[1]))
        if tag == "RT" and body in RETURN_TYPES:
            return getattr(torch.return_types, body)([self._decode(v, down) for v in node["v"]])
        if tag == "NP":
            array = decode_array(body, self.bases, self.buffers)
            self.shared.add_copy(int(node["ref"]), _from_numpy(array), keep=True)
            return array
        if tag == "VIEW":
            original = self.shared.sent[int(body)].tensor
            view = view_of(original, node)
            if node.get("np"):
                return view.numpy()
            same = (view.dtype == original.dtype and view.shape == original.shape
                    and view.stride() == original.stride()
                    and view.storage_offset() == original.storage_offset())
            return original if same else view
        if tag == "NS" and np.dtype(str(body[0])).kind in "biuf":
            return np.dtype(str(body[0])).type(body[1])
        if tag == "GEN":
            return self._decode_generator(node)
        if tag == "IT" and type(body) is list:
            return iter([self._decode(v, down) for v in body])
        if tag == "OWN":
            return self.codec.local_object(body)
        if tag == "H" and isinstance(node.get("lib"), list):
            found = resolve_library(node["lib"])
            if found is not None:
                return found
        if tag == "H" and isinstance(body, int) and isinstance(node.get("info"), dict):
            return self.codec.proxy(body, node["info"])
        raise CodecError(f"bad node tag {tag!r}")

    def _decode_tensor(self, node: dict[str, Any]) -> torch.Tensor:
        value = decode_tensor(node["T"], self.bases, self.buffers)
        ref = int(node["ref"])
        version = node.get("v")
        if isinstance(version, int) and version >= 0 and not value.is_inference():
            # A new tensor, on no graph yet: its counter starts where the original's is
            # (building it with set_ counted one write that never happened there).
            torch._C._autograd._unsafe_set_version_counter((value,), (version,))
        if node.get("rg") and node.get("leaf"):
            value = torch.nn.Parameter(value) if node.get("param") else value.requires_grad_()
        if "grad" in node:
            value.grad = self._decode(node["grad"], 0)
        if node.get("rg") and not node.get("leaf"):
            for leaf in node.get("send") or []:
                self._decode_tensor(leaf)
            deps = [(spec, self.resolve_leaf(spec, mine=False)) for spec in node.get("deps", [])]
            value = remote_output(value, self.codec.endpoint, ["sent", ref],
                                  str(node.get("fn", "")),
                                  [(s, t) for s, t in deps if t is not None])
        self.shared.add_copy(ref, value)
        return value

    def resolve_leaf(self, spec: Any, mine: bool) -> torch.Tensor | None:
        """A shared leaf named by a sender's ``["o"|"y", ref]`` (``mine``: we were the sender)."""
        kind, ref = spec[0], int(spec[1])
        table = self.shared.copies if (kind == "o") == mine else self.shared.sent
        entry = table.get(ref)
        return entry.tensor if entry is not None else None

    def _decode_generator(self, node: dict[str, Any]) -> torch.Generator:
        hid = int(node["GEN"])
        found = self.codec.generators.get(hid)
        generator = found[0] if found else torch.Generator(str(node["dev"]))
        state = self.decode_plain(node["state"])
        generator.set_state(state)
        self.codec.generators[hid] = (generator, state.clone())
        return generator

    def generator_updates(self) -> list[list[Any]]:
        """[handle, state] for each generator copy that advanced here since the last sync."""
        found = []
        for hid, (generator, state) in self.codec.generators.items():
            now = generator.get_state()
            if not torch.equal(now, state):
                found.append([hid, self.encode_plain(now)])
                self.codec.generators[hid] = (generator, now.clone())
        return found

    def apply_generator(self, record: Any) -> None:
        generator = self.codec.local_object(record[0])
        if not isinstance(generator, torch.Generator):
            raise CodecError("sync names an object that is not a generator")
        generator.set_state(self.decode_plain(record[1]))
