"""Validate ``data/`` and write the JSON snapshot the engine reads everywhere.

Run directly (``python scripts/build_data.py``) or through the MkDocs hook. Bad data stops the build with every
problem listed as ``file: key.path: what is wrong``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("TISHENG_DATA", ROOT / "data"))  # a host may keep its own data elsewhere
SNAPSHOT = ROOT / "site_src" / "tisheng" / "snapshot.json"

sys.path.insert(0, str(ROOT / "site_src"))
# The profile rules live in the engine, so a user's own file (the rules page, the CLI's --profile-file) is held to
# exactly the checks the build applies to data/profiles.
from tisheng.profilecheck import (  # noqa: E402
    DATE_RE, HOURS_KEYS, LEVELS, SECTIONS, Checker, check_grading, check_hours, check_points, check_rollout, resolve)

__all__ = ["DATE_RE", "HOURS_KEYS", "LEVELS", "SECTIONS", "DataError", "load_all", "write_snapshot"]


class DataError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("data/ 中有错误：\n" + "\n".join(f"  - {p}" for p in problems))
        self.problems = problems


def _plain(obj: Any) -> Any:
    """YAML dates become ISO strings, so the snapshot is plain JSON."""
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_plain(v) for v in obj]
    return obj


def _load_yaml(path: Path, problems: list[str]) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return _plain(yaml.safe_load(fh))
    except yaml.YAMLError as exc:
        problems.append(f"{_rel(path)}: YAML 语法错误：{exc}")
    except UnicodeDecodeError:
        problems.append(f"{_rel(path)}: 文件不是 UTF-8 编码")
    return None


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


class FileChecker:
    """The engine's Checker, with each problem written ``file: key: what（hint）`` as the build reports it."""

    def __init__(self, source_ids: set[str]):
        self.source_ids = source_ids
        self.problems: list[str] = []

    def err(self, where: str, key: str, what: str) -> None:
        self.problems.append(f"{where}: {key}: {what}")

    def run(self, where: str, check: Any, *args: Any) -> None:
        c = Checker(self.source_ids)
        check(c, *args)
        for p in c.problems:
            self.err(where, p.key, p.what + (f"（{p.hint}）" if p.hint else ""))

    def walk(self, where: str, key: str, node: Any) -> None:
        self.run(where, lambda c: c.walk(key, node))

    def rule(self, where: str, key: str, rule: Any) -> None:
        self.run(where, lambda c: c.rule(key, rule))


def load_all(data_dir: Path = DATA) -> dict[str, Any]:
    problems: list[str] = []

    sources_doc = _load_yaml(data_dir / "sources.yaml", problems) if (data_dir / "sources.yaml").exists() else None
    if not isinstance(sources_doc, dict) or not isinstance(sources_doc.get("sources"), list):
        raise DataError(problems or ["data/sources.yaml: sources: 缺少文件或 sources 列表"])
    sources: dict[str, Any] = {}
    for i, src in enumerate(sources_doc["sources"]):
        key = f"sources[{i}]"
        if not isinstance(src, dict) or not isinstance(src.get("id"), str):
            problems.append(f"data/sources.yaml: {key}: 缺少 id")
            continue
        if src["id"] in sources:
            problems.append(f"data/sources.yaml: {key}.id: 重复的 id “{src['id']}”")
        if not src.get("title"):
            problems.append(f"data/sources.yaml: {key}.title: 缺少标题")
        if src.get("level") not in LEVELS:
            problems.append(f"data/sources.yaml: {key}.level: 必须是 {', '.join(sorted(LEVELS))} 之一")
        sources[src["id"]] = src
    checker = FileChecker(set(sources))

    catalogs: dict[str, Any] = {}
    for path in sorted((data_dir / "catalogs").glob("*.yaml")):
        cat = _load_yaml(path, problems)
        where = _rel(path)
        if not isinstance(cat, dict):
            continue
        if cat.get("id") != path.stem:
            checker.err(where, "id", f"必须与文件名相同（{path.stem}）")
        envs = {e.get("id") for e in cat.get("environments", []) if isinstance(e, dict)}
        dims = {d.get("id") for d in cat.get("dimensions", []) if isinstance(d, dict)}
        seen: set[str] = set()
        for i, pt in enumerate(cat.get("points") or []):
            key = f"points[{i}]"
            if not isinstance(pt, dict) or not pt.get("code"):
                checker.err(where, key, "缺少 code")
                continue
            if pt["code"] in seen:
                checker.err(where, f"{key}.code", f"重复的能力点编号 {pt['code']}")
            seen.add(pt["code"])
            if pt.get("env") not in envs:
                checker.err(where, f"{key}.env", f"“{pt.get('env')}”不在 environments 中")
            if pt.get("dimension") is not None and pt.get("dimension") not in dims:
                checker.err(where, f"{key}.dimension", f"“{pt.get('dimension')}”不在 dimensions 中")
        checker.walk(where, "", cat)
        catalogs[cat.get("id", path.stem)] = cat

    raw_profiles: dict[str, Any] = {}
    for path in sorted((data_dir / "profiles").glob("*.yaml")):
        prof = _load_yaml(path, problems)
        where = _rel(path)
        if not isinstance(prof, dict):
            continue
        if prof.get("id") != path.stem:
            checker.err(where, "id", f"必须与文件名相同（{path.stem}）")
        for key in ("title", "doc", "level"):
            if not prof.get(key):
                checker.err(where, key, "缺少")
        if prof.get("doc") and prof["doc"] not in sources:
            checker.err(where, "doc", f"“{prof['doc']}”不在 sources.yaml 中")
        if prof.get("level") and prof["level"] not in LEVELS:
            checker.err(where, "level", f"必须是 {', '.join(sorted(LEVELS))} 之一")
        if prof.get("catalog") and prof["catalog"] not in catalogs:
            checker.err(where, "catalog", f"“{prof['catalog']}”不在 data/catalogs/ 中")
        for name in SECTIONS:
            section = prof.get(name)
            if section is None:
                continue
            if not isinstance(section, dict):
                checker.err(where, name, "必须是规则的映射")
                continue
            for key, rule in section.items():
                checker.rule(where, f"{name}.{key}", rule)
            if name == "hours":
                checker.run(where, check_hours, section)
            if name == "grading":
                checker.run(where, check_grading, section)
            if name == "points":
                checker.run(where, check_points, section)
            if name == "rollout":
                checker.run(where, check_rollout, section)
        raw_profiles[str(prof.get("id", path.stem))] = prof

    for pid, prof in raw_profiles.items():
        parent = prof.get("extends")
        if parent is not None and parent not in raw_profiles:
            checker.err(_rel(data_dir / "profiles" / f"{pid}.yaml"), "extends", f"“{parent}”不是已有的政策 id")
    profiles: dict[str, Any] = {}
    for pid in raw_profiles:
        try:
            profiles[pid] = resolve(pid, raw_profiles)
        except ValueError as exc:
            checker.err(_rel(data_dir / "profiles" / f"{pid}.yaml"), "extends", str(exc))

    for pid, prof in profiles.items():
        cat = catalogs.get(prof.get("catalog") or "")
        rng = (prof.get("points") or {}).get("school_range")
        if cat and isinstance(rng, dict) and isinstance(rng.get("value"), list):
            codes = {p["code"] for p in cat.get("points", []) if isinstance(p, dict)}
            for code in rng["value"]:
                if code not in codes:
                    checker.err(_rel(data_dir / "profiles" / f"{pid}.yaml"), "points.school_range", f"能力点 {code} 不在目录中")

    conflicts: list[Any] = []
    path = data_dir / "conflicts.yaml"
    if path.exists():
        doc = _load_yaml(path, problems) or {}
        for i, conf in enumerate(doc.get("conflicts") or []):
            where = _rel(path)
            for p in conf.get("profiles") or []:
                if p not in raw_profiles:
                    checker.err(where, f"conflicts[{i}].profiles", f"“{p}”不是已有的政策 id")
            checker.walk(where, f"conflicts[{i}]", conf)
            conflicts.append(conf)

    glossary: list[Any] = []
    path = data_dir / "glossary.yaml"
    if path.exists():
        doc = _load_yaml(path, problems) or {}
        glossary = list(doc.get("terms") or [])
        checker.walk(_rel(path), "terms", glossary)

    tables: dict[str, Any] = {}
    for path in sorted((data_dir / "tables").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        tables[path.stem] = {"columns": list(rows[0].keys()) if rows else [], "rows": rows}

    problems.extend(checker.problems)
    if problems:
        raise DataError(problems)
    return {
        "sources": sources,
        "profiles": profiles,
        "catalogs": catalogs,
        "conflicts": conflicts,
        "glossary": glossary,
        "tables": tables,
    }


def build_snapshot(data_dir: Path = DATA) -> dict[str, Any]:
    data = load_all(data_dir)
    body = json.dumps(data, ensure_ascii=False, sort_keys=True)
    data["version"] = hashlib.sha256(body.encode()).hexdigest()[:12]
    return data


def write_snapshot(target: Path = SNAPSHOT, data_dir: Path = DATA) -> dict[str, Any]:
    data = build_snapshot(data_dir)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)  # atomic: a build running beside this one never reads half a file
    return data


def main() -> int:
    try:
        data = write_snapshot()
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"data/ 校验通过：{len(data['profiles'])} 个政策，{len(data['sources'])} 份文件 → {_rel(SNAPSHOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
