"""The strict session's patch watch: a check's replacement of a torch function is seen.

Once listening, a module is rescanned only after one of its attributes was set or
deleted; these tests make sure no way a check patches is missed for that.
"""

from __future__ import annotations

import importlib
import sys
import types
from unittest import mock

import torch

from tutor.isolation.rules import PatchWatch


def _fake(*args, **kwargs):
    return None


def test_a_patch_is_seen_while_it_lasts_and_forgotten_after():
    watch = PatchWatch()
    watch.listen()
    assert watch.changed(set()) == []
    with mock.patch("torch.nn.functional.relu", _fake):
        assert watch.changed(set()) == [["torch.nn.functional", "", "relu", _fake]]
        assert watch.changed(set()) == [["torch.nn.functional", "", "relu", _fake]]  # stays
        assert watch.changed({"torch.nn.functional.relu"}) == []  # a rule's own block
    assert watch.changed(set()) == []


def test_setattr_delattr_and_a_class_attribute_are_all_seen(monkeypatch):
    watch = PatchWatch()
    watch.listen()
    monkeypatch.setattr(torch.autograd, "backward", _fake)
    monkeypatch.setattr(torch.Tensor, "relu", _fake)  # a class: scanned every time
    monkeypatch.delattr(torch.linalg, "norm")
    found = watch.changed(set())
    assert ["torch.autograd", "", "backward", _fake] in found
    assert ["torch", "Tensor", "relu", _fake] in found
    monkeypatch.undo()
    assert watch.changed(set()) == []


def test_a_submodule_imported_later_is_not_a_patch():
    sys.modules.pop("torch.contrib", None)
    if "contrib" in vars(torch):
        delattr(torch, "contrib")
    watch = PatchWatch()
    watch.listen()
    importlib.import_module("torch.contrib")  # the import system sets torch.contrib
    assert "contrib" in vars(torch)
    assert watch.changed(set()) == []
    assert isinstance(torch, types.ModuleType) and torch.contrib.__name__ == "torch.contrib"
