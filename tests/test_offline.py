"""No network at run time: the whole pipeline runs with every socket connection refused."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest

from geomap.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_pipeline_runs_with_sockets_blocked(tmp_path, monkeypatch):
    attempts: list[object] = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise OSError("network disabled by test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(None, a))
    with pytest.raises(SystemExit) as exc:
        main(["map", str(SEEDS), "--out", str(tmp_path), "--quiet", "--jobs", "1"])
    assert exc.value.code == 0
    assert (tmp_path / "index.html").exists() and (tmp_path / "events.csv").exists()
    assert attempts == []
