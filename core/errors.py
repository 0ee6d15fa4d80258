"""The engine's exception tree (the tool-level part lives in ``tools.errors``).

Every message says what is wrong and what to do about it.
"""

from __future__ import annotations

from tinyagent.tools.errors import (
    AmbiguousMatch,
    ConfigurationError,
    TinyAgentError,
    ToolArgumentError,
    ToolError,
)

__all__ = [
    "AmbiguousMatch",
    "ConfigurationError",
    "GrammarError",
    "HistoryError",
    "LLMUnavailable",
    "ModelLoadError",
    "ModelNotFound",
    "PlanError",
    "PlanSyntaxError",
    "PlanValidationError",
    "PromptTooLong",
    "SettingsError",
    "TinyAgentError",
    "ToolArgumentError",
    "ToolError",
]


class PlanError(TinyAgentError):
    """The planner's output is not a plan we can run."""


class PlanSyntaxError(PlanError):
    """A line of the plan does not follow the plan language."""

    def __init__(self, message: str, line_no: int, line: str) -> None:
        super().__init__(f"plan line {line_no}: {message}: {line.strip()!r}")
        self.line_no = line_no
        self.line = line


class PlanValidationError(PlanError):
    """The plan is well-formed but calls tools wrongly (unknown tool, arity, types, $N)."""

    def __init__(self, message: str, task_idx: int | None = None) -> None:
        super().__init__(message if task_idx is None else f"action {task_idx}: {message}")
        self.task_idx = task_idx


class ModelNotFound(TinyAgentError):
    """A model file or directory the settings point to does not exist."""


class ModelLoadError(TinyAgentError):
    """A model file exists but cannot be loaded (corrupt, wrong format, too large)."""


class LLMUnavailable(TinyAgentError):
    """The OpenAI-compatible server cannot be reached or answered with an error."""


class GrammarError(TinyAgentError, ValueError):
    """A GBNF grammar that llama.cpp cannot parse (a programmer error: fix the grammar)."""


class PromptTooLong(TinyAgentError, ValueError):
    """The prompt does not fit in the model's context window."""


class SettingsError(TinyAgentError):
    """The settings file could not be read or written."""


class HistoryError(TinyAgentError):
    """The conversation history could not be opened or saved (disk full, folder not writable…)."""
