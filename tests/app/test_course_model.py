"""pack.toml validation: every error names the file, the field (or line) and what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.course import PackError, TargetError, load_pack, resolve_targets

GOOD = """\
format_version = 1
id = "demo"
title = "Demo"
version = "1.0"

[[lessons]]
id = "lesson01"
slug = "intro"
title = "Intro"

  [[lessons.exercises]]
  id = "first"
  hints = ["one", "two"]

  [[lessons.exercises]]
  id = "second"
  hints = ["one"]
  timeout_s = 5
  gpu = "required"
"""


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "pack.toml").write_text(text)
    return tmp_path


def error_for(tmp_path: Path, text: str) -> PackError:
    with pytest.raises(PackError) as caught:
        load_pack(write(tmp_path, text))
    return caught.value


def test_builtin_pack_loads(builtin_pack):
    assert builtin_pack.id == "pytorch-foundations"
    assert builtin_pack.lessons[0].id == "lesson01"
    for exercise in builtin_pack.exercises():
        assert exercise.stub_path.is_file(), exercise.stub_path
        assert exercise.solution_path.is_file(), exercise.solution_path
        assert exercise.checks_path.is_file(), exercise.checks_path
        assert len(exercise.hints) >= 2, f"{exercise.qualified_id} needs 2+ hint levels"
    for lesson in builtin_pack.lessons:
        assert lesson.text_path.is_file(), lesson.text_path


def test_defaults_and_paths(tmp_path):
    pack = load_pack(write(tmp_path, GOOD))
    first, second = pack.exercises()
    assert first.qualified_id == "lesson01/first"
    assert first.file == "lesson01_intro/first.py"
    assert first.checks == "lesson01_intro/test_first.py"
    assert first.timeout_s == 10 and first.gpu == "optional"
    assert second.timeout_s == 5 and second.gpu == "required"
    assert pack.lessons[0].text == "lessons/lesson01_intro.md"


def test_missing_manifest_names_the_file(tmp_path):
    with pytest.raises(PackError) as caught:
        load_pack(tmp_path)
    assert "pack.toml" in str(caught.value) and "no pack.toml" in str(caught.value)


def test_bad_toml_names_the_line(tmp_path):
    error = error_for(tmp_path, GOOD.replace('title = "Intro"', 'title = Intro'))
    assert error.line == 9
    assert "pack.toml:9" in str(error) and "not valid TOML" in str(error)


def test_unknown_field_is_named_with_its_line(tmp_path):
    error = error_for(tmp_path, GOOD.replace('hints = ["one"]', 'hint = ["one"]'))
    assert "lessons[0].exercises[1].hint" in str(error)
    assert "unknown field 'hint'" in str(error) and "hints" in str(error)
    assert error.line == 17


def test_wrong_format_version(tmp_path):
    error = error_for(tmp_path, GOOD.replace("format_version = 1", "format_version = 7"))
    assert "format_version" in str(error) and "got 7" in str(error)


def test_duplicate_exercise_id(tmp_path):
    error = error_for(tmp_path, GOOD.replace('id = "second"', 'id = "first"'))
    assert "duplicate exercise id 'first'" in str(error)
    assert "lessons[0].exercises[1].id" in str(error)


def test_bad_gpu_value(tmp_path):
    error = error_for(tmp_path, GOOD.replace('gpu = "required"', 'gpu = "yes"'))
    assert "lessons[0].exercises[1].gpu" in str(error)
    assert "none, optional, required" in str(error)


def test_bad_hints_type(tmp_path):
    error = error_for(tmp_path, GOOD.replace('hints = ["one"]', 'hints = "one"'))
    assert "lessons[0].exercises[1].hints" in str(error) and "list" in str(error)


def test_bad_id(tmp_path):
    error = error_for(tmp_path, GOOD.replace('id = "first"', 'id = "First one"'))
    assert "not a valid id" in str(error)


def test_negative_timeout(tmp_path):
    error = error_for(tmp_path, GOOD.replace("timeout_s = 5", "timeout_s = -1"))
    assert "timeout_s" in str(error) and "positive number" in str(error)


def test_missing_lessons(tmp_path):
    error = error_for(tmp_path, GOOD.split("[[lessons]]")[0])
    assert "at least one [[lessons]]" in str(error)


def test_targets(tmp_path):
    pack = load_pack(write(tmp_path, GOOD))
    assert [e.id for e in resolve_targets(pack, ["all"])] == ["first", "second"]
    assert [e.id for e in resolve_targets(pack, ["lesson01/second"])] == ["second"]
    assert [e.id for e in resolve_targets(pack, ["lesson01_intro"])] == ["first", "second"]
    with pytest.raises(TargetError, match="no lesson 'lesson09'.*lessons: lesson01"):
        resolve_targets(pack, ["lesson09"])
    with pytest.raises(TargetError, match="no exercise 'third' in lesson01; exercises: first"):
        resolve_targets(pack, ["lesson01/third"])


def test_course_package_never_imports_torch():
    import subprocess
    import sys

    code = ("import sys, tutor.course, tutor.workspace, tutor.grading, tutor.grading.live, "
            "tutor.grading.fake, tutor.cli; assert 'torch' not in sys.modules, 'torch loaded'")
    subprocess.run([sys.executable, "-c", code], check=True)
