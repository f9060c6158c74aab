"""What strict isolation's learner process may read (tutor.isolation.sandbox.readable_roots)."""

from __future__ import annotations

import sys
from pathlib import Path

from tutor.isolation.sandbox import readable_roots


def _checkout_with_venv(root: Path) -> tuple[Path, Path]:
    """A pack checkout (pack.toml, tutor/, solutions/) holding its own `.venv`, as CI has."""
    for folder in ("tutor", "solutions", "tests/checks", ".venv/lib/python3/site-packages"):
        (root / folder).mkdir(parents=True)
    (root / "pack.toml").write_text("")
    (root / ".venv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    return root / ".venv", root / ".venv" / "lib" / "python3" / "site-packages"


def test_a_virtual_environment_inside_the_pack_is_readable_its_pack_is_not(tmp_path, monkeypatch):
    venv, site = _checkout_with_venv(tmp_path)
    monkeypatch.setattr(sys, "prefix", str(venv))
    monkeypatch.setattr(sys, "exec_prefix", str(venv))
    monkeypatch.setattr(sys, "path", [str(site), str(tmp_path)])
    roots = readable_roots(tmp_path)
    assert venv in roots and site in roots  # torch's lazy imports come from here
    assert tmp_path / "tutor" in roots      # the editable checkout: the app's package only
    assert tmp_path not in roots
    assert not any(root.is_relative_to(tmp_path / "solutions") for root in roots)
    assert not any(root.is_relative_to(tmp_path / "tests") for root in roots)


def test_a_folder_inside_the_pack_that_is_no_environment_stays_closed(tmp_path, monkeypatch):
    _checkout_with_venv(tmp_path)
    (tmp_path / ".venv" / "pyvenv.cfg").unlink()  # not an environment any more
    monkeypatch.setattr(sys, "prefix", str(tmp_path / ".venv"))
    monkeypatch.setattr(sys, "exec_prefix", str(tmp_path / ".venv"))
    monkeypatch.setattr(sys, "path", [str(tmp_path / "solutions")])
    roots = readable_roots(tmp_path)
    assert not any(root.is_relative_to(tmp_path) and root != tmp_path / "tutor" for root in roots)
