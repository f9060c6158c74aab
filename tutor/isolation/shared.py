"""Tensors both processes hold: originals one side sent, canonical copies on the other.

Each side keeps the tensors it sent (``sent``, by ref) and the copies it
decoded (``copies``, by the sender's ref), with a stamp (data version, grad
object and version) taken when the two last agreed. Before every message a
side pushes the changes it made since, so an optimiser step in one process,
a ``.grad`` filled by backward in the other, or an in-place update of an
argument, are seen by both, as when the code runs in one process.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

import torch

Stamp = tuple[int, int, bool, int, int]


def stamp(tensor: torch.Tensor) -> Stamp:
    """(data version, grad object, requires_grad, data address, graph node).

    A grad's own writes are its own entry's business (grads are shared tensors too);
    the data address catches ``p.data = new`` (new memory, no version bump); the node
    catches an in-place op that put the tensor on a graph (``h0[0] = h``).
    """
    grad = tensor.grad if tensor.is_leaf else None
    node = tensor.grad_fn
    return (version_of(tensor), id(grad) if grad is not None else 0, tensor.requires_grad,
            tensor.data_ptr(), id(node) if node is not None else 0)


def version_of(tensor: torch.Tensor) -> int:
    """The version counter; 0 for an inference tensor, which has none."""
    return 0 if tensor.is_inference() else int(tensor._version)


def set_version(tensor: torch.Tensor, version: int) -> None:
    """Raise ``tensor``'s version counter to the other side's (never lower it: that could
    hide an in-place change from autograd here)."""
    if isinstance(version, int) and version > version_of(tensor) and not tensor.is_inference():
        torch._C._autograd._unsafe_set_version_counter((tensor,), (version,))


SNAPSHOT_ELEMENTS = 1 << 16
"""Tensors up to this size are also compared by value before each message (a write through
``.data`` bumps no version); bigger ones (activations) only by version, or each message
would compare megabytes."""
_ONLY_OURS = 2
"""sys.getrefcount of a tensor only an Entry holds: the Entry's, and the call's own."""


@dataclass
class Entry:
    tensor: torch.Tensor
    stamp: Stamp
    snapshot: torch.Tensor | None = None
    keep: bool = False
    """Never pruned: a NumPy array's stand-in (the array, not this tensor, is what is held)."""
    """The data as last sent (small CPU tensors): writes through ``.data`` or NumPy do not
    bump the version counter, so a resent argument is compared by value too."""

    def data_changed(self) -> bool:
        """Called while a message is encoded (``machinery`` held: no check's mode sees it)."""
        snapshot = self.snapshot
        if snapshot is None:
            return False
        tensor = self.tensor
        if tensor.shape != snapshot.shape or tensor.dtype != snapshot.dtype:
            return True
        return not torch.equal(tensor, snapshot)

    def take_snapshot(self) -> None:
        tensor = self.tensor
        if tensor.device.type == "cpu" and tensor.numel() <= SNAPSHOT_ELEMENTS:
            self.snapshot = tensor.detach().clone()


@dataclass
class Change:
    """What changed in one shared tensor since both sides last agreed."""

    table: str
    ref: int
    tensor: torch.Tensor
    data: bool
    replaced: bool
    """New memory (``p.data = ...``, ``set_``): the other side's tensor gets new memory too."""
    grad: bool
    graph: bool
    """An in-place op put the tensor on a (new) graph node."""


class SharedTensors:
    def __init__(self) -> None:
        self.sent: dict[int, Entry] = {}
        self.sent_ids: dict[int, int] = {}
        """id(original) → ref."""
        self.copies: dict[int, Entry] = {}
        """The other side's ref → our copy."""
        self.copy_refs: dict[int, int] = {}
        """id(copy) → the other side's ref."""
        self.returned: set[int] = set()
        """Refs of our tensors the other side sent back (it computes with its copy)."""
        self.storages: list[tuple[int, int, int]] = []
        """(base address, bytes, ref) of each CPU copy's storage: results that view one are
        sent back as views of the original."""
        self._next = 1

    def storage_containing(self, pointer: int) -> tuple[int, int] | None:
        """(ref, base address) of the copy whose storage holds ``pointer``."""
        for base, size, ref in reversed(self.storages):
            entry = self.copies.get(ref)
            if entry is not None and base <= pointer < base + size \
                    and entry.tensor.untyped_storage().data_ptr() == base:
                return ref, base
        return None

    def ref_of_original(self, tensor: torch.Tensor) -> int:
        ref = self.sent_ids.get(id(tensor))
        if ref is None or self.sent[ref].tensor is not tensor:
            ref = self._next
            self._next += 1
            self.sent[ref] = Entry(tensor, (-1, 0, False, 0, 0))
            self.sent_ids[id(tensor)] = ref
        return ref

    def add_copy(self, ref: int, tensor: torch.Tensor, keep: bool = False) -> None:
        self.copies[ref] = entry = Entry(tensor, stamp(tensor), keep=keep)
        entry.take_snapshot()
        self.copy_refs[id(tensor)] = ref
        storage = tensor.untyped_storage()
        if tensor.device.type == "cpu" and storage.nbytes():
            self.storages.append((storage.data_ptr(), storage.nbytes(), ref))

    def prune(self) -> list[int]:
        """Forget our copies nothing here refers to any more; returns their refs, which
        the other side then forgets too (its original may then be freed).

        A copy only this table holds (no name, no container, no graph, no ``.grad`` slot:
        each of those holds a reference) can never be used or compared here again. Tensors
        that require grad stay: a graph node on either side may name them by ref. Done
        just before a message is sent, which carries the refs: the other side reads them
        before it can send anything that names them. Without it, a check that calls the
        learner's code thousands of times (finite differences) would scan an ever longer
        table with every message.
        """
        gone = [ref for ref, entry in self.copies.items()
                if not entry.keep and not entry.tensor.requires_grad and entry.tensor.grad is None
                and sys.getrefcount(entry.tensor) <= _ONLY_OURS]
        for ref in gone:
            entry = self.copies.pop(ref)
            self.copy_refs.pop(id(entry.tensor), None)
        if gone:
            dropped = set(gone)
            self.storages = [s for s in self.storages if s[2] not in dropped]
        return gone

    def forget_sent(self, refs: Any) -> None:
        """The other side dropped its copies of these (see :meth:`prune`)."""
        for ref in refs if isinstance(refs, list) else []:
            entry = self.sent.pop(ref, None) if isinstance(ref, int) else None
            if entry is not None:
                self.sent_ids.pop(id(entry.tensor), None)
                self.returned.discard(ref)

    def copy_ref(self, tensor: torch.Tensor) -> int | None:
        ref = self.copy_refs.get(id(tensor))
        return ref if ref is not None and self.copies[ref].tensor is tensor else None

    def changed(self) -> list[Change]:
        """Every entry changed here since it was last in sync, with what changed.

        Writes that bump no version (through ``.data``, ``.numpy()``) are found by
        comparing small CPU tensors with their snapshot.
        """
        found = []
        for table, entries in (("sent", self.sent), ("copies", self.copies)):
            for ref, entry in entries.items():
                tensor = entry.tensor
                if entry.stamp[0] < 0:
                    continue
                now = stamp(tensor)
                old = entry.stamp
                replaced = now[3] != old[3]
                data = now[0] != old[0] or replaced or entry.data_changed()
                graph = now[4] != old[4] and tensor.grad_fn is not None
                grad = now[1:3] != old[1:3]
                if data or grad or graph:
                    found.append(Change(table, ref, tensor, data, replaced, grad, graph))
                    entry.stamp = now
                    if data:
                        entry.take_snapshot()
        return found

    def mark(self, tensor: torch.Tensor, table: str, ref: int) -> None:
        entry = (self.sent if table == "sent" else self.copies)[ref]
        entry.stamp = stamp(tensor)
        entry.take_snapshot()

    def clear(self) -> None:
        self.sent.clear()
        self.sent_ids.clear()
        self.copies.clear()
        self.copy_refs.clear()
        self.storages.clear()
        self.returned.clear()


def apply_update(tensor: torch.Tensor, data: torch.Tensor | None, replaced: bool) -> None:
    """Make ``tensor`` hold ``data`` (what the other process now has): in place, or in new
    memory where the other side's tensor got new memory.

    Written behind autograd's back (no version bump of its own): the version counter then
    follows the other side's (:func:`set_version`), which bumped it only for a real
    in-place op, not for a write through ``.data`` (gradcheck's perturbations).
    """
    if data is None:
        return
    with torch.no_grad():
        if not replaced and data.shape == tensor.shape and data.dtype == tensor.dtype:
            tensor.data.copy_(data)
        else:
            tensor.data = data.clone() if data.device.type == "cpu" else data
