"""``tutor pack check DIR --mutants`` end to end on the fixture pack; [mutation] in pack.toml."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.course import PackError, load_pack
from tutor.packs.mutation.report import problems
from tutor.packs.mutation.run import MutationOptions, mutation_test

FAULT_PACK = Path(__file__).parent / "data" / "faultpack"
WEAK_CHECKS = '''def test_zero(exercise):
    """doubles 0"""
    assert exercise.double(0) == 0
'''


@pytest.fixture
def minipack(tmp_path: Path) -> Path:
    root = tmp_path / "minipack"
    shutil.copytree(FAULT_PACK, root)
    return root


def add_to_manifest(root: Path, text: str) -> None:
    manifest = root / "pack.toml"
    manifest.write_text(manifest.read_text() + "\n" + text)


@pytest.mark.slow
def test_end_to_end_all_killed(minipack, capsys):
    code = main(["pack", "check", str(minipack), "--mutants", "-v"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert "faults/double mutants killed 2/2 (100%)" in lines  # 3 * x and 2 / x
    assert lines[-1] == "mutation score: 2/2 (100%)"


@pytest.mark.slow
def test_end_to_end_survivor_is_shown_and_threshold_fails(minipack, capsys):
    (minipack / "tests/checks/faults_basics/test_double.py").write_text(WEAK_CHECKS)
    add_to_manifest(minipack, "[mutation]\nmin_score = 95\n")
    code = main(["pack", "check", str(minipack), "--mutants", "-v",
                 "--exercise", "faults/double"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 1
    # double(0) == 0 kills 2 / x (ZeroDivisionError) but not 3 * x
    assert "faults/double mutants killed 1/2 (50%)" in lines
    assert "  survived constant@2:12 (2 → 3):" in lines
    assert "    -    return 2 * x" in lines and "    +    return 3 * x" in lines
    assert "✗ mutation score 50% is below the pack's min_score 95%" in lines
    assert lines[-1] == "mutation score: 1/2 (50%)"


@pytest.mark.slow
def test_equivalents_are_excluded_and_listed(minipack, warm_grader):
    (minipack / "tests/checks/faults_basics/test_double.py").write_text(WEAK_CHECKS)
    add_to_manifest(minipack, '[mutation]\nmin_exercise_score = 100\n\n'
                              '[[mutation.equivalent]]\nexercise = "faults/double"\n'
                              'mutant = "constant@2:12"\n'
                              'reason = "for the test, pretend 3x equals 2x"\n')
    pack = load_pack(minipack)
    (report,) = mutation_test(warm_grader, pack, pack.exercises(), MutationOptions())
    assert (report.killed, report.total) == (1, 1)
    (outcome,) = [o for o in report.outcomes if o.mutant.key == "constant@2:12"]
    assert outcome.killed is False and outcome.equivalent.startswith("for the test")
    assert problems(pack, [report]) == []


@pytest.mark.slow
@pytest.mark.slow
def test_a_device_bound_equivalent_applies_only_on_its_device(minipack, warm_grader):
    (minipack / "tests/checks/faults_basics/test_double.py").write_text(WEAK_CHECKS)
    add_to_manifest(minipack, '[[mutation.equivalent]]\nexercise = "faults/double"\n'
                              'mutant = "constant@2:12"\nreason = "pretend only a GPU shows it"\n'
                              'only_on = "mps"\n')
    pack = load_pack(minipack)
    (report,) = mutation_test(warm_grader, pack, pack.exercises(), MutationOptions())
    assert (report.killed, report.total) == (1, 2)  # a CPU run: the mark does not apply
    assert problems(pack, [report]) == []


def test_a_stale_or_killed_equivalent_is_a_problem(minipack, warm_grader):
    add_to_manifest(minipack, '[[mutation.equivalent]]\nexercise = "faults/double"\n'
                              'mutant = "constant@2:12"\nreason = "wrongly marked as the same"\n'
                              '\n[[mutation.equivalent]]\nexercise = "faults/double"\n'
                              'mutant = "sum_mean@9:9"\nreason = "marks a mutant that is gone"\n')
    pack = load_pack(minipack)
    reports = mutation_test(warm_grader, pack, pack.exercises(), MutationOptions())
    found = problems(pack, reports)
    assert len(found) == 2
    assert "constant@2:12 equivalent, but the checks kill it" in found[0]
    assert "sum_mean@9:9 equivalent, but the solution has no such mutant now" in found[1]


@pytest.mark.slow
def test_a_failing_solution_is_reported_not_scored(minipack, warm_grader):
    (minipack / "solutions/faults_basics/double.py").write_text(
        "def double(x: int) -> int:\n    return x + 1\n")
    pack = load_pack(minipack)
    (report,) = mutation_test(warm_grader, pack, pack.exercises(), MutationOptions())
    assert report.problem.startswith("the solution does not pass its checks")
    assert report.outcomes == []


def test_narrowing_to_a_missing_exercise_is_a_usage_error(minipack, capsys):
    assert main(["pack", "check", str(minipack), "--mutants", "--exercise", "faults/x"]) == 2
    assert "--exercise faults/x: no such exercise" in capsys.readouterr().err
    assert main(["pack", "check", str(minipack), "--mutants", "--lesson", "lesson09"]) == 2


@pytest.mark.parametrize(("text", "field", "line", "message"), [
    ("[mutation]\nmin_score = 120\n", "mutation.min_score", 19, "percentage from 0 to 100"),
    ("[mutation]\nmin_scor = 90\n", "mutation.min_scor", 19, "unknown field 'min_scor'"),
    ("[mutation]\noperators = \"dim_swap\"\n", "mutation.operators", 19, "list of non-empty"),
    ("[mutation]\nplugins = [\"nope.py\"]\n", "mutation.plugins", 19, "no such file"),
    ('[[mutation.equivalent]]\nexercise = "faults/nope"\nmutant = "dim_swap@1:1"\n'
     'reason = "the same thing"\n', "mutation.equivalent[0].exercise", 19, "no exercise"),
    ('[[mutation.equivalent]]\nexercise = "faults/double"\nmutant = "dim swap"\n'
     'reason = "the same thing"\n', "mutation.equivalent[0].mutant", 20, "not a mutant key"),
    ('[[mutation.equivalent]]\nexercise = "faults/double"\nmutant = "dim_swap@1:1"\n',
     "mutation.equivalent[0].reason", 18, "missing or empty 'reason'"),
    ('[[mutation.equivalent]]\nexercise = "faults/double"\nmutant = "dim_swap@1:1"\n'
     'reason = "same"\n', "mutation.equivalent[0].reason", 21, "say why"),
    ('[[mutation.equivalent]]\nexercise = "faults/double"\nmutant = "dim_swap@1:1"\n'
     'reason = "the same thing"\ncolour = 1\n', "mutation.equivalent[0].colour", 22,
     "unknown field 'colour'"),
    ('[[mutation.equivalent]]\nexercise = "faults/double"\nmutant = "dim_swap@1:1"\n'
     'reason = "the same thing"\nonly_on = "gpu"\n', "mutation.equivalent[0].only_on", 22,
     "expected one of cpu, cuda, mps"),
])
def test_mutation_table_is_validated_strictly(minipack, text, field, line, message):
    add_to_manifest(minipack, text)
    with pytest.raises(PackError) as raised:
        load_pack(minipack)
    error = raised.value
    assert (error.where, error.line) == (field, line)
    assert message in error.problem and error.path == minipack / "pack.toml"


def test_a_valid_mutation_table_is_read(minipack):
    add_to_manifest(minipack, '[mutation]\nmin_score = 90\nmin_exercise_score = 80\n'
                              'operators = ["constant"]\n\n[[mutation.equivalent]]\n'
                              'exercise = "faults/double"\nmutant = "constant@2:12#2"\n'
                              'reason = "an example of a reason"\n')
    config = load_pack(minipack).mutation
    assert (config.min_score, config.min_exercise_score, config.operators) == \
        (90.0, 80.0, ("constant",))
    assert config.equivalent[0].mutant == "constant@2:12#2"


@pytest.mark.slow
def test_a_spent_time_budget_leaves_mutants_ungraded(minipack, warm_grader):
    from tutor.packs.mutation.report import write_report

    pack = load_pack(minipack)
    (report,) = mutation_test(warm_grader, pack, pack.exercises(),
                              MutationOptions(time_budget_s=0.0))
    assert [o.killed for o in report.outcomes] == [None, None] and report.total == 0
    lines: list[str] = []
    write_report([report], verbose=False, write=lines.append)
    assert lines == ["faults/double mutants killed 0/0 (100%)",
                     "  2 mutant(s) not graded: the time budget ran out"]


class _Terminal(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_progress_bar_only_on_a_terminal():
    from tutor.packs.mutation.progress import ProgressBar

    piped, terminal = _Terminal(False), _Terminal(True)
    for stream in (piped, terminal):
        bar = ProgressBar(stream)
        bar(3, 12, 2)
        bar.close()
    assert piped.getvalue() == ""
    assert "[#######" in terminal.getvalue() and "3/12 mutants · 2 killed" in terminal.getvalue()


def test_exercise_repeats_to_narrow_to_several():
    from tutor.commands.mutants import selected
    from tutor.course import builtin_pack_root

    pack = load_pack(builtin_pack_root())
    wanted = ["lesson10/conv2d_out_shape", "lesson04/broadcast_shape"]
    chosen = selected(pack, None, wanted)
    assert [ex.qualified_id for ex in chosen] == sorted(wanted)   # in course order
    assert [ex.qualified_id for ex in selected(pack, "lesson04", wanted)] == [wanted[1]]
