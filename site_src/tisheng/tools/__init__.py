"""One module or package per calculator; each exposes ``evaluate(profile, data) -> dict`` and raises nothing on bad
input.

A tool is found by name (``tisheng.tools.<name>``), so adding a calculator is adding a module and a label.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

Tool = Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]

LABELS: dict[str, str] = {
    "hours": "学时自查",
    "points": "能力点选择",
    "grade": "成绩计算",
    "rollout": "名额分配",
    "evidence": "材料自查",
    "me": "我的考核进度",
    "rules": "录入本地文件",  # checks a user's own document (profile "local"): tisheng.tools.rules
}


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
