"""Tensors both processes hold: originals one side sent, canonical copies on the other.

Each side keeps the tensors it sent (``sent``, by ref) and the copies it
decoded (``copies``, by the sender's ref), with a stamp (data version, grad
object and version) taken when the two last agreed. Before every message a
side pushes the changes it made since, so an optimiser step in one process,
a ``.grad`` filled by backward in the other, or an in-place update of an
argument, are seen by both, as when the code runs in one process.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch

Stamp = tuple[int, int, int, bool]


def stamp(tensor: torch.Tensor) -> Stamp:
    grad = tensor.grad if tensor.is_leaf else None
    return (tensor._version, id(grad) if grad is not None else 0,
            grad._version if grad is not None else -1, tensor.requires_grad)


SNAPSHOT_ELEMENTS = 1 << 20


@dataclass
class Entry:
    tensor: torch.Tensor
    stamp: Stamp
    snapshot: torch.Tensor | None = None
    """The data as last sent (small CPU tensors): writes through ``.data`` or NumPy do not
    bump the version counter, so a resent argument is compared by value too."""

    def data_changed(self) -> bool:
        if self.snapshot is None:
            return False
        with torch._C.DisableTorchFunction():
            return not torch.equal(self.tensor.detach(), self.snapshot)


class SharedTensors:
    def __init__(self) -> None:
        self.sent: dict[int, Entry] = {}
        self.sent_ids: dict[int, int] = {}
        """id(original) → ref."""
        self.copies: dict[int, Entry] = {}
        """The other side's ref → our copy."""
        self.copy_refs: dict[int, int] = {}
        """id(copy) → the other side's ref."""
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
            self.sent[ref] = Entry(tensor, (-1, -1, -1, False))
            self.sent_ids[id(tensor)] = ref
        return ref

    def add_copy(self, ref: int, tensor: torch.Tensor) -> None:
        self.copies[ref] = Entry(tensor, stamp(tensor))
        self.copy_refs[id(tensor)] = ref
        storage = tensor.untyped_storage()
        if tensor.device.type == "cpu" and storage.nbytes():
            self.storages.append((storage.data_ptr(), storage.nbytes(), ref))

    def copy_ref(self, tensor: torch.Tensor) -> int | None:
        ref = self.copy_refs.get(id(tensor))
        return ref if ref is not None and self.copies[ref].tensor is tensor else None

    def changed(self) -> list[tuple[str, int, torch.Tensor, bool, bool]]:
        """(table, ref, tensor, data changed, grad changed) for every entry changed here."""
        found = []
        for table, entries in (("sent", self.sent), ("copies", self.copies)):
            for ref, entry in entries.items():
                tensor = entry.tensor
                if entry.stamp[0] < 0 or not tensor.is_leaf and table == "copies":
                    continue
                now = stamp(tensor)
                if now != entry.stamp:
                    found.append((table, ref, entry.tensor, now[0] != entry.stamp[0],
                                  now[1:] != entry.stamp[1:]))  # grad or requires_grad
                    entry.stamp = now
        return found

    def mark(self, tensor: torch.Tensor, table: str, ref: int) -> None:
        entry = (self.sent if table == "sent" else self.copies)[ref]
        entry.stamp = stamp(tensor)
        if table == "sent" and tensor.device.type == "cpu" and \
                tensor.numel() <= SNAPSHOT_ELEMENTS:
            entry.snapshot = tensor.detach().clone()

    def clear(self) -> None:
        self.sent.clear()
        self.sent_ids.clear()
        self.copies.clear()
        self.copy_refs.clear()
        self.storages.clear()


def apply_update(tensor: torch.Tensor, data: torch.Tensor | None, grad: Any,
                 set_grad: bool) -> None:
    """Make ``tensor`` hold ``data`` and ``grad`` (what the other process now has)."""
    with torch.no_grad():
        if data is not None:
            if data.shape == tensor.shape and data.dtype == tensor.dtype:
                tensor.copy_(data)
            else:
                tensor.data = data
    if set_grad and tensor.is_leaf:
        tensor.grad = grad
