"""``tutor pack check DIR --mutants``: mutation testing of a pack's checks."""

from __future__ import annotations

import argparse

from tutor.commands.common import CliError
from tutor.course import Exercise, Pack


def add_mutation_arguments(check: argparse.ArgumentParser) -> None:
    group = check.add_argument_group("mutation testing (--mutants)")
    group.add_argument("--mutants", action="store_true",
                       help="grade mutants of every solution: do the checks catch them?")
    group.add_argument("--lesson", metavar="lessonNN", help="only this lesson's exercises")
    group.add_argument("--exercise", metavar="lessonNN/name", action="append",
                       help="only this exercise (repeat it for several)")
    group.add_argument("-v", "--verbose", action="store_true",
                       help="show every surviving mutant as a unified diff")
    group.add_argument("--seed", type=int, default=0, help="seed for checks and sampling")
    group.add_argument("--jobs", type=int, default=0, help="mutants graded at once")
    group.add_argument("--time-budget", type=float, metavar="SECONDS",
                       help="stop grading new mutants after this long")
    group.add_argument("--max-mutants", type=int, metavar="N",
                       help="at most N mutants per exercise (a seeded sample)")


def selected(pack: Pack, lesson: str | None, exercises: list[str] | None) -> list[Exercise]:
    chosen = pack.exercises()
    if lesson is not None:
        if pack.lesson(lesson) is None:
            raise CliError(f"--lesson {lesson}: no such lesson in {pack.manifest_path} "
                           f"(lessons: {', '.join(ls.id for ls in pack.lessons)})")
        chosen = [ex for ex in chosen if ex.lesson_id == lesson]
    if exercises:
        for exercise in exercises:
            if pack.exercise(exercise) is None:
                raise CliError(f"--exercise {exercise}: no such exercise in "
                               f"{pack.manifest_path} (write it as lessonNN/name)")
        chosen = [ex for ex in chosen if ex.qualified_id in exercises]
    return [ex for ex in chosen if ex.solution_path.is_file() and ex.checks_path.is_file()]


def run_mutation(args: argparse.Namespace, pack: Pack) -> list[str]:
    """Print the mutation report; return the problems that make the check fail."""
    from tutor.grading import default_grader
    from tutor.packs.mutation.progress import ProgressBar
    from tutor.packs.mutation.report import problems, score_line, totals, write_report
    from tutor.packs.mutation.run import MutationOptions, mutation_test

    exercises = selected(pack, args.lesson, args.exercise)
    options = MutationOptions(seed=args.seed, jobs=args.jobs,
                              device="cpu" if args.device == "auto" else args.device,
                              time_budget_s=args.time_budget,
                              max_per_exercise=args.max_mutants)
    grader = default_grader()
    bar = ProgressBar()
    try:
        reports = mutation_test(grader, pack, exercises, options, progress=bar)
    finally:
        bar.close()
        grader.close()
    write_report(reports, args.verbose)
    found = problems(pack, reports)
    for problem in found:
        print(f"✗ {problem}")
    killed, total = totals(reports)
    print(score_line("mutation score:", killed, total))
    return found
