"""Pack upgrades keep learner work: `tutor pack add` of a newer version, then `tutor update`.

A real pack is written twice (v1, v2) into a temp folder, installed, a workspace made,
the learner's files edited, and the CLI run as a learner would run it.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.workspace import Workspace

STUB = '''"""{title}"""


def {name}(x):
    """Return {what}."""
    # TODO: write it
    raise NotImplementedError("{name}")
'''


def write_pack(folder: Path, version: str, exercises: dict[str, str],
               renamed: dict[str, str] | None = None) -> Path:
    """A pack with lesson 'l1' holding ``exercises`` (name → stub text)."""
    renamed = renamed or {}
    blocks = []
    for name, stub in exercises.items():
        extra = f'\n  renamed_from = "l1/{renamed[name]}"' if name in renamed else ""
        blocks.append(f'  [[lessons.exercises]]\n  id = "{name}"{extra}\n  hints = ["h"]\n')
        for part, text in (("exercises", stub), ("solutions", f"def {name}(x):\n    return x\n")):
            path = folder / part / "l1_basics" / f"{name}.py"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        checks = folder / "tests" / "checks" / "l1_basics" / f"test_{name}.py"
        checks.parent.mkdir(parents=True, exist_ok=True)
        checks.write_text(f'def test_it(exercise):\n    """returns x"""\n'
                          f'    assert exercise.{name}(3) == 3\n')
    (folder / "lessons").mkdir(parents=True, exist_ok=True)
    (folder / "lessons" / "l1_basics.md").write_text("# Basics\n")
    (folder / "pack.toml").write_text(textwrap.dedent(f'''\
        format_version = 1
        id = "update-demo"
        title = "Update demo"
        version = "{version}"

        [[lessons]]
        id = "l1"
        slug = "basics"
        title = "Basics"

        ''') + "\n".join(blocks))
    return folder


def stub(name: str, what: str = "x", title: str = "An exercise") -> str:
    return STUB.format(name=name, what=what, title=title)


@pytest.fixture
def upgraded(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    v1 = write_pack(tmp_path / "v1", "1.0", {
        "untouched": stub("untouched"), "edited": stub("edited"), "both": stub("both"),
        "clash": stub("clash"), "old_name": stub("old_name"), "dropped": stub("dropped")})
    assert main(["pack", "add", str(v1)]) == 0
    assert main(["init", str(tmp_path / "ws"), "--pack", "update-demo"]) == 0
    files = tmp_path / "ws" / "exercises" / "l1_basics"
    (files / "edited.py").write_text(stub("edited").replace(
        '    raise NotImplementedError("edited")', "    return x  # mine"))
    (files / "both.py").write_text(stub("both").replace(
        '    raise NotImplementedError("both")', "    return x  # mine too"))
    (files / "clash.py").write_text(stub("clash", what="x, my way"))
    (files / "old_name.py").write_text(stub("old_name").replace(
        '    raise NotImplementedError("old_name")', "    return x  # renamed later"))
    v2 = write_pack(tmp_path / "v2", "1.1", {
        "untouched": stub("untouched", title="Better title"),
        "edited": stub("edited"),
        "both": stub("both", title="Both: clearer"),
        "clash": stub("clash", what="x unchanged"),
        "new_name": stub("old_name"),  # a new id; the function keeps its name
        "brand_new": stub("brand_new")}, renamed={"new_name": "old_name"})
    assert main(["pack", "add", str(v2)]) == 0  # a newer version needs no --replace
    capsys.readouterr()
    return tmp_path / "ws", files


def test_dry_run_reports_and_changes_nothing(upgraded, capsys):
    root, files = upgraded
    before = {p.name: p.read_text() for p in files.iterdir()}
    assert main(["update", "--workspace", str(root), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Pack update-demo: 1.0 → 1.1" in out
    for action, exercise in [("updated", "l1/untouched"), ("kept", "l1/edited"),
                             ("merged", "l1/both"), ("conflict", "l1/clash"),
                             ("renamed", "l1/new_name"), ("added", "l1/brand_new"),
                             ("removed", "l1/dropped")]:
        assert any(line.split()[:2] == [action, exercise] for line in out.splitlines()), \
            (action, exercise, out)
    assert "Dry run: nothing was changed." in out
    assert {p.name: p.read_text() for p in files.iterdir()} == before


def test_update_merges_backs_up_and_never_loses_work(upgraded, capsys):
    root, files = upgraded
    code = main(["update", "--workspace", str(root), "--no-grade"])
    out = capsys.readouterr().out
    assert code == 1, "a conflict leaves exit code 1"
    assert '"""Better title"""' in (files / "untouched.py").read_text()
    assert "return x  # mine" in (files / "edited.py").read_text()
    both = (files / "both.py").read_text()
    assert '"""Both: clearer"""' in both and "return x  # mine too" in both
    clash = (files / "clash.py").read_text()
    assert clash.count("<<<<<<< your file") == 1 and "x, my way" in clash
    assert "x unchanged" in clash and ">>>>>>> the new stub" in clash
    assert "clash.py: conflict markers at line(s) 5" in out
    assert not (files / "old_name.py").exists()
    assert "# renamed later" in (files / "new_name.py").read_text()
    assert (files / "brand_new.py").exists()
    assert (files / "dropped.py").exists(), "a removed exercise's file is kept"
    backups = list((root / ".tutor" / "backups").rglob("*.py"))
    backed_up = {p.name.split(".")[0] for p in backups}
    assert {"untouched", "both", "clash", "new_name"} <= backed_up
    assert any("# renamed later" in p.read_text() for p in backups)
    workspace = Workspace.open(root)
    assert workspace.state.pack_version == "1.1"
    assert not workspace.warnings
    # A second update has nothing left to do (the merged files are the new base).
    assert main(["update", "--workspace", str(root), "--dry-run"]) == 0
    again = capsys.readouterr().out
    assert "conflict" not in again and "updated" not in again


def test_progress_kept_for_unchanged_and_regraded_for_changed(upgraded, capsys):
    root, _ = upgraded
    workspace = Workspace.open(root)
    for exercise_id in ("l1/edited", "l1/both", "l1/old_name"):
        workspace.record(exercise_id, "passed")
    assert main(["update", "--workspace", str(root), "--no-grade"]) == 1
    state = Workspace.open(root).state
    assert state.progress("l1/edited").status == "passed"  # stub and checks unchanged
    assert state.progress("l1/both").status == "not_started"  # its stub changed
    assert "l1/old_name" not in state.exercises  # progress moved with the rename…
    assert state.progress("l1/new_name").attempts == 1
    assert state.progress("l1/new_name").status == "not_started"  # …but its checks changed


def test_opening_an_outdated_workspace_says_to_update(upgraded):
    root, files = upgraded
    workspace = Workspace.open(root)
    assert any("run `tutor update`" in w for w in workspace.warnings)
    assert not (files / "brand_new.py").exists(), "opening never changes files"


def test_an_older_workspace_without_bases_keeps_files(upgraded, capsys):
    import shutil

    root, files = upgraded
    shutil.rmtree(root / ".tutor" / "base")
    assert main(["update", "--workspace", str(root), "--no-grade"]) == 0
    assert "x, my way" in (files / "clash.py").read_text()
    assert (files / "clash.new.py").exists()


@pytest.mark.slow
def test_update_regrades_the_changed_exercises(upgraded, capsys):
    root, _ = upgraded
    assert main(["update", "--workspace", str(root)]) == 1
    out = capsys.readouterr().out
    assert "Re-grading" in out
    state = Workspace.open(root).state
    assert state.progress("l1/both").status == "passed"  # the merged file is graded
    assert state.progress("l1/untouched").status == "not_started"  # the new stub
    assert state.progress("l1/edited").attempts == 0  # unchanged: not re-graded
