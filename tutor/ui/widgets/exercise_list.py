"""The exercises of a lesson with a status mark each."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Label, ListItem, ListView

from tutor.course import Exercise
from tutor.grading.status import Status
from tutor.ui.widgets.marks import mark


class ExerciseItem(ListItem):
    def __init__(self, exercise: Exercise, number: int, status: Status) -> None:
        super().__init__(Label(self._text(exercise, number, status)),
                         id=f"exercise-{exercise.id}",
                         classes="-passed" if status is Status.PASSED else "")
        self.exercise = exercise
        self.number = number

    @staticmethod
    def _text(exercise: Exercise, number: int, status: Status) -> Text:
        return Text.assemble(mark(status), f" {number}. {exercise.title}")

    def show_status(self, status: Status) -> None:
        self.query_one(Label).update(self._text(self.exercise, self.number, status))
        self.set_class(status is Status.PASSED, "-passed")


class ExerciseList(ListView):
    """Highlighting an item makes it the current exercise; Enter opens it in the editor."""

    # The list is short; these keys scroll the lesson text beside it instead.
    BINDINGS = [Binding("enter", "select_cursor", "Edit", show=False),
                Binding("pageup", "screen.text_scroll('page_up')", show=False),
                Binding("pagedown", "screen.text_scroll('page_down')", show=False),
                Binding("home", "screen.text_scroll('home')", show=False),
                Binding("end", "screen.text_scroll('end')", show=False)]

    def __init__(self, exercises: list[tuple[Exercise, Status]], index: int, **kwargs: object
                 ) -> None:
        items = [ExerciseItem(ex, n, status) for n, (ex, status) in enumerate(exercises, 1)]
        super().__init__(*items, initial_index=index, **kwargs)  # type: ignore[arg-type]

    @property
    def exercise(self) -> Exercise | None:
        item = self.highlighted_child
        return item.exercise if isinstance(item, ExerciseItem) else None

    def item_for(self, exercise: Exercise) -> ExerciseItem | None:
        return next((item for item in self.query(ExerciseItem)
                     if item.exercise.qualified_id == exercise.qualified_id), None)

    def select_exercise(self, exercise: Exercise) -> None:
        for position, item in enumerate(self.query(ExerciseItem)):
            if item.exercise.qualified_id == exercise.qualified_id:
                self.index = position
