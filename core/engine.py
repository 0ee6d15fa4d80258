"""Building the engine from the user's settings: model, backend, writer, joiner, agent.

The CLI and the GUI both call ``build_agent``; they differ only in the confirmation
and choice callbacks they inject.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from tinyagent.core.agent import Agent, AgentOptions
from tinyagent.core.config import configure_backend
from tinyagent.core.errors import ModelNotFound, TinyAgentError
from tinyagent.core.executor import ChooseCallback, ConfirmCallback, decline_all
from tinyagent.core.joiner import Joiner, LLMJoiner, RuleJoiner
from tinyagent.core.llm import LLM
from tinyagent.core.models import builtin_root, resolve_gguf
from tinyagent.core.planner import ExamplePicker, Planner, PlannerOptions, ToolSelector
from tinyagent.core.prompt import PROMPT_FORMATS, Example
from tinyagent.core.secrets import get_secret
from tinyagent.core.settings import Settings, UserPaths
from tinyagent.core.writer import make_writer
from tinyagent.tools.backends import make_backend
from tinyagent.tools.registry import App, ToolSpec, tools_for_apps


@dataclass(frozen=True)
class ModelChoice:
    """Command-line overrides of the planner in settings (None: use the settings)."""

    gguf_path: str | None = None
    llm_url: str | None = None
    llm_model: str | None = None


def open_llm(settings: Settings, choice: ModelChoice = ModelChoice()) -> LLM:
    """The planner's model: a GGUF file in-process, or an OpenAI-compatible server."""
    planner = settings.planner
    if choice.gguf_path or (not choice.llm_url and planner.kind == "gguf"):
        path = choice.gguf_path or planner.gguf_path
        if not path:
            raise ModelNotFound(
                "Settings choose a GGUF planner but name no file; set its path or pass --model."
            )
        from tinyagent.core.llama_cpp import LlamaCppLLM  # loads llama.cpp only when needed

        return LlamaCppLLM(resolve_gguf(path), n_ctx=planner.n_ctx)
    if choice.llm_url or planner.kind == "http":
        url = choice.llm_url or planner.llm_url
        if not url:
            raise ModelNotFound("Settings choose a server planner but give no URL; set it or pass --llm-url.")
        from tinyagent.core.openai_http import OpenAIHttpLLM

        return OpenAIHttpLLM(
            url, model=choice.llm_model or planner.llm_model, api_key=get_secret("llm_api_key")
        )
    from tinyagent.core.llama_cpp import LlamaCppLLM

    # A 3M-parameter model: one thread decodes fastest; more only wait on each other
    # (2 threads: p50 103 ms against 36 ms per plan on a busy 2-core machine).
    return LlamaCppLLM(resolve_gguf("builtin-planner"), n_ctx=1024, n_threads=1)


def prompt_format_for(settings: Settings, choice: ModelChoice = ModelChoice()) -> str:
    """``builtin`` for the built-in planner; ``tinyagent`` for TinyAgent models and servers."""
    if choice.gguf_path or choice.llm_url or settings.planner.kind != "builtin":
        return "tinyagent"
    return "builtin"


def planner_options(settings: Settings, prompt_format: str, *, use_grammar: bool = True) -> PlannerOptions:
    """How the planner is asked: the built-in planner gets the request grammar, merged
    follow-ups and clause-by-clause planning; other models the TinyAgent layout."""
    builtin = prompt_format == "builtin"
    return PlannerOptions(
        max_tokens=settings.planner.max_tokens,
        use_grammar=use_grammar,
        custom_instructions=settings.custom_instructions,
        chat=settings.planner.chat,
        grammar_mode="request" if builtin else "static",
        context_mode="merge" if builtin else "prompt",
        split_intents=builtin,
        complete_lists=builtin,
        fill_messages=builtin,
    )


def enabled_tools(settings: Settings) -> tuple[ToolSpec, ...]:
    """The tools of the apps switched on in settings."""
    return tools_for_apps([App(name) for name in settings.enabled_apps])


def make_joiner(llm: LLM, tools: Sequence[ToolSpec]) -> Joiner:
    """The model writes the answer when it can write prose; otherwise the rules do."""
    specs = {s.name: s for s in tools}
    return LLMJoiner(llm, specs) if llm.writes_prose else RuleJoiner(specs)


@dataclass(frozen=True)
class Retrieval:
    """ToolRAG's tool selector and example picker (None where switched off or missing)."""

    select_tools: ToolSelector | None = None
    pick_examples: ExamplePicker | None = None
    warning: str | None = None


def load_retrieval(settings: Settings, prompt_format: str) -> Retrieval:
    """The built-in ToolRAG classifier, and its example index for the TinyAgent prompt.

    A missing or broken ToolRAG is not fatal: every enabled tool is offered instead.
    """
    if not settings.toolrag:
        return Retrieval()
    from tinyagent.core.embedding import SentenceEncoder
    from tinyagent.core.examples import ExampleIndex
    from tinyagent.core.toolrag import ToolRAG

    folder = builtin_root() / "toolrag"
    try:
        encoder = SentenceEncoder()
        toolrag = ToolRAG.builtin(folder, encoder=encoder)
        if prompt_format != "tinyagent":  # only the TinyAgent prompt shows examples
            return Retrieval(toolrag)
        index = ExampleIndex.load(folder, encoder=encoder)
    except TinyAgentError as error:
        return Retrieval(warning=f"ToolRAG is off ({error}); the planner sees every enabled tool.")

    def pick(query: str, tools: Sequence[ToolSpec]) -> list[Example]:
        return index.nearest(query, tools, k=6)

    return Retrieval(toolrag, pick)


@dataclass(frozen=True)
class BuiltAgent:
    """The agent, with what the user should be told about its configuration."""

    agent: Agent
    warnings: tuple[str, ...]


def build_agent(
    settings: Settings,
    paths: UserPaths,
    llm: LLM,
    *,
    backend: str | None = None,
    data_dir: Path | None = None,
    confirm: ConfirmCallback = decline_all,
    choose: ChooseCallback | None = None,
    use_grammar: bool = True,
    prompt_format: str = "tinyagent",
    retrieval: Retrieval | None = None,
) -> BuiltAgent:
    """Everything wired together; ``backend``/``data_dir`` override the settings.

    ``retrieval`` reuses an already loaded ToolRAG (the app keeps it across settings
    changes: loading it takes seconds); by default it is loaded as the settings say.
    """
    configured = configure_backend(settings, paths)
    if retrieval is None:
        retrieval = load_retrieval(settings, prompt_format)
    config = configured.config if data_dir is None else replace(configured.config, data_dir=data_dir)
    writer = make_writer(llm, settings.writer, settings.custom_instructions)
    tools = enabled_tools(settings)
    planner = Planner(
        llm,
        planner_options(settings, prompt_format, use_grammar=use_grammar),
        pick_examples=retrieval.pick_examples,
        prompt_builder=PROMPT_FORMATS[prompt_format],
        select_tools=retrieval.select_tools,
    )
    agent = Agent(
        planner,
        make_backend(backend or settings.backend, config, writer),
        tools,
        make_joiner(llm, tools),
        confirm=confirm,
        choose=choose,
        select_tools=retrieval.select_tools,
        options=AgentOptions(task_timeout_s=settings.task_timeout_s),
    )
    warnings = configured.warnings + ((retrieval.warning,) if retrieval.warning else ())
    return BuiltAgent(agent, warnings)
