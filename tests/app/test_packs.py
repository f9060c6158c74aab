"""Instructor packs: scaffold → validate → install → grade → export, and the refusals."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tutor.cli import main

SECOND_EXERCISE = """
  [[lessons.exercises]]
  id = "add_bias"
  title = "Add a bias to every row"
  hints = ["Broadcasting adds a (D,) vector to every row of (N, D).", "return X + b"]
"""
STUB = '''"""Lesson 01, exercise 2: add a bias to every row."""

import torch


def add_bias(X: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """X: shape (N, D); b: shape (D,). Returns X + b row by row."""
    # TODO: add b to every row of X
    raise NotImplementedError("add_bias: not written yet")
'''
SOLUTION = '''import torch


def add_bias(X: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return X + b
'''
CHECKS = '''import torch

from tutor.testing import assert_close, describe_call, randn


def test_rows(exercise, rng):
    """adds b to every row"""
    X, b = randn(4, 3, generator=rng), randn(3, generator=rng)
    assert_close(exercise.add_bias(X, b), X + b, call=describe_call("add_bias", X, b))
'''


def extend_pack(root: Path) -> None:
    """Follow docs/authoring.md: a manifest entry and the three mirrored files."""
    with open(root / "pack.toml", "a") as manifest:
        manifest.write(SECOND_EXERCISE)
    (root / "exercises/lesson01_basics/add_bias.py").write_text(STUB)
    (root / "solutions/lesson01_basics/add_bias.py").write_text(SOLUTION)
    (root / "tests/checks/lesson01_basics/test_add_bias.py").write_text(CHECKS)
    lesson = root / "lessons/lesson01_basics.md"
    lesson.write_text(lesson.read_text() + "\n## Exercise 2 — Add a bias (`add_bias`)\n\n"
                      "1. Return X + b.\n")


@pytest.fixture
def new_pack(tmp_path, capsys):
    assert main(["pack", "new", str(tmp_path / "mypack")]) == 0
    capsys.readouterr()
    return tmp_path / "mypack"


@pytest.mark.slow
def test_new_pack_extended_is_valid_graded_and_exported(new_pack, tmp_path, shared_grader,
                                                       capsys):
    extend_pack(new_pack)
    assert main(["pack", "check", str(new_pack)]) == 0, capsys.readouterr().out
    capsys.readouterr()
    results = tmp_path / "results.json"
    assert main(["check", "--pack", str(new_pack), "--solutions", "--format", "gradescope",
                 "--output", str(results)]) == 0
    document = json.loads(results.read_text())
    assert document["score"] == document["max_score"] > 0
    names = {t["name"].split(":")[0] for t in document["tests"]}
    assert names == {"lesson01/scale", "lesson01/add_bias"}
    bundle = tmp_path / "autograder.zip"
    assert main(["pack", "export-gradescope", str(new_pack), "-o", str(bundle)]) == 0
    with zipfile.ZipFile(bundle) as archive:
        members = set(archive.namelist())
    assert {"setup.sh", "run_autograder", "pack/pack.toml",
            "pack/tests/checks/lesson01_basics/test_add_bias.py",
            "tutor_src/tutor/cli.py"} <= members


@pytest.mark.slow
def test_run_autograder_against_a_fake_autograder_tree(new_pack, tmp_path):
    bundle = tmp_path / "autograder.zip"
    assert main(["pack", "export-gradescope", str(new_pack), "-o", str(bundle)]) == 0
    root = tmp_path / "autograder"
    (root / "source").mkdir(parents=True)
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(root / "source")
    submission = root / "submission"
    submission.mkdir()
    (submission / "scale.py").write_text(  # loose file, matched by name
        (new_pack / "solutions/lesson01_basics/scale.py").read_text())
    script = root / "source" / "run_autograder"
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "PYTHON": sys.executable}
    done = subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    results = json.loads((root / "results" / "results.json").read_text())
    assert results["max_score"] == 4
    passed = [t for t in results["tests"] if t["status"] == "passed"]
    assert len(passed) == 4  # scale's 4 checks (its GPU check is skipped: allowed)
    assert results["score"] == 4


def test_pack_check_reports_problems_with_exercise_and_file(new_pack, capsys):
    (new_pack / "exercises/lesson01_basics/stray.py").write_text("x = 1\n")
    stub = new_pack / "exercises/lesson01_basics/scale.py"
    stub.write_text(stub.read_text().replace("# TODO: multiply x by factor\n", ""))
    manifest = new_pack / "pack.toml"
    manifest.write_text(manifest.read_text().replace(
        '  hints = [\n    "Tensors support arithmetic with Python numbers directly.",\n'
        '    "x * factor keeps x\'s shape, dtype and device.",\n  ]\n', "  hints = []\n"))
    assert main(["pack", "check", str(new_pack), "--static"]) == 1
    out = capsys.readouterr().out
    assert "stray.py: not listed in pack.toml" in out
    assert "lesson01/scale" in out and "no `# TODO`" in out
    assert "no hints" in out


@pytest.mark.slow
def test_pack_check_catches_a_stub_that_passes_and_a_wrong_solution(new_pack, shared_grader,
                                                                   capsys):
    (new_pack / "exercises/lesson01_basics/scale.py").write_text(
        "# TODO: nothing\ndef scale(x, factor):\n    return x * factor\n")
    (new_pack / "solutions/lesson01_basics/scale.py").write_text(
        "def scale(x, factor):\n    return x + factor\n")
    assert main(["pack", "check", str(new_pack)]) == 1
    out = capsys.readouterr().out
    assert "pass on the untouched stub" in out
    assert "the solution does not pass" in out


def test_pack_check_unreadable_manifest_exit_2(new_pack, capsys):
    (new_pack / "pack.toml").write_text('format_version = 1\nid = "x"\ntitle = \n')
    assert main(["pack", "check", str(new_pack)]) == 2
    err = capsys.readouterr().err
    assert "pack.toml:3" in err


def test_add_list_remove(new_pack, capsys):
    assert main(["pack", "add", str(new_pack)]) == 0
    captured = capsys.readouterr()
    assert "Packs run code" in captured.err and "Installed mypack" in captured.out
    assert main(["pack", "add", str(new_pack)]) == 2
    assert "already installed" in capsys.readouterr().err
    assert main(["pack", "list"]) == 0
    listing = capsys.readouterr().out
    assert "pytorch-foundations" in listing and "mypack" in listing
    assert main(["pack", "remove", "mypack"]) == 0
    assert main(["pack", "remove", "pytorch-foundations"]) == 2


def test_add_from_archives_and_init_with_it(new_pack, tmp_path, capsys):
    archive = tmp_path / "mypack.tar.gz"
    with tarfile.open(archive, "w:gz") as bundle:
        bundle.add(new_pack, arcname="mypack")
    assert main(["pack", "add", str(archive)]) == 0
    assert main(["init", str(tmp_path / "ws"), "--pack", "mypack"]) == 0
    assert (tmp_path / "ws/exercises/lesson01_basics/scale.py").is_file()
    zipped = tmp_path / "mypack.zip"
    with zipfile.ZipFile(zipped, "w") as bundle:
        for path in new_pack.rglob("*"):
            bundle.write(path, path.relative_to(new_pack).as_posix())
    assert main(["pack", "add", str(zipped), "--replace"]) == 0


def _zip_with(tmp_path: Path, name: str, members: dict[str, bytes],
              symlink: str | None = None) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as bundle:
        for member, data in members.items():
            bundle.writestr(member, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = 0o120777 << 16
            bundle.writestr(info, "/etc/passwd")
    return path


@pytest.mark.parametrize("member, reason", [
    ("../evil.py", "outside the pack folder"),
    ("/tmp/evil.py", "absolute path"),
])
def test_unsafe_zip_is_refused(tmp_path, capsys, member, reason):
    archive = _zip_with(tmp_path, "bad.zip", {"pack.toml": b"", member: b"print(1)"})
    assert main(["pack", "add", str(archive)]) == 2
    err = capsys.readouterr().err
    assert reason in err and "nothing was installed" in err
    assert not (tmp_path / "evil.py").exists()


def test_zip_with_link_is_refused(tmp_path, capsys):
    archive = _zip_with(tmp_path, "link.zip", {"pack.toml": b""}, symlink="lessons/x.md")
    assert main(["pack", "add", str(archive)]) == 2
    assert "symbolic link" in capsys.readouterr().err


def test_tar_with_link_is_refused(tmp_path, capsys):
    archive = tmp_path / "link.tar.gz"
    with tarfile.open(archive, "w:gz") as bundle:
        info = tarfile.TarInfo("pack.toml")
        info.size = 0
        bundle.addfile(info, io.BytesIO(b""))
        link = tarfile.TarInfo("escape")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc"
        bundle.addfile(link)
    assert main(["pack", "add", str(archive)]) == 2
    assert "is a link" in capsys.readouterr().err
