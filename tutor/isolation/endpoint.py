"""One end of the learner channel: nested requests, object handles, shared tensors.

Both processes run the same Endpoint. A request (call, getattr, backward …)
blocks its sender, who meanwhile serves the requests the other side makes
(a learner function calling back a check's callable), so calls nest like
ordinary Python calls. Values cross as plain data and tensors (see
:mod:`tutor.isolation.codec`); everything else crosses as a handle and is used
through a :class:`~tutor.isolation.proxy.Remote`.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Callable
from typing import Any

import torch

from tutor.isolation import wire
from tutor.isolation.autograd import backward_here
from tutor.isolation.codec import Codec
from tutor.isolation.errors import (
    decode_error,
    encode_error,
    encode_warnings,
    recording_warnings,
    relay_warnings,
)
from tutor.isolation.proxy import UNSTABLE, call_method, stable_attribute
from tutor.isolation.rules import (
    counting,
    default_dtype,
    enforce,
    global_modes,
    lift_rules,
    machinery,
    on_device,
    open_modes,
    patched,
    replay_calls,
    rules_in_place,
    same_modes,
)
from tutor.isolation.shared import SharedTensors


def _as_is(header: dict[str, Any]) -> bool:
    """The request asks for no rule, patch, device, dtype, mode or call count that this
    process does not have already."""
    return (not header.get("rules") and header.get("patches") is None
            and header.get("device") is None and not header.get("count")
            and header.get("dtype") == _default_dtype_name()
            and header.get("modes") == global_modes())


_DTYPE_NAMES: dict[torch.dtype, str] = {}


def _default_dtype_name() -> str:
    dtype = torch.get_default_dtype()
    name = _DTYPE_NAMES.get(dtype)
    if name is None:
        name = _DTYPE_NAMES[dtype] = str(dtype).removeprefix("torch.")
    return name


class ProtocolViolation(RuntimeError):
    """The other process sent something that is not a valid message."""


class Endpoint:
    def __init__(self, sock: socket.socket, target: str = "") -> None:
        self.sock = sock
        self.reader = wire.Reader(sock)
        self.target = target
        self.shared = SharedTensors()
        self.codec = Codec(self)
        self.rules: Callable[[], list[Any]] = list
        """Trusted side: the forbidden-call rules active now, sent with each request."""
        self.patches: Callable[[], list[Any]] = list
        """Trusted side: the check's monkeypatches on modules and classes, likewise."""
        self.handlers: dict[str, Callable[[dict[str, Any]], Any]] = {}
        """Extra request kinds (``load`` on the learner side)."""
        self._gone: list[Any] = []
        """Refs of our originals the other side forgot its copies of (see SharedTensors.prune)."""
        self._rng: torch.Tensor | None = None
        """The global RNG state both sides last agreed on."""
        self.on_closed: Callable[[], None] | None = None
        """Trusted side: what to do when the learner process is gone."""
        self.unpickles = False
        """Learner side only: it may rebuild a check's object from its pickle (to pickle it
        again, ``torch.save(net)``); the checks' process never unpickles anything."""
        self.forward_warnings = False
        """Learner side: warnings its code raises go back with each reply, to be raised
        again in the checks' process (``pytest.warns`` sees them there)."""
        self.attributes: dict[tuple[int, str], Any] = {}
        """Attributes of the other side's objects read once and kept (see
        :func:`~tutor.isolation.proxy.stable_attribute`), until it says they changed."""
        self.lent_attributes: dict[tuple[int, str], Any] = {}
        """Attributes of our objects the other side keeps, with the value it got: checked
        before every message we send, which names those that changed ("stale")."""
        self._keep = False
        """The getattr being answered lends its value (see :attr:`lent_attributes`)."""
        self._reset_pending = False
        """Trusted side: both sides forgot everything here; the other side forgets when it
        reads our next request (no round trip of its own between two checks)."""

    # sending -------------------------------------------------------------

    def _send(self, header: dict[str, Any], values: dict[str, Any],
              answering: Any = None) -> Any:
        with machinery():
            return self._send_now(header, values, answering)

    def _send_now(self, header: dict[str, Any], values: dict[str, Any], answering: Any) -> Any:
        message = self.codec.new_message()
        if answering is not None:
            message.answering(answering)
        # Changes first: the receiver applies them before it decodes the values, which may
        # name a tensor a change sent (a .grad set here, then returned). Encoded apart from
        # the values, so containers keep the indices the reply names them by.
        # Originals whose copies the other side dropped: it can no longer name them, and we
        # must not either (forgotten only now: its last message may still have viewed them).
        self.shared.forget_sent(self._gone)
        self._gone = []
        objects, message.objects = message.objects, []
        header["sync"] = [message.update(change) for change in self.shared.changed()]
        message.objects = objects
        for key, value in values.items():
            header[key] = message.encode(value)
        header["gens"] = message.generator_updates()
        state = torch.get_rng_state()
        if self._rng is None or not torch.equal(state, self._rng):  # only when it moved
            header["rng"] = message.encode_plain(state)
            self._rng = state
        header["grad_mode"] = torch.is_grad_enabled()
        stale = self._stale_attributes()
        if stale:
            header["stale"] = stale
        header["gone"] = self.shared.prune()  # their last changes are in "sync" above
        wire.send(self.sock, header, message.buffers)
        return message

    def request(self, op: str, target: int | None = None, **values: Any) -> Any:
        try:
            return self._request(op, target, **values)
        except wire.ChannelClosed:
            if self.on_closed is not None:
                self.on_closed()
            raise

    def get_attribute(self, hid: int, name: str) -> Any:
        """``getattr`` on the other side's object: a round trip, unless it lent the value."""
        found = self.attributes.get((hid, name), UNSTABLE)
        if found is not UNSTABLE:
            return found
        return self.request("getattr", hid, name=name)

    def _request(self, op: str, target: int | None = None, **values: Any) -> Any:
        header: dict[str, Any] = {"op": op, "target": target, "rules": self.rules()}
        if self._reset_pending:
            header["reset"] = True
            self._reset_pending = False
        patches = self.patches()
        if patches:
            values["patches"] = patches
        modes, header["device"] = open_modes()
        header["count"] = bool(modes)
        header["dtype"] = _default_dtype_name()
        header["modes"] = global_modes()
        for key in ("name", "ref", "accumulate"):
            if key in values:
                header[key] = values.pop(key)
        sent_name = header.get("name")
        if "deps_raw" in values:
            header["deps"] = values.pop("deps_raw")
        sent = self._send(header, values)
        while True:
            header, buffers = self._receive()
            message = self.codec.read_message(buffers)
            message.request = sent
            self._apply_state(header, message)
            if header.get("op") in ("ok", "err"):
                message.apply_containers(header.get("containers"))
                relay_warnings(header.get("warnings"))
                if modes and isinstance(header.get("calls"), int):
                    replay_calls(modes, min(header["calls"], 1_000_000), header.get("trace"))
            if header.get("op") == "ok":
                with machinery():
                    value = message.decode(header.get("value"))
                if header.get("keep") is True and op == "getattr" and isinstance(target, int):
                    self.attributes[(target, str(sent_name))] = value
                return value
            if header.get("op") == "err":
                raise self._error(header.get("error") or {})
            self._serve(header, message)

    def _error(self, data: dict[str, Any]) -> BaseException:
        """The exception to raise here: ours again if it passed through the other side."""
        origin = data.get("origin")
        if isinstance(origin, int) and isinstance(self.codec.objects.get(origin), BaseException):
            return self.codec.objects[origin]  # type: ignore[no-any-return]
        error = decode_error(data)
        if isinstance(data.get("mine"), int):
            error.tutor_origin = data["mine"]  # type: ignore[attr-defined]
        return error

    def local_copy(self, data: Any) -> Any:
        """A check's object rebuilt here from the pickle its owner made (learner side)."""
        if not self.unpickles or not isinstance(data, bytes):
            raise ProtocolViolation("only the learner process rebuilds pickled objects")
        import pickle

        with machinery():
            return pickle.loads(data)  # noqa: S301 - made by the trusted process

    def remote_backward(self, ref: Any, grad: torch.Tensor, deps: list[int],
                        accumulate: bool = True) -> list[torch.Tensor | None]:
        grads = self.request("backward", None, ref=ref, grad=grad, name=None, deps_raw=deps,
                             accumulate=accumulate)
        return list(grads)

    # receiving -----------------------------------------------------------

    def _receive(self) -> tuple[dict[str, Any], list[bytearray]]:
        try:
            with machinery():
                return self.reader.receive()
        except wire.WireError as error:
            raise ProtocolViolation(str(error)) from None

    def _apply_state(self, header: dict[str, Any], message: Any) -> None:
        with machinery():
            self._apply_state_now(header, message)

    def _apply_state_now(self, header: dict[str, Any], message: Any) -> None:
        if header.get("reset") is True:  # before anything in this message is read
            self.reset()
        for key in header.get("stale") or []:
            if isinstance(key, list) and len(key) == 2 and isinstance(key[0], int) \
                    and isinstance(key[1], str):
                self.attributes.pop((key[0], key[1]), None)
        for update in header.get("sync") or []:
            message.apply_update(update)
        gone = header.get("gone")
        if isinstance(gone, list):
            self._gone.extend(gone)
        for record in header.get("gens") or []:
            message.apply_generator(record)
        rng = message.decode_plain(header.get("rng"))
        if isinstance(rng, torch.Tensor) and rng.dtype == torch.uint8 and rng.dim() == 1:
            with contextlib.suppress(RuntimeError):
                torch.set_rng_state(rng)
                self._rng = rng.clone()

    def serve_forever(self) -> None:
        """The learner side's loop: answer requests until the channel closes."""
        while True:
            header, buffers = self._receive()
            message = self.codec.read_message(buffers)
            self._apply_state(header, message)
            self._serve(header, message)

    def _serve(self, header: dict[str, Any], message: Any) -> None:
        counter: Any = None
        caught: list[Any] = []
        self._keep = False
        lift_rules(header.get("rules"))
        grad_mode = torch.is_grad_enabled()
        try:
            torch._C._set_grad_enabled(bool(header.get("grad_mode", True)))
            try:
                with recording_warnings(self.forward_warnings) as caught:
                    if _as_is(header) and not rules_in_place():  # most: no context to set up
                        value = self._handle(header, message, [])
                    else:
                        with machinery():
                            patches = message.decode(header.get("patches")) or []
                        with patched(patches), on_device(header.get("device")), \
                                default_dtype(header.get("dtype")), \
                                same_modes(header.get("modes")), \
                                counting(bool(header.get("count"))) as counter:
                            value = self._handle(header, message, header.get("rules") or [])
            finally:  # the learner process's own mode again
                torch._C._set_grad_enabled(grad_mode)
            reply: dict[str, Any] = {"op": "ok"}
            if self._keep:
                reply["keep"] = True
                self._keep = False
            values = {"value": value}
        except wire.ChannelClosed:
            raise
        except BaseException as error:  # noqa: BLE001 - every error goes back as data
            data = encode_error(error, self.target)
            origin = getattr(error, "tutor_origin", None)
            if isinstance(origin, int):
                data["origin"] = origin  # the other side's own exception, passing back
            else:
                data["mine"] = self.codec.export(error)
            reply = {"op": "err", "error": data}
            self._keep = False
            values = {}
        containers = message.changed_containers()
        if containers:  # most replies: none of the arguments changed
            values["containers"] = containers
        # What the check's own modes and warning filters would have seen in one process.
        reply.update({"calls": counter.calls if counter else None,
                      "trace": counter.trace if counter else None,
                      "warnings": encode_warnings(caught)})
        self._send(reply, values, answering=message)

    def _handle(self, header: dict[str, Any], message: Any, rules: list[Any]) -> Any:
        op = header.get("op")
        if op in self.handlers:
            return self.handlers[str(op)](header)
        if op == "backward":
            return self._backward(header, message)
        if op == "node_apply":
            output = self._entry(header.get("ref"))
            grads = message.decode(header.get("grads")) or []
            if output.grad_fn is None:
                raise ProtocolViolation("node_apply on a tensor with no graph")
            with enforce(rules):
                return output.grad_fn.apply(*grads)  # type: ignore[attr-defined]
        target = self.codec.local_object(header.get("target"))
        name = header.get("name")
        if op == "call":
            args = message.decode(header.get("args")) or ()
            kwargs = message.decode(header.get("kwargs")) or {}
            with enforce(rules):
                return target(*args, **kwargs)
        if op == "getattr" and isinstance(name, str):
            value = stable_attribute(target, name)
            if value is not UNSTABLE:  # no code runs to find it: the requester may keep it
                self.lent_attributes[(int(header["target"]), name)] = value
                self._keep = True
                return value
            with enforce(rules):
                return getattr(target, name)
        if op == "setattr" and isinstance(name, str):
            value = message.decode(header.get("value"))
            with enforce(rules):
                setattr(target, name, value)
            return None
        if op == "op" and isinstance(name, str):
            args = tuple(message.decode(header.get("args")) or ())
            with enforce(rules):
                return call_method(target, name, args)
        raise ProtocolViolation(f"unknown request {op!r}")

    def _entry(self, spec: Any) -> torch.Tensor:
        """The tensor a remote node names: ``[table, ref]`` in our shared tables."""
        if not (isinstance(spec, list) and len(spec) == 2 and isinstance(spec[1], int)):
            raise ProtocolViolation(f"bad tensor reference {spec!r}")
        table = self.shared.copies if spec[0] == "copies" else self.shared.sent
        return table[spec[1]].tensor

    def _backward(self, header: dict[str, Any], message: Any) -> list[Any]:
        output = self._entry(header.get("ref"))
        grad = message.decode(header.get("grad"))
        specs = header.get("deps") or []
        deps = [message.resolve_leaf(spec, mine=True) for spec in specs]
        create_graph = torch.is_grad_enabled()  # the requester's mode: double backward
        with machinery():
            present = [d for d in deps if d is not None]
            grads = iter(backward_here(output, grad, present, create_graph,
                                       header.get("accumulate") is not False))
        return [next(grads) if d is not None else None for d in deps]

    def _stale_attributes(self) -> list[list[Any]]:
        """The lent attributes whose value changed since (checked before each message)."""
        if not self.lent_attributes:
            return []
        stale = []
        for key, value in self.lent_attributes.items():
            target = self.codec.objects.get(key[0])
            if target is None or stable_attribute(target, key[1]) is not value:
                stale.append(key)
        for key in stale:
            del self.lent_attributes[key]
        return [list(key) for key in stale]

    def reset(self) -> None:
        """Forget every handle and shared tensor (between checks)."""
        self.attributes.clear()
        self.lent_attributes.clear()
        self.shared.clear()
        self._gone = []
        self.codec.clear()

    def reset_both(self) -> None:
        """Both sides forget every handle and shared tensor: here now, there with the next
        request."""
        self.reset()
        self._reset_pending = True
