#!/usr/bin/env python3
"""Scale benchmark: protocheck with hundreds or thousands of councils installed.

Builds a rules folder of N councils (the shipped ones, then copies of them under new slugs,
with the model protocols beside them so that copies of an adopting council still work), and
times whole processes, as a user runs them, interleaved with the yardsticks (`python -c pass`,
`import typer`, `import typer, questionary`, `import typer, rich.console`) so that a busy
machine slows them alike. Prints medians, each case's ratio to its yardstick, the ratios
between library sizes, and peak memory (the child's maximum resident set).

    python bench/scale.py                          # 11 and 500 councils, memory at 2,000
    python bench/scale.py --sizes 11,500 --runs 5 --memory 2000

Cases: warm (the cache holds everything), cold (an empty cache folder: the first run after
installing), edited (one other council's paragraphs changed just before the run; "unwatched",
with no note for `reread` to read it ahead), and the start-up paths (a `.protocheck.yaml` in
the folder, a terminal, `ask` to its first prompt).
Not a test: timings belong in a benchmark, never in a pass/fail test.
"""

from __future__ import annotations

import argparse
import os
import pty
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
EDITED = "cjc"  # the council edited before each 'edited' run (never the one asked about)
EDITED_WORDS = "relations with one another."  # the end of its first paragraph
WATCH_ALL = 30  # `reread.WATCH_ALL`: up to this many councils, every one is read ahead
YARDSTICKS = {
    "python -c pass": "pass",
    "import typer": "import typer",
    "import typer, questionary": "import typer, questionary",
    "import typer, rich.console": "import typer, rich.console",
}


def shipped() -> list[Path]:
    return sorted(d for d in RULES.iterdir() if (d / "council.yaml").is_file())


def build(root: Path, count: int) -> None:
    """`count` councils under `root`: the shipped ones, then renamed copies of them."""
    root.mkdir(parents=True)
    shutil.copytree(RULES / "models", root / "models")
    originals = shipped()
    for folder in originals[:count]:
        shutil.copytree(folder, root / folder.name)
    for n in range(count - len(originals)):
        source = originals[n % len(originals)]
        copy(source, root, n // len(originals) + 2)


def copy(source: Path, root: Path, number: int) -> None:
    """A copy of a council under a new slug, name and aliases; everything else as it is."""
    target = root / f"{source.name}-{number}"
    shutil.copytree(source, target)
    council = target / "council.yaml"
    text = council.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(  slug: )(\S+)", rf"\g<1>\g<2>-{number}", text, count=1)
    text = re.sub(r'(?m)^(  name: "?)([^"\n]+)', rf"\g<1>\g<2> {number}", text, count=1)
    text = re.sub(
        r"(?m)^(  aliases: \[)([^\]]*)\]",
        lambda m: (
            m.group(1) + ", ".join(f"{a.strip()}-{number}" for a in m.group(2).split(",")) + "]"
        ),
        text,
        count=1,
    )
    council.write_text(text, encoding="utf-8")


def protocheck() -> list[str]:
    script = Path(sys.executable).with_name("protocheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "protocheck"]


class Run:
    """One timed process: seconds, and the child's peak memory in MB."""

    def __init__(self, seconds: float, memory: float):
        self.seconds, self.memory = seconds, memory


def piped(command: list[str], env: dict[str, str], cwd: Path) -> Run:
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_maxrss / 1024)


def on_terminal(command: list[str], env: dict[str, str], cwd: Path, until: bytes | None) -> Run:
    """Run in a pseudo-terminal: to the end, or until `until` appears (then interrupted)."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.chdir(cwd)
        os.execvpe(command[0], command, env)
    seen = b""
    seconds = None
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 30)
            if not ready:
                break
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if until is not None and until in seen:
                seconds = time.perf_counter() - start
                os.kill(pid, signal.SIGKILL)
                break
    finally:
        _, _, usage = os.wait4(pid, 0)
        os.close(fd)
    if seconds is None:
        seconds = time.perf_counter() - start
    return Run(seconds, usage.ru_maxrss / 1024)


class Library:
    """N councils on disk, a cache folder for them, and the commands to time."""

    def __init__(self, work: Path, count: int):
        self.count = count
        self.rules = work / f"rules-{count}"
        self.cache = work / f"cache-{count}"
        self.cold = work / f"cold-{count}"
        self.here = work / f"cwd-{count}"
        self.configured = work / f"config-{count}"
        build(self.rules, count)
        for folder in (self.here, self.configured):
            folder.mkdir()
        (self.configured / ".protocheck.yaml").write_text("council: nwl\n", encoding="utf-8")
        self.edits = 0
        self.original: str | None = None
        self.added = False  # whether the edits hold an added paragraph

    def env(self, cache: Path) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PROTOCHECK_")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # users run compiled modules, so time those
        env.update(
            PROTOCHECK_RULES=str(self.rules),
            PROTOCHECK_NO_SHIPPED_RULES="1",
            PROTOCHECK_CACHE_DIR=str(cache),
            PROTOCHECK_DATA_DIR=str(self.here / "data"),
            TERM="xterm",
            COLUMNS="100",
            LINES="5000",  # a terminal tall enough that nothing is paged
            PAGER="cat",
        )
        return env

    def piped(self, *args: str, cold: bool = False, cwd: Path | None = None) -> Run:
        cache = self.cache
        if cold:
            shutil.rmtree(self.cold, ignore_errors=True)
            cache = self.cold
        return piped([*protocheck(), *args], self.env(cache), cwd or self.here)

    def edited(self, *args: str, added: bool = False, unwatched: bool = False) -> Run:
        """After a change to the words of one paragraph of one other council (a word added
        to its first paragraph, a different one each time), as an editor makes one; or,
        `added`, after a paragraph is added after the first (and taken away the next time):
        the council's rows no longer line up, and it is indexed again whole. `unwatched`:
        with no note of the councils as last read (`reread`), so that the run reads the
        council itself, as after the first edit to a council where many are installed."""
        self.edits += 1
        if unwatched:
            for note in self.cache.glob("watched-*"):  # `reread.note_path`
                note.unlink()
        path = self.rules / EDITED / "paragraphs.yaml"
        if self.original is None:
            self.original = path.read_text(encoding="utf-8")
            if EDITED_WORDS not in self.original:
                raise SystemExit(f"bench: {path} no longer holds {EDITED_WORDS!r} to edit")
        said, edited = EDITED_WORDS, f"{EDITED_WORDS[:-1]} (edit {self.edits})."
        if added:
            self.added = not self.added
        if self.added:  # until an edit of this kind takes it away again
            edited += '\n      - ref: "preamble.1a"\n        text: A paragraph added.'
        path.write_text(self.original.replace(said, edited, 1), encoding="utf-8")
        return self.piped(*args)

    def terminal(self, *args: str, until: bytes | None = None) -> Run:
        return on_terminal([*protocheck(), *args], self.env(self.cache), self.here, until)


def cases(library: Library) -> dict[str, Callable[[], Run]]:
    lib = library
    return {
        "explain 7.3 -c nwl": lambda: lib.piped("explain", "7.3", "-c", "nwl"),
        "list": lambda: lib.piped("list"),
        "explain 7.3 (every council)": lambda: lib.piped("explain", "7.3"),
        "compare press": lambda: lib.piped("compare", "press"),
        "search 'silent copies'": lambda: lib.piped("search", "silent copies"),
        "ask press --all-councils": lambda: lib.piped(
            "ask", "press", "--all-councils", "-f", "json"
        ),
        "ask press --all-councils, answered": lambda: lib.piped(
            "ask", "press", "--all-councils", *ANSWERS, "-f", "json"
        ),
        "explain 7.3, .protocheck.yaml": lambda: lib.piped("explain", "7.3", cwd=lib.configured),
        "explain 7.3 -c nwl, terminal": lambda: lib.terminal("explain", "7.3", "-c", "nwl"),
        "ask, to its first prompt": lambda: lib.terminal("ask", until=b"Which council"),
        "cold explain 7.3 -c nwl": lambda: lib.piped("explain", "7.3", "-c", "nwl", cold=True),
        "cold list": lambda: lib.piped("list", cold=True),
        "cold search": lambda: lib.piped("search", "silent copies", cold=True),
        "edited, explain 7.3 -c nwl": lambda: lib.edited("explain", "7.3", "-c", "nwl"),
        "edited, list": lambda: lib.edited("list"),
        "edited, search": lambda: lib.edited("search", "silent copies"),
        "edited, a paragraph more or less, search": lambda: lib.edited(
            "search", "silent copies", added=True
        ),
        "edited, compare press": lambda: lib.edited("compare", "press"),
        "edited, explain 7.3 (every council)": lambda: lib.edited("explain", "7.3"),
        **(unwatched_cases(lib) if lib.count > WATCH_ALL else {}),
    }


def unwatched_cases(lib: Library) -> dict[str, Callable[[], Run]]:
    """A first edit to a council where more councils are installed than `reread` watches
    (with fewer, every run notes them all, and only a note removed by hand is missing)."""
    return {
        "edited, unwatched, explain 7.3 (every council)": lambda: lib.edited(
            "explain", "7.3", unwatched=True
        ),
        "edited, unwatched, search": lambda: lib.edited("search", "silent copies", unwatched=True),
    }


# Every question the shipped councils' press topics ask, answered: `ask --all-councils` as a
# script uses it (without them it stops at the missing-answers error, which the case above times).
ANSWERS = [
    *("--set", "media-matter=press-release", "--set", "speaker=officer"),
    *("--set", "press-question=something-else", "--set", "activity=something-else"),
]


# What each case is held to: (its yardstick, the goal as a ratio to it) for start-up paths.
GOALS = {
    "explain 7.3, .protocheck.yaml": ("import typer", 1.3, 11),
    "compare press": ("import typer", 1.3, 11),
    "list": ("import typer", 1.3, 11),
    "explain 7.3 -c nwl, terminal": ("import typer, rich.console", 1.2, 11),
    "ask, to its first prompt": ("import typer, questionary", 1.15, None),
    "cold explain 7.3 -c nwl": ("import typer", 10, 500),
    "cold list": ("import typer", 10, 500),
}
# Warm at the largest size against the smallest (goal 2), and after an edit against warm (goal 3).
GROWTH = {
    "explain 7.3 -c nwl": 1.1,
    "explain 7.3, .protocheck.yaml": 1.1,
    "search 'silent copies'": 1.3,
    "list": 1.5,
    "compare press": 1.5,
    "explain 7.3 (every council)": 1.5,
    "ask press --all-councils": 1.5,
}
EDITS = {
    "edited, explain 7.3 -c nwl": "explain 7.3 -c nwl",
    "edited, list": "list",
    "edited, search": "search 'silent copies'",
    "edited, a paragraph more or less, search": "search 'silent copies'",
    "edited, compare press": "compare press",
    "edited, explain 7.3 (every council)": "explain 7.3 (every council)",
    "edited, unwatched, explain 7.3 (every council)": "explain 7.3 (every council)",
    "edited, unwatched, search": "search 'silent copies'",
}


def measure(libraries: list[Library], runs: int, skip: set[str]) -> dict[str, list[Run]]:
    """Every case at every size and every yardstick, interleaved, `runs` times each."""
    plan: dict[str, Callable[[], Run]] = {}
    for name, code in YARDSTICKS.items():
        plan[name] = lambda code=code: piped([sys.executable, "-c", code], dict(os.environ), ROOT)
    for library in libraries:
        for name, case in cases(library).items():
            if not any(s in name for s in skip):
                plan[f"{library.count}: {name}"] = case
    settle()
    for library in libraries:  # fill each cache, and the OS file cache
        library.piped("search", "silent copies")
        library.piped("explain", "7.3")
        library.piped("list")
    times: dict[str, list[Run]] = {name: [] for name in plan}
    for _ in range(runs):
        for name, case in plan.items():
            times[name].append(case())
    return times


def settle() -> None:
    """Wait until the files just copied are as settled as a user's: protocheck keeps nothing
    read of a file changed in the last three seconds (`files.SETTLED_NS`)."""
    time.sleep(3.1)


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def report(times: dict[str, list[Run]], sizes: list[int]) -> None:
    typer = median(times["import typer"])
    print(f"{'case':<42} {'median':>9} {'÷ typer':>8} {'peak MB':>8}   goal")
    for name, runs in times.items():
        size, _, case = name.partition(": ")
        goal = ""
        if case in GOALS:
            yardstick, limit, at = GOALS[case]
            if at is None or str(at) == size:
                ratio = median(runs) / median(times[yardstick])
                goal = f"{ratio:.2f}x {yardstick} (goal {limit}x)"
        memory = max(r.memory for r in runs)
        print(
            f"{name:<42} {median(runs) * 1000:7.1f} ms {median(runs) / typer:7.2f}x "
            f"{memory:7.1f}   {goal}"
        )
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        print(f"\nwarm at {large} councils against {small}")
        for case, limit in GROWTH.items():
            a, b = times.get(f"{small}: {case}"), times.get(f"{large}: {case}")
            if a and b:
                print(f"  {case:<40} {median(b) / median(a):6.2f}x (goal {limit}x)")
    for size in sizes:
        print(f"\nat {size} councils: after editing one council, against warm (goal 1.5x)")
        for edited, warm in EDITS.items():
            a, b = times.get(f"{size}: {warm}"), times.get(f"{size}: {edited}")
            if a and b:
                print(f"  {edited:<40} {median(b) / median(a):6.2f}x")


def memory_only(work: Path, count: int) -> None:
    """Peak memory of each command at `count` councils (one run each, warm but the first)."""
    library = Library(work, count)
    print(f"\npeak memory at {count} councils (MB; goal under 50 but the first index build)")
    first = library.piped("search", "silent copies", cold=True)
    print(f"  {'cold search (first index build)':<40} {first.memory:7.1f}  {first.seconds:.1f} s")
    shutil.rmtree(library.cache, ignore_errors=True)
    library.cache = library.cold
    for name, case in cases(library).items():
        if name.startswith("cold") or "terminal" in name or "prompt" in name:
            continue
        run = case()
        print(f"  {name:<40} {run.memory:7.1f}  {run.seconds * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="11,500", help="library sizes to compare")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--memory", type=int, default=2000, help="0 to skip")
    parser.add_argument("--skip", default="", help="comma-separated words: skip cases naming one")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    skip = {s for s in args.skip.split(",") if s}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        libraries = [Library(work, size) for size in sizes]
        report(measure(libraries, args.runs, skip), sizes)
        if args.memory:
            memory_only(work, args.memory)


if __name__ == "__main__":
    main()
