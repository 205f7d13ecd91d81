"""The catalogue's small files, read through the cache: what a run may hold on to."""

from __future__ import annotations

import pytest

from protocheck import documents, store


def test_the_catalogue_facts_are_read_once_a_run_and_cannot_be_changed(own_cache, monkeypatch):
    """`ask --all-councils` asks for them once a council: hundreds of reads at 500."""
    monkeypatch.setattr(documents, "_facts", None)  # as at the start of a run
    reads = []
    real_read = store.read

    def counted(path, key):
        reads.append(path)
        return real_read(path, key)

    monkeypatch.setattr(store, "read", counted)
    first = documents.load_facts()
    for _ in range(5):
        assert documents.load_facts() is first
    assert len(reads) == 1
    with pytest.raises(TypeError):
        first["role"] = first["role"]  # type: ignore[index]


def test_without_a_home_folder_there_is_no_cache_rather_than_one_in_the_working_folder(
    monkeypatch,
):
    from protocheck.cache_place import cache_folder

    for name in ("PROTOCHECK_NO_CACHE", "PROTOCHECK_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("os.path.expanduser", lambda path: path)  # no passwd entry either
    assert cache_folder() is None
    assert store.cache_dir() is None
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    assert cache_folder() == "/somewhere/protocheck"
