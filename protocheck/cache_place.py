"""Where protocheck's cache folder is, worked out with `os` alone: `store` asks on every run,
and the launcher asks before anything else is imported (`preload`)."""

from __future__ import annotations

import os

CACHE_ENV = "PROTOCHECK_CACHE_DIR"


def cache_folder() -> str | None:
    """$PROTOCHECK_CACHE_DIR, else $XDG_CACHE_HOME/protocheck, else ~/.cache/protocheck; None
    where PROTOCHECK_NO_CACHE turns the cache off, or where there is no home folder."""
    if os.environ.get("PROTOCHECK_NO_CACHE"):
        return None
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home.startswith("~"):
            return None  # no home folder to be found: no cache, not one in the working folder
        base = os.path.join(home, ".cache")
    return os.path.join(base, "protocheck")
