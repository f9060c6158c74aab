"""The learner's workspace: stub copies, progress state, backups. No torch here."""

from tutor.workspace.state import ExerciseProgress, WorkspaceState
from tutor.workspace.workspace import Workspace, WorkspaceError

__all__ = ["ExerciseProgress", "Workspace", "WorkspaceError", "WorkspaceState"]
