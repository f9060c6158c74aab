"""Check files compiled once in the worker (tutor.grading.rewrite_cache)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from _pytest.assertion import rewrite

from tutor.grading import rewrite_cache

FAILING = "def test_one():\n    x = 1\n    assert x == 2\n"


@pytest.fixture(autouse=True)
def _pytest_keeps_its_own_reader(monkeypatch):
    """install() replaces pytest's pyc reader: only for the test that calls it."""
    monkeypatch.setattr(rewrite, "_read_pyc", rewrite._read_pyc)
    yield
    rewrite_cache.forget()


def _check_file(folder: Path, body: str = FAILING) -> Path:
    (folder / "tests" / "checks" / "lesson01").mkdir(parents=True)
    (folder / "tests" / "checks" / "conftest.py").write_text("VALUE = 1\n")
    check = folder / "tests" / "checks" / "lesson01" / "test_one.py"
    check.write_text(body)
    return check


def test_files_of_lists_the_checks_and_every_conftest_up_to_the_pack_root(tmp_path):
    check = _check_file(tmp_path)
    (tmp_path / "conftest.py").write_text("")
    found = rewrite_cache.files_of([check], tmp_path)
    assert found == [tmp_path / "tests/checks/conftest.py", tmp_path / "conftest.py", check]


def test_prepared_code_is_served_to_pytest_until_the_file_changes(tmp_path):
    check = _check_file(tmp_path)
    rewrite_cache.forget()
    rewrite_cache.prepare([check])
    rewrite_cache.install()
    try:
        code = rewrite._read_pyc(check, tmp_path / "unused.pyc")
        assert code is not None
        namespace: dict[str, object] = {}
        exec(code, namespace)  # noqa: S102 - the rewritten check, as pytest runs it
        try:
            namespace["test_one"]()  # type: ignore[operator]
        except AssertionError as error:
            assert "assert 1 == 2" in str(error)  # pytest's rewriting explains the values
        else:
            raise AssertionError("the rewritten check did not fail")
        # An edit (new size and mtime) is never served from the cache.
        check.write_text("def test_one():\n    assert True\n")
        os.utime(check, ns=(1, 1))
        assert rewrite._read_pyc(check, tmp_path / "unused.pyc") is None
    finally:
        rewrite_cache.forget()


def test_a_file_that_does_not_compile_is_left_to_pytest(tmp_path):
    check = _check_file(tmp_path, body="def test_one(:\n")
    rewrite_cache.forget()
    rewrite_cache.prepare([check])
    rewrite_cache.install()
    try:
        assert rewrite._read_pyc(check, tmp_path / "unused.pyc") is None
    finally:
        rewrite_cache.forget()
