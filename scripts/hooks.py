"""MkDocs hooks: a document is one YAML file. Every profile in data/profiles/ gets its page and its place under
“政策文件” in the navigation, generated here; nothing about a profile is kept by hand in mkdocs.yml or docs/."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_data  # noqa: E402

SECTION = "政策文件"  # the nav section whose entries this hook writes
LEVEL_ORDER = ("national", "province", "city", "county", "school")


def _profiles() -> list[str]:
    """Profile ids from the national framework down to the schools, then by document date, then by id."""
    profiles = build_data.load_all()["profiles"]

    def key(pid: str) -> tuple[int, str, str]:
        p = profiles[pid]
        level = p.get("level")
        return (LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER), str(p.get("date") or ""), pid)

    return sorted(profiles, key=key)


def on_config(config: Any) -> Any:
    for entry in config["nav"] or []:
        if isinstance(entry, dict) and SECTION in entry:
            entry[SECTION] = [f"profiles/{pid}.md" for pid in _profiles()]
    return config


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    for pid in _profiles():
        uri = f"profiles/{pid}.md"
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, content=f'{{{{ profile_page("{pid}") }}}}\n'))
    return files
