"""Strict reading of one YAML mapping: known keys only, required ones present, right shapes.

Each failure names the file and line, so an author can go straight to the mistake.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import RulesError
from .yamlfile import YList, YMap, column_of, line_of

if TYPE_CHECKING:
    from .findings import Report
    from .models import Paragraph

T = TypeVar("T")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Fields:
    """Typed access to a mapping's values, with errors that point at the line.

    Given a `report`, an unknown key is recorded there and the rest is still read (an
    unknown key cannot change what the known ones mean); every other mistake raises."""

    def __init__(
        self,
        path: Path,
        value: Any,
        what: str,
        *,
        required: tuple[str, ...] = (),
        optional: tuple[str, ...] = (),
        line: int | None = None,
        report: Report | None = None,
    ):
        self.path = path
        self.what = what
        self.report = report
        if not isinstance(value, YMap):
            raise RulesError(f"{what} must be a mapping of keys to values", path=path, line=line)
        self.map = value
        known = set(required) | set(optional)
        for key in value:
            if key not in known:
                allowed = ", ".join(sorted(known))
                self.record(self.error(f"unknown key {key!r} in {what} (allowed: {allowed})",
                                         key, rule="PC101"))  # fmt: skip
        for key in required:
            if key not in value or value[key] is None:
                raise self.error(f"{what} is missing {key!r}", rule="PC102")

    def item(
        self,
        value: Any,
        line: int,
        what: str,
        *,
        required: tuple[str, ...] = (),
        optional: tuple[str, ...] = (),
    ) -> Fields:
        """An item of one of this mapping's lists, checked the same way, in the same report."""
        return Fields(self.path, value, what, required=required, optional=optional, line=line,
                      report=self.report)  # fmt: skip

    def block(
        self, key: str, what: str, *, required: tuple[str, ...] = (), optional: tuple[str, ...] = ()
    ) -> Fields:
        """The mapping under `key`, checked the same way, its errors naming its own lines."""
        return Fields(
            self.path,
            self.raw(key),
            what,
            required=required,
            optional=optional,
            line=self.line(key),
            report=self.report,
        )

    def attempt(self, action: Callable[..., T], *args: Any) -> T | None:
        """`action(*args)`; with a report, a failure is recorded there and gives None."""
        if self.report is None:
            return action(*args)
        return self.report.attempt(action, *args)

    def record(self, error: RulesError) -> None:
        """A mistake found beside the reading: recorded with a report, else raised."""
        if self.report is None:
            raise error
        from .findings import from_error

        self.report.add(from_error(error))

    def each(self, key: str, read: Callable[[Any, int], T]) -> list[T]:
        """Each item of the list under `key`, read by `read(item, line)`; with a report, an
        item that fails is recorded and left out, and the others are still read."""
        found = []
        for item, line in self.items(key):
            value = self.attempt(read, item, line)
            if value is not None:
                found.append(value)
        return found

    def line(self, key: str | None = None) -> int:
        return self.map.line if key is None else line_of(self.map, key)

    def column(self, key: str | None = None) -> int | None:
        return None if key is None else column_of(self.map, key)

    def error(self, message: str, key: str | None = None, *, rule: str = "PC103") -> RulesError:
        """A mistake at `key` (else at the mapping), under the rule id it breaks."""
        return RulesError(
            message, path=self.path, line=self.line(key), column=self.column(key), rule=rule
        )

    def has(self, key: str) -> bool:
        return self.map.get(key) is not None

    def raw(self, key: str) -> Any:
        return self.map.get(key)

    def text(self, key: str) -> str:
        value = self.map.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.error(f"{key!r} in {self.what} must be text", key)
        return value.strip()

    def optional_text(self, key: str) -> str | None:
        return self.text(key) if self.has(key) else None

    def one_of(self, key: str, allowed: tuple[str, ...]) -> str:
        """A text that must be one of `allowed`; the first is the default when it is optional
        and absent (a required key's absence is reported before this is asked)."""
        if not self.has(key):
            return allowed[0]
        value = self.text(key)
        if value not in allowed:
            raise self.error(f"{key!r} must be one of {', '.join(allowed)}, not {value!r}", key)
        return value

    def identifier(self, key: str) -> str:
        value = self.text(key)
        if not ID_PATTERN.match(value):
            raise self.error(
                f"{key!r} {value!r} must be lower case words joined by hyphens", key, rule="PC104"
            )
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        """A list of texts; a single text is taken as a list of one."""
        value = self.map.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value.strip(),)
        if not isinstance(value, YList) or not all(isinstance(v, str) for v in value):
            raise self.error(f"{key!r} in {self.what} must be a list of texts", key)
        return tuple(v.strip() for v in value)

    def items(self, key: str) -> list[tuple[Any, int]]:
        """The items of a list with their lines; a missing list is empty."""
        value = self.map.get(key)
        if value is None:
            return []
        if not isinstance(value, YList):
            raise self.error(f"{key!r} in {self.what} must be a list", key)
        return [(item, line_of(value, i)) for i, item in enumerate(value)]

    def cites(
        self, key: str, refs: Mapping[str, Paragraph] | set[str], *, required: bool = True
    ) -> tuple[str, ...]:
        """The refs listed under `key`, each of which must be a paragraph of this council and,
        where the paragraphs are given, the protocol's own words, never the source's
        commentary on it (advice rests on what the protocol says)."""
        cites = self.texts(key)
        if required and not cites:
            raise self.error(f"{self.what} must cite at least one paragraph", key, rule="PC202")
        for ref in cites:
            if ref not in refs:
                error = self.error(
                    f"cites paragraph {ref!r}, which is not in paragraphs.yaml", key, rule="PC201"
                )
                error.paragraphs = (ref,)
                raise error
            if isinstance(refs, Mapping) and refs[ref].commentary:
                raise self.error(
                    f"cites paragraph {ref!r}, which is the source's commentary on the protocol"
                    " (its section says 'commentary: true'), not the protocol's words",
                    key,
                    rule="PC213",
                )
        return cites

    def role(self, key: str, role_ids: set[str]) -> str:
        """A role id under `key`, which must be one of the council's roles."""
        return self._known_role(self.text(key), role_ids, key)

    def roles(self, key: str, role_ids: set[str]) -> tuple[str, ...]:
        return tuple(self._known_role(r, role_ids, key) for r in self.texts(key))

    def _known_role(self, role: str, role_ids: set[str], key: str) -> str:
        if role not in role_ids:
            known = ", ".join(sorted(role_ids)) or "none"
            raise self.error(
                f"{role!r} is not a role in council.yaml (roles: {known})", key, rule="PC203"
            )
        return role
