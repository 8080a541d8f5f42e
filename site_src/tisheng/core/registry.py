"""Rule kinds, found by folder as OpenFisca finds its variables: each module in ``tisheng/tools/<tool>/rules/`` is one
kind of rule, and every surface (a tool, its staff list, 我的考核进度, the evidence prerequisites, a user's own file,
the rules page, the exports, the build's checks) reaches it through this registry.

A kind module declares ``SECTION`` and ``KEY`` (where its rule stands in a profile: ``hours.online_min``) and the
functions its tool calls; the contract of each tool is written in that tool's ``rules/__init__.py``. Everything a
user reads about a rule (its label, unit, short name in results, the rules page's question) is its entry in
``data/vocabulary.yaml``; its value's type there picks the validation (``tisheng.profiles.validate``). Adding a kind
is one module, its vocabulary entry and a worked case: nothing lists kinds by hand.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from . import vocabulary

TOOLS_PACKAGE = __name__.rsplit(".", 2)[0] + ".tools"


@dataclass(frozen=True)
class Kind:
    """One kind of rule: its place in a profile, its module and its vocabulary entry."""

    section: str
    key: str
    module: ModuleType
    tool: str

    @property
    def rule_id(self) -> str:
        return f"{self.section}.{self.key}"

    @property
    def word(self) -> dict[str, Any]:
        return vocabulary.get().rule(self.section, self.key) or {}

    def has(self, name: str) -> bool:
        return callable(getattr(self.module, name, None)) or hasattr(self.module, name)

    def __getattr__(self, name: str) -> Any:  # the module's functions and constants: kind.compile(...)
        return getattr(self.module, name)


class RegistryError(ValueError):
    """A kind module that the registry cannot place (said in Chinese for the build's report)."""


@functools.lru_cache(maxsize=1)
def _discover() -> tuple[Kind, ...]:
    tools = importlib.import_module(TOOLS_PACKAGE)
    found: list[Kind] = []
    for tool in pkgutil.iter_modules(tools.__path__):
        if not tool.ispkg:
            continue
        try:
            rules = importlib.import_module(f"{TOOLS_PACKAGE}.{tool.name}.rules")
        except ModuleNotFoundError:
            continue
        if not hasattr(rules, "__path__"):  # a tool's own module named rules, not a folder of kinds
            continue
        for info in pkgutil.iter_modules(rules.__path__):
            module = importlib.import_module(f"{rules.__name__}.{info.name}")
            section, key = getattr(module, "SECTION", None), getattr(module, "KEY", None)
            if not isinstance(section, str) or not isinstance(key, str):
                raise RegistryError(f"{module.__name__}：规则模块须写明 SECTION 和 KEY")
            found.append(Kind(section, key, module, tool.name))
    return tuple(found)


def _order(kind: Kind) -> tuple[int, int]:
    """The vocabulary's order: its sections, then the rules within each, as the pages show them."""
    v = vocabulary.get()
    sections = v.section_ids()
    keys = v.rule_keys(kind.section)
    return (sections.index(kind.section) if kind.section in sections else len(sections),
            keys.index(kind.key) if kind.key in keys else len(keys))


def kinds(section: str | None = None, having: str | None = None) -> list[Kind]:
    """Every kind (of one section, and with one function or constant of its module), in the vocabulary's order."""
    out = [k for k in _discover() if (section is None or k.section == section) and (having is None or k.has(having))]
    return sorted(out, key=_order)


def kind(section: str, key: str) -> Kind | None:
    return next((k for k in _discover() if k.section == section and k.key == key), None)


def keys(section: str, having: str | None = None) -> tuple[str, ...]:
    return tuple(k.key for k in kinds(section, having))


def problems() -> list[str]:
    """What the build refuses: a kind the vocabulary does not name (its words would be missing on every page), or two
    modules for one rule."""
    out: list[str] = []
    seen: dict[str, str] = {}
    for k in _discover():
        if k.rule_id in seen:
            out.append(f"{k.module.__name__}：规则 {k.rule_id} 已由 {seen[k.rule_id]} 定义")
        seen[k.rule_id] = k.module.__name__
        if vocabulary.get().rule(k.section, k.key) is None:
            out.append(f"{k.module.__name__}：data/vocabulary.yaml 的 sections.{k.section} 中没有 {k.key}（名称、类型和单位）")
    return out
