"""One module or package per calculator; each exposes ``evaluate(profile, data) -> dict`` and raises nothing on bad
input.

A tool is found by name (``tisheng.tools.<name>``), so adding a calculator is adding a module and a label.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from ..core import vocabulary

Tool = Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]

LABELS = vocabulary.Words(lambda v: {t: v.tool_label(t) or t for t in v.tools})  # data/vocabulary.yaml `tools`


def get(name: str) -> Tool | None:
    if name not in LABELS:
        return None
    try:
        module = importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError:
        return None
    tool: Tool = module.evaluate
    return tool


def available() -> list[str]:
    return [name for name in LABELS if get(name) is not None]
