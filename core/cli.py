"""The ``tinyagent`` command line: run, plan, eval, contacts import, models.

Exit codes: 0 done; 1 the request or a task failed; 2 bad usage, input or configuration.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TextIO

from tinyagent.core.agent import query_problem
from tinyagent.core.console import Console
from tinyagent.core.engine import (
    ModelChoice,
    Retrieval,
    build_agent,
    enabled_tools,
    load_retrieval,
    open_llm,
    planner_options,
    prompt_format_for,
)
from tinyagent.core.errors import PlanError, TinyAgentError
from tinyagent.core.evaluation import EvalCase, evaluate, load_cases
from tinyagent.core.events import AnswerReady, RunFailed, TaskFinished, TaskStatus
from tinyagent.core.llm import LLM
from tinyagent.core.models_cli import add_models_parser, run_models_command
from tinyagent.core.plan import render_plan
from tinyagent.core.planner import Planner, PlanRequest
from tinyagent.core.prompt import PROMPT_FORMATS
from tinyagent.core.settings import Settings, load_settings, user_paths

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _now(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not 'YYYY-MM-DD HH:MM:SS'") from None


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return value


def _model_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("planner model (default: from settings)")
    group.add_argument("--model", metavar="GGUF", help="run this GGUF model in-process with llama.cpp")
    group.add_argument(
        "--llm-url", metavar="URL", help="an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1"
    )
    group.add_argument("--llm-model", metavar="NAME", help="the model name to ask the server for")
    group.add_argument(
        "--no-grammar", action="store_true", help="do not constrain output with the plan grammar"
    )
    group.add_argument(
        "--prompt-format",
        choices=sorted(PROMPT_FORMATS),
        help="the prompt layout the model was trained on (default: builtin for the built-in "
        "planner, tinyagent otherwise)",
    )
    parser.add_argument("--now", type=_now, metavar='"YYYY-MM-DD HH:MM:SS"', help='fix "today"')
    parser.add_argument("--json", action="store_true", help="print one JSON object per line")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tinyagent", description="A private, local assistant.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = commands.add_parser("run", help="plan a request, confirm what reaches people, and carry it out")
    run.add_argument("query")
    _model_options(run)
    run.add_argument("--yes", action="store_true", help="approve everything without asking")
    run.add_argument("--backend", choices=("macos", "local"), help="override the platform's default")
    run.add_argument("--data-dir", type=Path, metavar="DIR", help="the local backend's data folder")
    plan = commands.add_parser("plan", help="print the plan only; execute nothing")
    plan.add_argument("query")
    _model_options(plan)
    ev = commands.add_parser("eval", help="score plans against the gold plans of a JSONL file")
    ev.add_argument("cases", type=Path)
    _model_options(ev)
    ev.add_argument(
        "--ablation",
        action="store_true",
        help="plan every case once per tool selector (all tools, basic embedding RAG, the ToolRAG "
        "classifier) and print recall, tools, prompt tokens, success and latency per selector",
    )
    ev.add_argument(
        "--rag-k",
        type=_positive_int,
        default=3,
        metavar="K",
        help="with --ablation: basic RAG offers the tools of the K nearest training examples (default 3)",
    )
    contacts = commands.add_parser("contacts", help="the local backend's address book")
    contacts_commands = contacts.add_subparsers(dest="contacts_command", metavar="ACTION", required=True)
    imp = contacts_commands.add_parser("import", help="import a vCard (.vcf) file")
    imp.add_argument("vcf", type=Path)
    imp.add_argument("--data-dir", type=Path, metavar="DIR", help="the local backend's data folder")
    add_models_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``tinyagent`` command."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    loaded = load_settings()
    for warning in loaded.warnings:
        print(f"tinyagent: warning: {warning}", file=sys.stderr)
    try:
        if args.command == "contacts":
            return _import_contacts(args, loaded.settings)
        if args.command == "models":
            return run_models_command(args)
        return asyncio.run(_COMMANDS[args.command](args, loaded.settings))
    except TinyAgentError as error:
        print(f"tinyagent: {error}", file=sys.stderr)
        return EXIT_USAGE if not isinstance(error, PlanError) else EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_FAILED


def _choice(args: argparse.Namespace) -> ModelChoice:
    return ModelChoice(args.model, args.llm_url, args.llm_model)


def _prompt_format(args: argparse.Namespace, settings: Settings) -> str:
    return str(args.prompt_format or prompt_format_for(settings, _choice(args)))


def _llm(args: argparse.Namespace, settings: Settings) -> LLM:
    llm = open_llm(settings, _choice(args))
    load = getattr(llm, "load", None)
    if load is not None:
        load()  # a missing or corrupt model file is reported before anything starts
    return llm


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    console = Console(sys.stdout, json_lines=args.json, assume_yes=args.yes)
    llm = _llm(args, settings)
    try:
        built = build_agent(
            settings,
            user_paths(),
            llm,
            backend=args.backend,
            data_dir=args.data_dir,
            confirm=console.confirm,
            choose=console.choose,
            use_grammar=not args.no_grammar,
            prompt_format=_prompt_format(args, settings),
        )
        for warning in built.warnings:
            console.warn(warning)
        failed = False
        with _cancel_on_interrupt(built.agent.cancel):
            async for event in built.agent.run(args.query, now=args.now):
                console.show(event)
                failed |= isinstance(event, RunFailed) or (
                    isinstance(event, TaskFinished)
                    and event.status in (TaskStatus.FAILED, TaskStatus.SKIPPED)
                )
                if isinstance(event, AnswerReady | RunFailed):
                    break
        return EXIT_FAILED if failed else EXIT_OK
    finally:
        await llm.aclose()


@contextlib.contextmanager
def _cancel_on_interrupt(cancel: Callable[[], None]) -> Iterator[None]:
    """Ctrl-C stops the plan (running tasks are cancelled) instead of killing the process."""
    loop = asyncio.get_running_loop()
    try:
        loop.add_signal_handler(signal.SIGINT, cancel)
        installed = True
    except (NotImplementedError, RuntimeError):  # Windows, or not the main thread
        installed = False
    try:
        yield None
    finally:
        if installed:
            loop.remove_signal_handler(signal.SIGINT)


def _planner(args: argparse.Namespace, settings: Settings, llm: LLM, retrieval: Retrieval) -> Planner:
    prompt_format = _prompt_format(args, settings)
    return Planner(
        llm,
        planner_options(settings, prompt_format, use_grammar=not args.no_grammar),
        pick_examples=retrieval.pick_examples,
        prompt_builder=PROMPT_FORMATS[prompt_format],
        select_tools=retrieval.select_tools,
    )


def _retrieval(args: argparse.Namespace, settings: Settings) -> Retrieval:
    """ToolRAG as the app uses it (settings decide), with its warning on stderr when it is off."""
    retrieval = load_retrieval(settings, _prompt_format(args, settings))
    if retrieval.warning:
        print(f"warning: {retrieval.warning}", file=sys.stderr)
    return retrieval


async def _plan(args: argparse.Namespace, settings: Settings) -> int:
    tools = enabled_tools(settings)
    problem = query_problem(args.query, tools)
    if problem:
        raise TinyAgentError(problem)
    llm = _llm(args, settings)
    try:
        retrieval = _retrieval(args, settings)
        if retrieval.select_tools is not None:  # the tools the app would offer for this request
            tools = tuple(retrieval.select_tools(args.query, tools))
        request = PlanRequest(args.query, tools, args.now or datetime.now().replace(microsecond=0))
        tasks = await _planner(args, settings, llm, retrieval).plan(request)
    finally:
        await llm.aclose()
    if args.json:
        for task in tasks:
            print(
                json.dumps(
                    {
                        "idx": task.idx,
                        "tool": task.tool,
                        "args": task.args,
                        "deps": task.deps,
                        "thought": task.thought,
                    },
                    ensure_ascii=False,
                )
            )
    else:
        print(render_plan(tasks))
    return EXIT_OK


async def _eval(args: argparse.Namespace, settings: Settings) -> int:
    cases = load_cases(args.cases)
    if not cases:
        raise TinyAgentError(f"{args.cases} holds no cases; write one JSON object per line.")
    if args.ablation:
        return await _eval_ablation(args, settings, cases)
    llm = _llm(args, settings)
    try:
        retrieval = _retrieval(args, settings)
        planner = _planner(args, settings, llm, retrieval)
        report = await evaluate(planner, cases, enabled_tools(settings), retrieval.select_tools)
    finally:
        await llm.aclose()
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_summary(report.summary(), sys.stdout)
        for tag, numbers in report.by_tag.items():
            _print_summary(numbers, sys.stdout, title=f"tag {tag}")
    return EXIT_OK


async def _eval_ablation(args: argparse.Namespace, settings: Settings, cases: Sequence[EvalCase]) -> int:
    from tinyagent.core.ablation import builtin_selectors, run_ablation, token_counter

    selectors = builtin_selectors(args.rag_k)  # a missing ToolRAG is reported before the planner loads
    llm = _llm(args, settings)
    try:
        ablation = await run_ablation(
            _planner(args, settings, llm, Retrieval()),  # each selector alone decides the tools
            cases,
            enabled_tools(settings),
            selectors,
            token_counter(llm),
            _prompt_format(args, settings),
        )
    finally:
        await llm.aclose()
    if args.json:
        print(json.dumps(ablation.to_json(), ensure_ascii=False, indent=2))
    else:
        print(ablation.table())
    return EXIT_OK


_COUNTS = ("tools_offered", "prompt_tokens")  # per request, not shares


def _print_summary(numbers: dict[str, float], out: TextIO, title: str = "all cases") -> None:
    out.write(f"{title}: {int(numbers.get('cases', 0))} cases\n")
    for key, value in numbers.items():
        if key == "cases":
            continue
        if key in _COUNTS:
            shown = f"{value:.2f}"
        else:
            shown = f"{value * 1000:.0f} ms" if key.endswith("_s") else f"{value:.1%}"
        out.write(f"  {key:<16} {shown}\n")


def _import_contacts(args: argparse.Namespace, settings: Settings) -> int:
    from tinyagent.core.config import backend_config
    from tinyagent.tools.local.contacts import import_vcards

    data_dir = args.data_dir or backend_config(settings, user_paths()).data_dir
    report = import_vcards(data_dir, args.vcf)
    print(f"Imported {args.vcf}: {report.added} added, {report.updated} updated, {report.skipped} skipped.")
    for reason in report.reasons:
        print(f"  skipped: {reason}")
    return EXIT_OK


_COMMANDS = {"run": _run, "plan": _plan, "eval": _eval}

if __name__ == "__main__":
    sys.exit(main())
