"""The catalogue's small files, read through the cache: what a run may hold on to."""

from __future__ import annotations

import pytest

from protocheck import documents, store


def test_the_catalogue_facts_are_read_once_a_run_and_cannot_be_changed(own_cache, monkeypatch):
    """`ask --all-councils` asks for them once a council: hundreds of reads at 500."""
    documents._held.clear()
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
