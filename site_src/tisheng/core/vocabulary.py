"""The site's vocabulary (``data/vocabulary.yaml``, carried in the snapshot): environments, dimensions, rooms,
catalog statuses, hour kinds, bands, levels, conflict kinds, and every rule's label, type, unit and audience.

``get()`` reads it from the snapshot the engine uses; ``Vocabulary(snapshot_dict["vocabulary"])`` wraps the one a
build holds in memory (the guide pages). Nothing here is policy: a rule's value always comes from a profile.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from . import snapshot

def fold(value: Any) -> str:
    """A word as compared with aliases: full-width folded, white space removed, lower case."""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value))).lower()


class Vocabulary:
    def __init__(self, raw: dict[str, Any]):
        self.raw = raw
        self.levels: list[dict[str, Any]] = list(raw["levels"])
        self.environments: list[dict[str, Any]] = list(raw["environments"])
        self.dimensions: list[dict[str, Any]] = list(raw["dimensions"])
        self.statuses: dict[str, dict[str, Any]] = {s["id"]: s for s in raw["statuses"]}
        self.hour_kinds: dict[str, str] = {k["id"]: k["label"] for k in raw["hour_kinds"]}
        self.bands: dict[str, str] = {b["id"]: b["label"] for b in raw["bands"]}
        self.audiences: list[tuple[str, str]] = [(a["id"], a["label"]) for a in raw["audiences"]]
        self.conflict_kinds: dict[str, dict[str, Any]] = {k["id"]: k for k in raw["conflict_kinds"]}
        self.sections: list[dict[str, Any]] = list(raw["sections"])
        self.rules: dict[str, dict[str, Any]] = {f"{s['id']}.{r['key']}": {**r, "section": s["id"]}
                                                 for s in self.sections for r in s["rules"]}
        self.findings: dict[str, str] = {r: x["finding"] for r, x in self.rules.items() if x.get("finding")}
        self.findings.update({f["id"]: f["label"] for f in raw.get("findings") or []})
        self.value_words: dict[str, str] = {w["word"]: w["label"] for w in raw["value_words"]}
        self.tools: dict[str, dict[str, Any]] = {t["id"]: t for t in raw["tools"]}
        self.late: dict[str, str] = dict(raw.get("late") or {})
        self.rooms: list[dict[str, Any]] = [self._room(r) for r in raw["rooms"]]
        names = {**{e["id"]: e["label"] for e in self.environments}, **{r["id"]: r["label"] for r in self.rooms},
                 **self.bands}
        self.value_keys: dict[str, str] = {v["key"]: v.get("label") or names[v["key"]] for v in raw["value_keys"]}

    def _room(self, room: dict[str, Any]) -> dict[str, Any]:
        env = next((e for e in self.environments if e["id"] == room["id"]), None)
        label = room.get("label") or (env or {}).get("label")
        aliases = [*(room.get("aliases") or []), *((env or {}).get("aliases") or [])]
        return {"id": room["id"], "label": label, "hint": room.get("hint") or "", "aliases": aliases}

    # ---------- levels, environments, dimensions, rooms, statuses

    @property
    def level_ids(self) -> tuple[str, ...]:
        return tuple(lv["id"] for lv in self.levels)

    def level_label(self, level: Any, default: str | None = None) -> str | None:
        return next((lv["label"] for lv in self.levels if lv["id"] == level), default)

    def env_ids(self) -> tuple[str, ...]:
        return tuple(e["id"] for e in self.environments)

    def dimension_ids(self) -> tuple[str, ...]:
        return tuple(d["id"] for d in self.dimensions)

    def env_label(self, env: Any, default: str | None = None) -> str:
        """An environment's label; for an unknown one, ``default`` or the vocabulary's 环境未知."""
        found = next((e["label"] for e in self.environments if e["id"] == env), None)
        return found if found is not None else default if default is not None else self.raw["unknown"]["environment"]

    def dimension_label(self, dim: Any, default: str | None = None) -> str:
        found = next((d["label"] for d in self.dimensions if d["id"] == dim), None)
        return found if found is not None else default if default is not None else self.raw["unknown"]["dimension"]

    def room_label(self, room: Any, default: str = "") -> str:
        return next((r["label"] for r in self.rooms if r["id"] == room), default)

    def env_aliases(self) -> dict[str, str]:
        """Every way to write an environment (id, code, label, alias), folded, → its id."""
        return {fold(a): e["id"] for e in self.environments
                for a in (e["id"], e["code"], e["label"], *(e.get("aliases") or []))}

    def dimension_aliases(self) -> dict[str, str]:
        return {fold(a): d["id"] for d in self.dimensions for a in (d["id"], d["label"], *(d.get("aliases") or []))}

    def room_aliases(self) -> dict[str, str]:
        return {fold(a): r["id"] for r in self.rooms for a in (r["id"], r["label"], *r["aliases"])}

    def hour_kind_aliases(self) -> dict[str, str]:
        """Every way a record may write a kind of hours (id, label, alias), folded, → its id."""
        return {fold(a): k["id"] for k in self.raw["hour_kinds"] for a in (k["id"], k["label"], *(k.get("aliases") or []))}

    def confirmed(self) -> frozenset[str]:
        """Statuses that count as confirmed (seed, source, uploaded)."""
        return frozenset(s for s, x in self.statuses.items() if x.get("confirmed"))

    def status_ids(self, in_data: bool = False) -> frozenset[str]:
        """Every status; with ``in_data``, only those data/catalogs/ may write (not the engine's ``uploaded``)."""
        return frozenset(s for s, x in self.statuses.items() if not (in_data and x.get("uploaded_only")))

    def status_label(self, status: Any, default: str | None = None) -> str | None:
        return (self.statuses.get(status) or {}).get("label", default)

    # ---------- rules

    def section_ids(self) -> tuple[str, ...]:
        return tuple(s["id"] for s in self.sections)

    def table_sections(self) -> tuple[str, ...]:
        """Sections shown as rule tables, in page order."""
        return tuple(s["id"] for s in self.sections if s.get("table", True))

    def page_sections(self) -> tuple[str, ...]:
        """Every section in page order: the rule tables, then those with their own layout."""
        return (*self.table_sections(), *(s["id"] for s in self.sections if not s.get("table", True)))

    def section(self, section: str) -> dict[str, Any]:
        return next((s for s in self.sections if s["id"] == section), {})

    def section_title(self, section: str) -> str:
        return str(self.section(section).get("title") or section)

    def rule(self, section: str, key: str) -> dict[str, Any] | None:
        return self.rules.get(f"{section}.{key}")

    def rule_keys(self, section: str) -> list[str]:
        return [r["key"] for r in self.section(section).get("rules") or []]

    def label(self, section: str, key: str) -> str | None:
        return (self.rule(section, key) or {}).get("label")

    def key_label(self, key: str) -> str | None:
        """The label of the first rule with this key in any section (a note names a rule by its key alone)."""
        return next((r["label"] for r in self.rules.values() if r["key"] == key), None)

    def rule_type(self, section: str, key: str) -> str | None:
        return (self.rule(section, key) or {}).get("type")

    def unit(self, section: str, key: str) -> str:
        return str((self.rule(section, key) or {}).get("unit") or "")

    def suffix(self, section: str, key: str) -> str:
        return str((self.rule(section, key) or {}).get("suffix") or "")

    def audience(self, section: str, key: str) -> str | None:
        rule = self.rule(section, key) or {}
        return rule.get("audience") or self.section(section).get("audience")

    def finding_label(self, rule_id: str, default: str | None = None) -> str | None:
        """A check's short name in a tool's results and exports (``points.teacher_count_min`` → 教师应选个数)."""
        return self.findings.get(rule_id, default)

    def tool_sections(self, tool: str) -> tuple[str, ...]:
        """The profile sections a tool reads its rules from."""
        return tuple((self.tools.get(tool) or {}).get("sections") or ())

    def runs_all(self, tool: str) -> bool:
        """A tool that runs the others (我的考核进度) takes every rule's readings, even those named for one tool."""
        return bool((self.tools.get(tool) or {}).get("runs_all"))

    def tool_label(self, tool: str, default: str | None = None) -> str | None:
        return (self.tools.get(tool) or {}).get("label", default)

    def conflict_kind(self, kind: Any) -> dict[str, Any] | None:
        return self.conflict_kinds.get(kind)

    # ---------- for pages

    def page_block(self) -> dict[str, Any]:
        """What a page's script needs, for embedding in its page data (JSON): ids, codes, labels and aliases."""
        return {
            "environments": [{k: e[k] for k in ("id", "code", "label")} for e in self.environments],
            "dimensions": [{k: d[k] for k in ("id", "label")} for d in self.dimensions],
            "rooms": [{k: r[k] for k in ("id", "label", "hint")} for r in self.rooms],
            "room_aliases": self.room_aliases(),
            "statuses": {s: {"label": x["label"], "confirmed": bool(x.get("confirmed"))}
                         for s, x in self.statuses.items()},
            "hour_kinds": [{"id": k, "label": v} for k, v in self.hour_kinds.items()],
            "bands": self.bands,
            "unknown": dict(self.raw["unknown"]),
        }


@functools.lru_cache(maxsize=4)
def _for(path: str) -> Vocabulary:
    raw = snapshot.load().get("vocabulary")
    if not isinstance(raw, dict):
        raise snapshot.SnapshotMissing(f"政策数据快照 {path} 中没有词汇表：请重新运行 make build（或 python scripts/build_data.py）。")
    return Vocabulary(raw)


class Words(Mapping[str, str]):
    """One of the vocabulary's word lists as a module constant (``BAND_LABELS = Words(lambda v: v.bands)``), read
    from the snapshot on first use, so that a module can be imported before the snapshot is built."""

    def __init__(self, pick: Callable[[Vocabulary], Mapping[str, str]]):
        self._pick = pick
        self._words: dict[str, str] | None = None

    def _data(self) -> dict[str, str]:
        if self._words is None:
            self._words = dict(self._pick(get()))
        return self._words

    def __getitem__(self, key: str) -> str:
        return self._data()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._data())


class Ids(Sequence[str]):
    """One of the vocabulary's id lists (or alias sets) as a module constant, read on first use like ``Words``."""

    def __init__(self, pick: Callable[[Vocabulary], Any]):
        self._pick = pick
        self._ids: tuple[str, ...] | None = None

    def _data(self) -> tuple[str, ...]:
        if self._ids is None:
            self._ids = tuple(self._pick(get()))
        return self._ids

    def __getitem__(self, i: Any) -> Any:
        return self._data()[i]

    def __len__(self) -> int:
        return len(self._data())

    def __contains__(self, x: object) -> bool:
        return x in self._data()


def get() -> Vocabulary:
    """The vocabulary of the snapshot in use (read once per snapshot)."""
    return _for(str(snapshot.snapshot_path()))


def conflicts_for(profile_id: Any, rule_id: str, kind: str | None = None,
                  conflicts: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The conflicts.yaml entries that name this rule (their ``rules``) for this profile, optionally of one kind:
    the one link from a rule to what the documents leave open or say twice."""
    found = (snapshot.load().get("conflicts") or []) if conflicts is None else conflicts
    return [c for c in found if profile_id in (c.get("profiles") or []) and rule_id in (c.get("rules") or [])
            and (kind is None or c.get("kind") == kind)]
