"""Macros that render the policy guide's pages from data/ (profiles, comparison, conflicts, catalog, glossary)."""

from __future__ import annotations

from typing import Any


def register(env: Any, data: dict[str, Any]) -> None:
    """Called once per build by scripts/macros.py with the validated snapshot."""
