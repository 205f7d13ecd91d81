"""The command line: parse, call the core, render. No rule logic and no YAML here.

No `from __future__ import annotations` here: typer would then eval every annotation as a
string at start-up, which costs milliseconds on every run.
"""

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__, output
from .errors import ExitCode, InputError, ProtocheckError, has_surrogates, undecodable
from .output import error

app = typer.Typer(
    name="protocheck",
    help="Is this allowed under our Member/Officer Relations Protocol? Guided advice, "
    "quoting the protocol's own words.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class AdviceFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


class ListFormat(StrEnum):
    text = "text"
    json = "json"


class FindingsFormat(StrEnum):
    text = "text"
    json = "json"
    junit = "junit"
    github = "github"
    sarif = "sarif"


class Level(StrEnum):
    error = "error"
    warning = "warning"
    note = "note"


FindingsFormatOption = Annotated[
    FindingsFormat,
    typer.Option(
        "--format",
        "-f",
        help="text; json; junit (XML test report); github (workflow annotations); sarif 2.1.0.",
    ),
]
FailLevelOption = Annotated[
    Level,
    typer.Option(
        "--fail-level",
        help="Exit 1 for findings at or above this severity (warnings alone never fail by "
        "default).",
    ),
]


CouncilOption = Annotated[
    Optional[str],
    typer.Option(
        "--council",
        "-c",
        help="Council: slug, alias, name or a word of its name (else $PROTOCHECK_COUNCIL, "
        "else .protocheck.yaml).",
        show_default=False,
    ),
]
AllCouncilsOption = Annotated[
    bool,
    typer.Option(
        "--all-councils",
        help="Every council, even if $PROTOCHECK_COUNCIL or .protocheck.yaml names one.",
    ),
]


def _example(command: str) -> str:
    """The last words of every --help: one command to copy (docs/cli.md has the rest)."""
    return f"\b\nExample: {command}"  # \b: click keeps the line whole


def _version(value: bool) -> None:
    if value:
        print(f"protocheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Is this allowed under our Member/Officer Relations Protocol?"""


def _file_to_save(text: str) -> Path:
    """A file name to save to: `reports/` names a folder, and must not become a file `reports`
    (Path() would drop the slash before anything else could see it)."""
    if text.endswith(("/", os.sep)):
        raise typer.BadParameter(f"{text!r} is a folder; give a file name, e.g. {text}advice.md")
    return Path(text)


@app.command(
    epilog=_example(
        "protocheck ask member-requests -c nwl --set role=member --set request=information -f json"
    )
)
def ask(
    topic: Annotated[
        Optional[str], typer.Argument(help="Topic id (see 'protocheck list').")
    ] = None,
    council: CouncilOption = None,
    answers: Annotated[
        Optional[Path], typer.Option("--answers", "-a", help="Replay a scenario (answers) file.")
    ] = None,
    set_: Annotated[
        Optional[list[str]],
        typer.Option("--set", "-s", help="Answer a question: FACT=VALUE (repeatable)."),
    ] = None,
    format_: Annotated[AdviceFormat, typer.Option("--format", "-f", help="Output format.")] = (
        AdviceFormat.text
    ),
    why: Annotated[
        bool, typer.Option("--why", help="Show each question, answer and paragraph.")
    ] = False,
    save: Annotated[
        Optional[Path],
        typer.Option(
            "--save",
            metavar="FILE",
            help="Also save the advice as a Markdown record.",
            parser=_file_to_save,
        ),
    ] = None,
    all_councils: Annotated[
        bool,
        typer.Option(
            "--all-councils",
            help="Put the same situation (a theme or topic) to every council, side by side.",
        ),
    ] = False,
    fail_on: Annotated[
        Optional[str],
        typer.Option(
            "--fail-on",
            metavar="VERDICTS",
            help="Exit 1 when the verdict is one of these, e.g. not-allowed,refer (the advice "
            "is still given).",
        ),
    ] = None,
) -> None:
    """Answer a few questions and get the protocol's advice, with the paragraphs it rests on."""
    from .commands import ask as command

    _run(command.run, topic, council, answers, set_ or [], format_.value, why, save,
         all_councils, fail_on)  # fmt: skip


@app.command(epilog=_example("protocheck explain 7.3 -c nwl"))
def explain(
    ref: Annotated[
        Optional[str], typer.Argument(help="Paragraph, e.g. 7.3, §7.3, 'para 7.3'.")
    ] = None,
    council: CouncilOption = None,
    all_: Annotated[bool, typer.Option("--all", help="Every paragraph of the protocol.")] = False,
    topic: Annotated[
        Optional[str],
        typer.Option("--topic", "-t", help="A topic's rules, row by row, for review."),
    ] = None,
    format_: Annotated[AdviceFormat, typer.Option("--format", "-f", help="Output format.")] = (
        AdviceFormat.text
    ),
    all_councils: AllCouncilsOption = False,
) -> None:
    """Print a paragraph of the protocol, its section, and the topics that cite it; or, with
    --topic, a topic's rules as a reviewer reads them."""
    from .commands import explain as command

    _run(command.run, ref, council, all_, format_.value, all_councils, topic)


@app.command("list", epilog=_example("protocheck list --format json"))
def list_(
    council: CouncilOption = None,
    format_: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ListFormat.text
    ),
    all_councils: AllCouncilsOption = False,
) -> None:
    """List the councils and their topics."""
    from .commands import listing as command

    _run(command.run, council, format_.value, all_councils)


@app.command(epilog=_example("protocheck lint rules/my-council --format sarif > lint.sarif"))
def lint(
    paths: Annotated[
        Optional[list[Path]], typer.Argument(help="Council rules folders (default: all installed).")
    ] = None,
    update_lock: Annotated[
        bool,
        typer.Option(
            "--update-lock",
            help="After reviewing the rows against changed paragraphs, record the text as "
            "reviewed (writes reviewed.yaml in each folder named).",
        ),
    ] = False,
    format_: FindingsFormatOption = FindingsFormat.text,
    fail_level: FailLevelOption = Level.error,
) -> None:
    """Check rules folders strictly and report every finding with its rule id and place:
    every table complete and unambiguous, every citation and contact sound, no row resting on
    text changed since it was reviewed; paragraphs never cited and roles never used are
    warnings."""
    from .commands import lint as command

    _run(command.run, paths or [], update_lock, format_.value, fail_level.value)


@app.command("search", epilog=_example('protocheck search "silent copies" -c nwl'))
def search_(
    text: Annotated[str, typer.Argument(help='Words to find; "a phrase" in quotes.')],
    council: CouncilOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Most results to show.")] = 20,
    format_: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ListFormat.text
    ),
    all_councils: AllCouncilsOption = False,
) -> None:
    """Search every council's protocol, best matches first, and the topics that match."""
    from .commands import search as command

    _run(command.run, text, council, limit, format_.value, all_councils)


@app.command("compare", epilog=_example('protocheck compare "exempt information" -f markdown'))
def compare_(
    theme: Annotated[str, typer.Argument(help="A theme or topic id, e.g. 'exempt information'.")],
    council: CouncilOption = None,
    format_: Annotated[AdviceFormat, typer.Option("--format", "-f", help="Output format.")] = (
        AdviceFormat.text
    ),
    all_councils: AllCouncilsOption = False,
) -> None:
    """What each council's protocol says on one theme, side by side."""
    from .commands import compare as command

    _run(command.run, theme, council, format_.value, all_councils)


@app.command(
    "test", epilog=_example("protocheck test examples/scenarios --coverage --min-coverage 100")
)
def test_(
    paths: Annotated[list[Path], typer.Argument(help="Scenario files or folders of them.")],
    format_: FindingsFormatOption = FindingsFormat.text,
    coverage: Annotated[
        bool,
        typer.Option(
            "--coverage",
            help="Report the rows, facts, answer values, verdicts and paragraphs the "
            "scenarios reach, by council and topic.",
        ),
    ] = False,
    min_coverage: Annotated[
        Optional[float],
        typer.Option(
            "--min-coverage", metavar="N", help="Fail when the scenarios reach under N% of rows."
        ),
    ] = None,
) -> None:
    """Replay scenario files as tests: exit 1 if any gets advice other than it expects, each
    difference reported at the line of the 'expect' key it contradicts."""
    from .commands import test as command

    _run(command.run, paths, format_.value, coverage, min_coverage)


@app.command(
    epilog=_example("protocheck check drafts/protocol-2025.md --against nwl --format sarif")
)
def check(
    paths: Annotated[
        list[Path], typer.Argument(help="Policy drafts: Markdown (.md) or plain text.")
    ],
    against: Annotated[
        Optional[list[str]],
        typer.Option(
            "--against",
            "-c",
            metavar="COUNCIL",
            help="The council whose protocol the draft amends (repeatable; default: "
            "$PROTOCHECK_COUNCIL, else .protocheck.yaml).",
            show_default=False,
        ),
    ] = None,
    scenarios: Annotated[
        Optional[list[Path]],
        typer.Option(
            "--scenarios",
            help="Scenario files or folders whose advice to compare (default: the council's "
            "folder under examples/scenarios/, if there is one).",
        ),
    ] = None,
    format_: FindingsFormatOption = FindingsFormat.text,
    fail_level: FailLevelOption = Level.error,
) -> None:
    """Check policy drafts before a committee sees them: cross-references, numbering, what
    the draft changes and whose advice rests on it, safeguards dropped or contradicted, and
    themes a complete protocol addresses. Scenario files: use 'protocheck test'."""
    from .commands import check as command

    _run(command.run, paths, against or [], scenarios, format_.value, fail_level.value)


@app.command("diff", epilog=_example("protocheck diff origin/main rules -f markdown"))
def diff_(
    old: Annotated[str, typer.Argument(help="The rules before: a folder, or a git revision.")],
    new: Annotated[Path, typer.Argument(help="The rules after: a folder (of the working tree).")],
    scenarios: Annotated[
        Optional[list[Path]],
        typer.Option(
            "--scenarios",
            help="Scenario files or folders whose advice to compare (default: the councils' "
            "folders under examples/scenarios/, where there are any).",
        ),
    ] = None,
    format_: Annotated[AdviceFormat, typer.Option("--format", "-f", help="Output format.")] = (
        AdviceFormat.text
    ),
) -> None:
    """What an amendment changes: paragraphs added, removed or reworded, decision rows added,
    removed or changed, and every scenario whose advice changes, side by side. Exit 1 when
    anything changed."""
    from .commands import diff as command

    _run(command.run, old, new, scenarios, format_.value)


@app.command(
    "import", epilog=_example('protocheck import protocol.txt -c my-council --name "My Council"')
)
def import_(
    file: Annotated[
        Path,
        typer.Argument(help="The protocol: plain text or Markdown, a saved web page, or a PDF."),
    ],
    council: Annotated[str, typer.Option("--council", "-c", help="Slug for the new council.")],
    name: Annotated[str, typer.Option("--name", help="The council's name, as it calls itself.")],
    rules_dir: Annotated[
        Optional[Path],
        typer.Option(
            "--rules-dir",
            help="Folder of council folders to write into (default: the first PROTOCHECK_RULES "
            "folder, else your own rules folder).",
            show_default=False,
        ),
    ] = None,
    pages: Annotated[
        Optional[str],
        typer.Option("--pages", help="A PDF's pages holding the protocol, e.g. 112-118."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace an earlier import, or take a slug or alias in use."),
    ] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Exit 1 if a printed number was not kept as a ref or a line not placed.",
        ),
    ] = False,
) -> None:
    """Turn a protocol into a council's paragraphs file, for checking by hand."""
    from .commands import import_ as command

    _run(command.run, file, council, name, rules_dir, force, pages, strict)


def _run(action, *args) -> None:
    """Call the core, never letting a traceback out: user-facing errors become one line on
    stderr and a stable exit code; Ctrl-C becomes 'Cancelled' (130); a reader that has gone
    ends the run quietly (141); a file-system error no one foresaw still names its path (2)."""
    try:
        try:
            _refuse_undecodable(args)
            action(*args)
        except KeyboardInterrupt:
            error("Cancelled")
            raise typer.Exit(ExitCode.CANCELLED) from None
        except ProtocheckError as exc:
            error(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:
            raise
        except OSError as exc:
            error(str(InputError.of(exc)))
            raise typer.Exit(ExitCode.BAD_INPUT) from None
    except BrokenPipeError:
        raise typer.Exit(output.closed_pipe()) from None


def _refuse_undecodable(args: tuple) -> None:
    """Words typed in a terminal that is not set to UTF-8 arrive as undecodable bytes (lone
    surrogates), which could be neither printed, searched nor saved: refuse them here, once."""
    for arg in args:
        for value in arg if isinstance(arg, list) else (arg,):
            if isinstance(value, str) and not value.isascii() and has_surrogates(value):
                raise InputError(
                    f"{undecodable(value)} is not UTF-8 text: set the terminal to UTF-8, "
                    "or type it again"
                )


def main() -> None:
    """Run the CLI (`launcher.main` is the script's entry point, to catch an early Ctrl-C).

    Output still buffered at exit is flushed here, where a reader that has gone can be
    handled, rather than in Python's shutdown, which would print a warning and exit 120."""
    output.prepare_streams()
    try:
        _app_for(sys.argv[1:])()
    finally:
        if not output.flushed() or _click_met_closed_pipe():
            sys.exit(output.closed_pipe())  # replaces app()'s own exit status


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command the arguments name first, when they name one: typer
    makes a click command of every command on every run (2 ms of a start that is 20 ms more
    than typer's own), and a run uses one. Anything else (no command, an option first, a
    mistyped name) gets the whole app, to list the commands or suggest one."""
    if not args:
        return app
    chosen = [c for c in app.registered_commands if _command_name(c) == args[0]]
    if len(chosen) != 1:
        return app
    import copy  # typer has imported it already

    lean = copy.copy(app)
    lean.registered_commands = chosen
    return lean


def _command_name(info: typer.models.CommandInfo) -> str | None:
    """A command's name as typer gives it: its own, else its function's, dashed."""
    if info.name:
        return info.name
    return None if info.callback is None else typer.main.get_command_name(info.callback.__name__)


def _click_met_closed_pipe() -> bool:
    """Help and usage errors are printed by click, which on a closed pipe wraps stdout in its
    PacifyFlushWrapper and exits 1, the code `check` uses for findings."""
    return type(sys.stdout).__name__ == "PacifyFlushWrapper"
