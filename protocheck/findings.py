"""Findings: what a check found, where, and under which stable rule id.

Every checking command (`lint`, `test`, `check`) reports through this one model, so every output
format (text, JSON, JUnit, GitHub annotations, SARIF) says the same things. Rule ids never
change meaning once published (CI configurations and suppressions depend on them); a retired
check keeps its id unused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import NamedTuple, TypeVar

from .errors import ExitCode, ProtocheckError, RulesError

T = TypeVar("T")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        """Higher is more serious: `--fail-level` compares ranks."""
        return _RANKS[self]


_RANKS = {Severity.NOTE: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Rule(NamedTuple):
    """A check, as documented: its id, a short name, its severity and what to do about it."""

    id: str
    name: str
    severity: Severity
    summary: str
    help: str


E, W, N = Severity.ERROR, Severity.WARNING, Severity.NOTE
_CATALOGUE = [
    # PC1xx: the rules format
    Rule("PC100", "unreadable-file", E, "A file cannot be read",
         "The file is missing, larger than 1 MiB, or not UTF-8 text; or a folder named has no "
         "council.yaml or model.yaml."),
    Rule("PC101", "unknown-key", E, "A key the format does not know",
         "Check the spelling against docs/rules-format.md; the message lists the keys allowed "
         "there."),
    Rule("PC102", "missing-key", E, "A required key is missing or empty",
         "Add the key the message names, with a value."),
    Rule("PC103", "wrong-value", E, "A value of the wrong kind",
         "The key needs text, a list, a mapping or one of a few words, as the message says."),
    Rule("PC104", "bad-id", E, "An id, slug or alias that is not lower-case words joined by "
         "hyphens, or that does not match its file or folder name",
         "Write ids like 'member-requests'; a topic's id is its file name, a model's its folder "
         "name."),
    Rule("PC105", "duplicate", E, "Something listed or defined twice",
         "Ids, refs, choice values, roles, facts and topics must each be unique; remove or "
         "rename one."),
    Rule("PC106", "yaml-syntax", E, "Not valid YAML",
         "Fix the YAML at the line and column given (often indentation or an unclosed quote "
         "or bracket); the rest of this file is not checked until it reads."),
    Rule("PC107", "yaml-feature", E, "A YAML feature or size rules files may not use",
         "Anchors, aliases, tags and merge keys are refused, as are files nested too deep or "
         "with too many values: write the data out plainly."),
    Rule("PC108", "long-label", E, "A choice's label longer than 80 characters",
         "Keep labels to one line of a terminal; put detail in the choice's or fact's help."),
    Rule("PC109", "topic-files", E, "A topic listed without a file, or a file not listed",
         "Every id under 'topics' needs topics/<id>.yaml, and every file there must be listed."),
    Rule("PC110", "size", E, "Too few or too many items",
         "A protocol needs paragraphs, a topic rows, a fact two or more choices; a topic asks "
         "at most 30 facts."),
    # PC2xx: references between the files, and to the protocol's text
    Rule("PC201", "unknown-paragraph", E, "A citation of a paragraph that does not exist",
         "Cite a ref from paragraphs.yaml (or, for a model's rules, map the paragraph under "
         "council.model.paragraphs)."),
    Rule("PC202", "no-citation", E, "Advice that cites no paragraph",
         "Every row, route and unresolved block rests on at least one paragraph: cite it."),
    Rule("PC203", "unknown-role", E, "A contact that is not one of the roles",
         "Use a role id from council.yaml's roles, or add the role."),
    Rule("PC204", "contact-not-named", E, "A contact the cited paragraphs do not name",
         "Cite the paragraph that names the person, give the role the words the text uses "
         "('names'), or use a route."),
    Rule("PC205", "unknown-fact", E, "A fact that is not defined, or not asked by the topic",
         "Define the fact (catalogue, council.yaml or the topic) and list it under 'asks'."),
    Rule("PC206", "unknown-value", E, "A value that is not one of the fact's",
         "Use one of the fact's choice values (the message lists them)."),
    Rule("PC207", "catalogue-fact", E, "A catalogue fact redefined or its values changed",
         "Word a catalogue fact in council.yaml's facts with question, help and labels; its "
         "values are fixed."),
    Rule("PC208", "unknown-route", E, "A route or 'use' that does not exist",
         "Name a route from council.yaml's routes, or 'use: unresolved' with an unresolved "
         "block; give a route or a contact, not both."),
    Rule("PC209", "unknown-model", E, "A model protocol that cannot be found",
         "Put the model in models/<id>/ beside the council folders."),
    Rule("PC210", "missing-conditions", E, "A conditional verdict without its conditions",
         "List under 'conditions' what must be true for the advice to hold."),
    Rule("PC211", "safeguard-unfounded", E, "A safeguard whose cited paragraphs have none of "
         "its 'keeps' wording",
         "A safeguard rests on the text it cites: make a 'keeps' pattern match the cited "
         "paragraph's own words, or cite the paragraph that says it."),
    Rule("PC212", "safeguard-self-contradicted", E, "A safeguard whose 'contradicts' wording the "
         "protocol itself contains",
         "A 'contradicts' pattern must not match the protocol's own text, or every faithful "
         "draft would fail: make it more specific."),
    Rule("PC213", "cites-commentary", E, "Advice resting on the source's commentary, not the "
         "protocol",
         "A section marked 'commentary: true' holds the source's own words about the protocol "
         "(a committee report's discussion): cite the protocol's paragraphs instead."),
    # PC3xx: decision tables
    Rule("PC301", "incomplete-table", E, "A combination of answers no row covers",
         "Add a row for the answers named: every answer must reach one row."),
    Rule("PC302", "overlapping-rows", E, "Two rows that both cover one combination of answers",
         "Make the rows' conditions exclusive: the hit policy is unique."),
    Rule("PC303", "dead-row", E, "A row no answers can reach",
         "Give every condition at least one value, and take the row out of the way of the "
         "rows that cover its answers."),
    Rule("PC304", "fact-asked-for-nothing", E, "A fact asked that no row depends on",
         "Remove it from 'asks', or add the rows whose advice depends on it."),
    Rule("PC305", "fact-never-asked", E, "A fact defined that no topic asks",
         "Ask it in a topic, or remove it: no one would ever see the question."),
    Rule("PC306", "table-too-complex", E, "A table too tangled to prove",
         "Split the topic or simplify its conditions."),
    # PC4xx: review of rows against the text they rest on
    Rule("PC401", "text-changed", E, "A row resting on a paragraph changed since review",
         "Review the row against the paragraph's new text, then run 'protocheck lint "
         "--update-lock FOLDER'."),
    Rule("PC402", "never-reviewed", E, "A row resting on a paragraph never reviewed",
         "Review the row against the paragraph, then run 'protocheck lint --update-lock "
         "FOLDER'."),
    Rule("PC403", "reworded-from-model", E, "A model's row resting on a paragraph this council "
         "words differently",
         "Review the row against the council's own words, then run 'protocheck lint "
         "--update-lock FOLDER' for the council."),
    Rule("PC404", "model-deviation", N, "A paragraph that differs from the model protocol",
         "Information: worded differently, missing, or not in the model. Rows resting on it "
         "are flagged by PC403."),
    # PC5xx: parts of the protocol no rule uses
    Rule("PC501", "paragraph-never-cited", W, "A paragraph no row cites",
         "Information for reviewers: no advice rests on this paragraph. Cite it where it "
         "bears on a row, or leave it if it is background."),
    Rule("PC502", "role-never-used", W, "A role no row, route or unresolved block names",
         "Use it as a contact, or remove it."),
    Rule("PC503", "unresolved-without-role", W, "Unresolved advice in a topic that does not ask "
         "the user's role, where the council names people by role",
         "Add 'role' to the topic's asks (and split the row by role, or let it hold for both) "
         "so each user is sent to the person named for them, not offered everyone's."),
    # PC6xx: scenarios (`protocheck test`)
    Rule("PC601", "expectation-differs", E, "Advice other than the scenario expects",
         "The rules or the scenario are wrong: the message gives both; fix the one that is."),
    Rule("PC602", "bad-scenario", E, "A scenario that cannot be read or replayed",
         "Fix the answers file: its council, topic, facts and values must exist."),
    Rule("PC603", "answers-missing", E, "A scenario whose answers reach no row",
         "Add the answers the message lists."),
    Rule("PC604", "no-expectation", N, "A scenario that expects nothing",
         "Add an 'expect' block so that the scenario tests something."),
    Rule("PC605", "coverage-below-minimum", E, "Scenarios reach too few rows",
         "Add scenarios for the rows that `--coverage` lists as not reached."),
    # PC7xx: policy drafts (`protocheck check`)
    Rule("PC701", "broken-reference", E, "A cross-reference to a paragraph or section the draft "
         "does not have",
         "Correct the number, or add the paragraph it refers to: references are checked against "
         "the draft's own numbers."),
    Rule("PC702", "undefined-document", E, "A document the draft says it defines or attaches, "
         "but does not",
         "Add the appendix or the definition, or refer to where the document really is."),
    Rule("PC703", "reference-direction", W, "A reference 'below' to a paragraph above it, or "
         "'above' to one below",
         "Say 'above' or 'below' as the paragraph really stands, or leave the word out."),
    Rule("PC711", "duplicate-number", E, "A paragraph or section number used twice",
         "Renumber so that each number is used once: a reference to it is ambiguous until then."),
    Rule("PC712", "number-gap", W, "A number skipped",
         "Renumber, or restore the paragraph that was there; where a gap is kept on purpose, "
         "suppress this with the reason."),
    Rule("PC713", "number-out-of-order", E, "A number lower than the one before it",
         "Put the paragraphs in order, or renumber them."),
    Rule("PC714", "missing-parent", W, "A numbered item whose parent is missing",
         "Add the section or paragraph it belongs under (9.1 needs section 9, 7.3.1 needs 7.3), "
         "or renumber it."),
    Rule("PC715", "no-numbering", N, "A draft that numbers none of its paragraphs",
         "Information: references and numbering are not checked, and its paragraphs are matched "
         "to the protocol's by their words. Number the paragraphs to have them checked."),
    Rule("PC720", "no-council", N, "A draft checked without a council",
         "Information: impact on advice and safeguards need the council whose protocol the draft "
         "amends: give --against SLUG, set PROTOCHECK_COUNCIL, or name it in .protocheck.yaml."),
    Rule("PC721", "cited-paragraph-reworded", W, "A paragraph that advice rests on, reworded",
         "Review the rows listed against the new words before the amendment is adopted; the "
         "scenarios listed get advice resting on the paragraph."),
    Rule("PC722", "cited-paragraph-removed", W, "A paragraph that advice rests on, removed",
         "The rows listed rest on a paragraph the draft removes: decide what replaces it, and "
         "change the rules with the amendment."),
    Rule("PC723", "cited-paragraph-renumbered", W, "A paragraph that advice rests on, under a "
         "new number",
         "The rows listed cite the old number: change their citations when the amendment is "
         "adopted."),
    Rule("PC731", "safeguard-dropped", E, "A safeguard the draft no longer contains",
         "The draft has none of the wording that keeps the safeguard: restore it, or record the "
         "decision to drop it with a suppression and its reason."),
    Rule("PC732", "safeguard-contradicted", E, "Wording that contradicts a safeguard",
         "Reword the clause so that it no longer contradicts the protected paragraph, or record "
         "the decision with a suppression and its reason."),
    Rule("PC741", "theme-not-addressed", W, "A theme a complete protocol addresses and the draft "
         "does not",
         "Add provisions on the theme (the message names the protocol that has them), or, if "
         "another document covers it, suppress this with the reason."),
    Rule("PC751", "suppression-without-reason", E, "A suppression comment without a reason",
         "Give the reason after a colon, e.g. <!-- protocheck-disable PC712: numbers kept as "
         "adopted -->. Without one the suppression has no effect."),
    Rule("PC752", "suppression-unknown-rule", E, "A suppression naming a rule id that does not "
         "exist",
         "Use a rule id from docs/cli.md; the message suggests near ones."),
    Rule("PC753", "suppression-unused", N, "A suppression that suppressed nothing",
         "Remove it: nothing it names was found where it applies."),
]  # fmt: skip
RULES: dict[str, Rule] = {rule.id: rule for rule in _CATALOGUE}


class Finding(NamedTuple):
    """One thing a check found, where it is, and the protocol paragraphs it concerns."""

    rule: str
    severity: Severity
    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    paragraphs: tuple[str, ...] = ()

    @property
    def place(self) -> str:
        """'file:line:column', as much of it as is known."""
        parts = [str(p) for p in (self.path, self.line, self.column) if p is not None]
        return ":".join(parts) if self.path is not None else ""


def finding(
    rule: str,
    message: str,
    path: object = None,
    line: int | None = None,
    column: int | None = None,
    paragraphs: Iterable[str] = (),
) -> Finding:
    """A finding with its rule's severity."""
    where = None if path is None else str(path)
    return Finding(rule, RULES[rule].severity, message, where, line, column, tuple(paragraphs))


def from_error(exc: RulesError) -> Finding:
    return finding(exc.rule, exc.message, exc.path, exc.line, exc.column, exc.paragraphs)


def at_or_above(findings: Iterable[Finding], level: Severity) -> list[Finding]:
    return [f for f in findings if f.severity.rank >= level.rank]


class Report:
    """Findings collected while loading, so that one mistake does not hide the next.

    A check that fails raises RulesError as before; `attempt` records it and lets the loader
    go on with the next independent part (a file, a topic, a row)."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def add(self, item: Finding) -> None:
        """Record a finding once (a part read twice, as a model's roles are, is one mistake)."""
        if item not in self.findings:
            self.findings.append(item)

    def attempt(self, action: Callable[..., T], *args: object) -> T | None:
        """`action(*args)`, or None when it fails, its failure recorded."""
        try:
            return action(*args)
        except RulesError as exc:
            self.add(from_error(exc))
            return None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    def raise_first(self) -> None:
        """For commands that need a sound council: the first error, as today's one line."""
        errors = self.errors
        if errors:
            first = errors[0]
            raise RulesError(
                first.message,
                path=first.path,
                line=first.line,
                column=first.column,
                rule=first.rule,
            )


class Check(NamedTuple):
    """One thing checked, as CI test reports count them (a JUnit test case): a rules file
    linted, or a scenario replayed. It passes when none of its findings reaches the level."""

    name: str
    group: str  # its JUnit test suite: a rules folder, or a council's scenarios
    findings: tuple[Finding, ...] = ()

    def failures(self, level: Severity) -> list[Finding]:
        return at_or_above(self.findings, level)


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    """How many of each severity, most serious first."""
    found = {s.value: 0 for s in (Severity.ERROR, Severity.WARNING, Severity.NOTE)}
    for item in findings:
        found[item.severity.value] += 1
    return found


class FindingsFound(ProtocheckError):
    """A check found what it checks for: exit 1, with the first finding on stderr."""

    exit_code = ExitCode.FINDINGS


def fail_at(findings: Iterable[Finding], level: Severity) -> None:
    """FindingsFound naming the first finding at or above `level` (and how many more)."""
    failing = at_or_above(findings, level)
    if failing:
        first = failing[0]
        more = f" (and {len(failing) - 1} more)" if len(failing) > 1 else ""
        raise FindingsFound(f"{first.place or first.rule}: {first.message}{more}")
