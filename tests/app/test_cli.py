"""The CLI's contract: exit codes, output formats, learner commands."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tutor.cli import main

FAULT_PACK = Path(__file__).parent / "data" / "faultpack"


def tutor(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=300)


@pytest.fixture
def workspace(tmp_path):
    assert main(["init", str(tmp_path / "ws")]) == 0
    return tmp_path / "ws"


@pytest.mark.slow
def test_new_workspace_fails_as_a_real_command(workspace):
    """The installed entry point, once, in its own process (its own warm worker)."""
    fresh = tutor("check", "lesson01", cwd=workspace)
    assert fresh.returncode == 1, fresh.stdout + fresh.stderr
    assert "not started" in fresh.stdout
    assert "exercises passed" in fresh.stdout.splitlines()[-1]


@pytest.mark.slow
def test_solutions_pass(workspace, shared_grader, capsys):
    assert main(["check", "lesson01", "--solutions", "--workspace", str(workspace)]) == 0
    out = capsys.readouterr().out
    # A passing run is one line per exercise, no list of checks (--verbose has them).
    assert "lesson01/make_grid passed" in out and "✓" not in out and "✗" not in out
    assert out.splitlines()[-1].startswith("6 of 6 exercises passed")


@pytest.mark.slow
def test_json_output_shape(workspace, shared_grader, capsys):
    code = main(["check", "lesson01/make_grid", "--workspace", str(workspace),
                 "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert code == 1
    exercise = document["exercises"][0]
    assert exercise["id"] == "lesson01/make_grid"
    assert exercise["status"] == "not_started"
    check = exercise["checks"][0]
    assert {"name", "status", "message", "details", "duration", "device", "id"} <= set(check)
    assert document["summary"]["exercises"] == 1


@pytest.mark.slow
def test_junit_and_gradescope_files(tmp_path, shared_grader, capsys):
    junit = tmp_path / "report.xml"
    code = main(["check", "--pack", str(FAULT_PACK), "--solutions", "--format", "junit",
                 "--output", str(junit)])
    assert code == 0
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None and suite.get("name") == "faults/double"
    assert suite.get("tests") == "3" and suite.get("failures") == "0"
    gradescope = tmp_path / "results.json"
    code = main(["check", "--pack", str(FAULT_PACK), "--stubs", "--format", "gradescope",
                 "--output", str(gradescope)])
    assert code == 1
    results = json.loads(gradescope.read_text())
    assert results["score"] == 0 and results["max_score"] == 3
    assert {t["status"] for t in results["tests"]} == {"failed"}
    assert all({"name", "score", "max_score", "output", "visibility"} <= set(t)
               for t in results["tests"])


def test_usage_errors_exit_2(tmp_path, workspace, capsys):
    assert main(["check", "lesson99", "--workspace", str(workspace)]) == 2
    assert "no lesson 'lesson99'" in capsys.readouterr().err
    assert main(["check", "lesson01", "--workspace", str(tmp_path / "nowhere")]) == 2
    assert "not a torch-tutor workspace" in capsys.readouterr().err
    (tmp_path / "badpack").mkdir()
    (tmp_path / "badpack" / "pack.toml").write_text("format_version = 1\nid = [\n")
    assert main(["check", "--pack", str(tmp_path / "badpack"), "--solutions"]) == 2
    assert "pack.toml" in capsys.readouterr().err


def test_no_workspace_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check", "lesson01"]) == 2
    assert "tutor init" in capsys.readouterr().err


def test_init_refuses_existing(workspace, capsys):
    assert main(["init", str(workspace)]) == 2
    assert "nothing was changed" in capsys.readouterr().err


def test_hint_levels(workspace, capsys, builtin_pack):
    exercise = builtin_pack.exercises()[0]
    assert main(["hint", exercise.qualified_id, "--workspace", str(workspace)]) == 0
    first = capsys.readouterr().out
    assert f"Hint 1/{len(exercise.hints)}" in first and "Hint 2/" not in first
    assert main(["hint", exercise.qualified_id, "--workspace", str(workspace)]) == 0
    assert "Hint 2/" in capsys.readouterr().out
    assert main(["hint", exercise.qualified_id, "--level", "99", "--workspace",
                 str(workspace)]) == 2


def test_solution_needs_pass_or_force(workspace, capsys, builtin_pack):
    exercise = builtin_pack.exercises()[0]
    assert main(["solution", exercise.qualified_id, "--workspace", str(workspace)]) == 1
    assert "has not passed yet" in capsys.readouterr().err
    assert main(["solution", exercise.qualified_id, "--force", "--workspace",
                 str(workspace)]) == 0
    assert capsys.readouterr().out == exercise.solution_path.read_text()


def test_reset_keeps_a_backup(workspace, capsys, builtin_pack):
    exercise = builtin_pack.exercises()[0]
    path = workspace / "exercises" / exercise.file
    path.write_text("# my attempt\n")
    assert main(["reset", exercise.qualified_id, "--yes", "--workspace", str(workspace)]) == 0
    out = capsys.readouterr().out
    assert "kept at" in out
    backups = list((workspace / ".tutor" / "backups").rglob("*.py"))
    assert len(backups) == 1 and backups[0].read_text() == "# my attempt\n"


def test_list_shows_progress(workspace, capsys):
    assert main(["list", "--workspace", str(workspace)]) == 0
    out = capsys.readouterr().out
    assert "lesson01" in out and "not started" in out and "[0/" in out


@pytest.mark.slow
def test_doctor_reports_versions():
    done = tutor("doctor")
    assert "torch " in done.stdout and "torchvision" in done.stdout
    assert done.returncode in (0, 1)


def test_doctor_explains_cpu_torch_with_cuda_torchvision():
    from tutor.commands.doctor import diagnose

    problems = diagnose({"torch": "2.13.0+cpu", "torchvision_error":
                         "RuntimeError: operator torchvision::nms does not exist"})
    assert problems and "different builds" in problems[0]
    assert "pip install --force-reinstall torch torchvision" in problems[0]
