"""Access to the policy snapshot (``snapshot.json``) that the build writes from ``data/``.

Its keys: ``sources``, ``profiles`` (resolved along ``extends``), ``catalogs``, ``conflicts``, ``glossary``,
``tables``, ``vocabulary`` (data/vocabulary.yaml: read it through ``tisheng.vocabulary``) and ``version``.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ENV_VAR = "TISHENG_SNAPSHOT"


class SnapshotMissing(RuntimeError):
    pass


_loaded: dict[str, dict[str, Any]] = {}
_in_use: list[str] = []


@contextlib.contextmanager
def using(data: dict[str, Any]) -> Iterator[None]:
    """The engine reads ``data`` as its snapshot while this lasts: the build checks data/ with the engine's own
    checks before the snapshot file exists."""
    key = f"<在内存中的快照 {id(data)}>"
    _loaded[key] = {**data, "version": data.get("version") or key}
    _in_use.append(key)
    try:
        yield
    finally:
        _in_use.remove(key)
        _loaded.pop(key, None)


def _read(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def snapshot_path() -> Path:
    if _in_use:
        return Path(_in_use[-1])
    override = os.environ.get(ENV_VAR)
    return Path(override) if override else Path(__file__).resolve().parent.parent / "snapshot.json"


def load() -> dict[str, Any]:
    """Read once per process; the browser's restored memory snapshot already holds it."""
    path = snapshot_path()
    key = str(path)
    if key not in _loaded:
        if not path.is_file():
            raise SnapshotMissing(f"找不到政策数据快照 {path}：请先运行 make build（或 python scripts/build_data.py）。")
        _loaded[key] = _read(key)
    return _loaded[key]


def profile(profile_id: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = load()["profiles"].get(profile_id)
    return found


def profile_ids() -> list[str]:
    return list(load()["profiles"])


def source_title(doc_id: str) -> str:
    src = load()["sources"].get(doc_id) or {}
    return str(src.get("short_title") or src.get("title") or doc_id)
