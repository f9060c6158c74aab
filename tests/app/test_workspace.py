"""Workspaces: init copies stubs and writes state atomically; nothing learners wrote is lost."""

from __future__ import annotations

import json

import pytest

from tutor.workspace import Workspace, WorkspaceError


def test_create_copies_stubs_and_writes_state(tmp_path, builtin_pack):
    workspace = Workspace.create(tmp_path / "ws", builtin_pack)
    for exercise in builtin_pack.exercises():
        copy = workspace.exercise_path(exercise)
        assert copy.read_bytes() == exercise.stub_path.read_bytes()
    state = json.loads((tmp_path / "ws/.tutor/state.json").read_text())
    assert state["pack"]["id"] == "pytorch-foundations"
    assert state["format"] == 1
    assert not list((tmp_path / "ws/.tutor").glob("*.tmp"))


def test_create_refuses_existing_workspace_and_changes_nothing(tmp_path, builtin_pack):
    workspace = Workspace.create(tmp_path, builtin_pack)
    exercise = builtin_pack.exercises()[0]
    workspace.exercise_path(exercise).write_text("# my work\n")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    with pytest.raises(WorkspaceError, match="already is a workspace.*nothing was changed"):
        Workspace.create(tmp_path, builtin_pack)
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert before == after


def test_create_refuses_to_overwrite_a_file(tmp_path, builtin_pack):
    exercise = builtin_pack.exercises()[0]
    target = tmp_path / "exercises" / exercise.file
    target.parent.mkdir(parents=True)
    target.write_text("# precious\n")
    with pytest.raises(WorkspaceError, match="already exists.*nothing was changed"):
        Workspace.create(tmp_path, builtin_pack)
    assert target.read_text() == "# precious\n"
    assert not (tmp_path / ".tutor").exists()


def test_reset_backs_up_first(tmp_path, builtin_pack):
    workspace = Workspace.create(tmp_path, builtin_pack)
    exercise = builtin_pack.exercises()[0]
    path = workspace.exercise_path(exercise)
    path.write_text("def make_grid(rows, cols):\n    return 'mine'\n")
    workspace.record(exercise.qualified_id, "failed")
    backup = workspace.reset(exercise)
    assert backup is not None and backup.parent.parent == tmp_path / ".tutor" / "backups"
    assert "return 'mine'" in backup.read_text()
    assert path.read_bytes() == exercise.stub_path.read_bytes()
    assert workspace.status_of(exercise) == "not_started"
    assert workspace.reset(exercise) is None  # untouched stub: nothing to back up


def test_progress_persists_and_first_pass_is_reported_once(tmp_path, builtin_pack):
    workspace = Workspace.create(tmp_path, builtin_pack)
    exercise_id = builtin_pack.exercises()[0].qualified_id
    assert workspace.record(exercise_id, "failed") is False
    assert workspace.record(exercise_id, "passed") is True
    assert workspace.record(exercise_id, "passed") is False
    reopened = Workspace.open(tmp_path)
    progress = reopened.state.progress(exercise_id)
    assert progress.status == "passed" and progress.attempts == 3
    assert progress.first_passed_at is not None


def test_hints_reveal_level_by_level(tmp_path, builtin_pack):
    workspace = Workspace.create(tmp_path, builtin_pack)
    exercise = builtin_pack.exercises()[0]
    levels = []
    while (revealed := workspace.reveal_hint(exercise)) is not None:
        levels.append(revealed[0])
    assert levels == list(range(1, len(exercise.hints) + 1))
    assert Workspace.open(tmp_path).state.progress(exercise.qualified_id).hint_level == \
        len(exercise.hints)


def test_corrupt_state_is_kept_and_recovered(tmp_path, builtin_pack):
    workspace = Workspace.create(tmp_path, builtin_pack)
    exercise = builtin_pack.exercises()[0]
    workspace.exercise_path(exercise).write_text("# my code\n")
    workspace.state_path.write_text("{ this is not json")
    reopened = Workspace.open(tmp_path)
    assert reopened.warnings and "could not be read" in reopened.warnings[0]
    kept = list((tmp_path / ".tutor").glob("state.json.corrupt-*"))
    assert kept and kept[0].read_text() == "{ this is not json"
    assert reopened.exercise_path(exercise).read_text() == "# my code\n"
    assert json.loads(reopened.state_path.read_text())["format"] == 1


def test_missing_stubs_are_added_never_overwritten(tmp_path, builtin_pack):
    workspace = Workspace.create(tmp_path, builtin_pack)
    first = builtin_pack.exercises()[0]
    workspace.exercise_path(first).write_text("# mine\n")
    last = builtin_pack.exercises()[-1]
    workspace.exercise_path(last).unlink() if last != first else None
    reopened = Workspace.open(tmp_path)
    assert reopened.exercise_path(first).read_text() == "# mine\n"
    assert reopened.exercise_path(last).exists()


def test_find_walks_up(tmp_path, builtin_pack):
    Workspace.create(tmp_path, builtin_pack)
    deep = tmp_path / "exercises" / builtin_pack.lessons[0].folder
    assert Workspace.find(deep) == tmp_path.resolve()
