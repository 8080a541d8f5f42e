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

sys.path.insert(0, str(Path(__file__).resolve().parent))

import data_vocabulary  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "site_src"))
# The profile rules the engine also holds a user's own file to (the rules page, the CLI's --profile-file): one
# implementation for data/profiles and for her file.
from tisheng import api  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("TISHENG_DATA", ROOT / "data"))  # a host may keep its own data elsewhere
SNAPSHOT = ROOT / "site_src" / "tisheng" / "snapshot.json"

VOCABULARY = "vocabulary.yaml"  # the site's words (data/SCHEMA.md): a host's own data/ may leave it out


def _vocabulary_path(data_dir: Path) -> Path:
    own = data_dir / VOCABULARY
    return own if own.exists() else ROOT / "data" / VOCABULARY


def _sections(vocab: dict[str, Any]) -> tuple[str, ...]:
    return tuple(s["id"] for s in vocab["sections"])


with _vocabulary_path(DATA).open(encoding="utf-8") as _fh:
    SECTIONS = _sections(yaml.safe_load(_fh))  # the profile sections, in the order the build resolves them


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


class Checker:
    """The build's report: ``file: key: what``. Citations are checked by the engine (``tisheng.api``), as a user's
    own file's are."""

    def __init__(self, source_ids: set[str]):
        self.source_ids = source_ids
        self.problems: list[str] = []

    def err(self, where: str, key: str, what: str) -> None:
        line = f"{where}: {key}: {what}"
        if line not in self.problems:
            self.problems.append(line)

    def engine(self, where: str, problems: list[dict[str, Any]]) -> None:
        """The engine's problems as a maintainer reads them: how to fix the YAML first, then what a reader is told."""
        for p in problems:
            self.err(where, p["key"], f"{p['hint']}（{p['what']}）" if p.get("hint") else p["what"])

    def walk(self, where: str, key: str, node: Any) -> None:
        """Every `source` anywhere below ``node`` is a full citation of a document in sources.yaml."""
        self.engine(where, api.check_citations(node, key, sorted(self.source_ids)))


def _load_vocabulary(data_dir: Path) -> dict[str, Any]:
    """The vocabulary first: the other files are checked against it, so a broken one stops the build at once."""
    problems: list[str] = []
    path = _vocabulary_path(data_dir)
    vocab = _load_yaml(path, problems)
    if not problems:
        data_vocabulary.check(vocab, lambda key, what: problems.append(f"{_rel(path)}: {key or '（整个文件）'}: {what}"))
    if problems:
        raise DataError(problems)
    return dict(vocab)


def _load_sources(data_dir: Path, levels: tuple[str, ...], problems: list[str]) -> dict[str, Any]:
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
        if src.get("level") not in levels:
            problems.append(f"data/sources.yaml: {key}.level: 必须是 {', '.join(sorted(levels))} 之一")
        sources[src["id"]] = src
    return sources


def _load_catalogs(data_dir: Path, vocab: dict[str, Any], checker: Checker, problems: list[str]) -> dict[str, Any]:
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
        data_vocabulary.check_catalog(vocab, cat, lambda key, what, where=where: checker.err(where, key, what))
        checker.walk(where, "", cat)
        catalogs[cat.get("id", path.stem)] = cat
    return catalogs


def _check_profile(checker: Checker, where: str, prof: dict[str, Any], vocab: dict[str, Any],
                   sources: dict[str, Any], catalogs: dict[str, Any], stem: str) -> None:
    levels = tuple(lv["id"] for lv in vocab["levels"])
    if prof.get("id") != stem:
        checker.err(where, "id", f"必须与文件名相同（{stem}）")
    for key in ("title", "doc", "level"):
        if not prof.get(key):
            checker.err(where, key, "缺少")
    if prof.get("doc") and prof["doc"] not in sources:
        checker.err(where, "doc", f"“{prof['doc']}”不在 sources.yaml 中")
    if prof.get("level") and prof["level"] not in levels:
        checker.err(where, "level", f"必须是 {', '.join(sorted(levels))} 之一")
    if prof.get("catalog") and prof["catalog"] not in catalogs:
        checker.err(where, "catalog", f"“{prof['catalog']}”不在 data/catalogs/ 中")
    for name in _sections(vocab):
        if prof.get(name) is not None and not isinstance(prof[name], dict):
            checker.err(where, name, "必须是规则的映射")


def _load_profiles(data_dir: Path, vocab: dict[str, Any], sources: dict[str, Any], catalogs: dict[str, Any],
                   checker: Checker, problems: list[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the profiles as written, the profiles resolved along `extends`)."""
    raw_profiles: dict[str, Any] = {}
    for path in sorted((data_dir / "profiles").glob("*.yaml")):
        prof = _load_yaml(path, problems)
        if isinstance(prof, dict):
            _check_profile(checker, _rel(path), prof, vocab, sources, catalogs, path.stem)
            raw_profiles[str(prof.get("id", path.stem))] = prof

    def where(pid: str) -> str:
        return _rel(data_dir / "profiles" / f"{pid}.yaml")

    for pid, prof in raw_profiles.items():
        parent = prof.get("extends")
        if parent is not None and parent not in raw_profiles:
            checker.err(where(pid), "extends", f"“{parent}”不是已有的政策 id")
    profiles: dict[str, Any] = {}
    for pid in raw_profiles:
        try:
            profiles[pid] = api.resolve_profiles({k: raw_profiles[k] for k in _lineage(pid, raw_profiles)},
                                                 _sections(vocab))[pid]
        except ValueError as exc:
            checker.err(where(pid), "extends", str(exc))
    for pid, prof in profiles.items():
        cat = catalogs.get(prof.get("catalog") or "")
        rng = (prof.get("points") or {}).get("school_range")
        if cat and isinstance(rng, dict) and isinstance(rng.get("value"), list):
            codes = {p["code"] for p in cat.get("points", []) if isinstance(p, dict)}
            for code in rng["value"]:
                if code not in codes:
                    checker.err(where(pid), "points.school_range", f"能力点 {code} 不在目录中")
    return raw_profiles, profiles


def _lineage(pid: str, raw: dict[str, Any]) -> list[str]:
    """The profile and its ancestors (a loop ends where it repeats: resolve reports it)."""
    out: list[str] = []
    while pid in raw and pid not in out:
        out.append(pid)
        pid = raw[pid].get("extends")
    return out + ([pid] if pid in out else [])


def _load_conflicts(data_dir: Path, vocab: dict[str, Any], raw_profiles: dict[str, Any], checker: Checker,
                    problems: list[str]) -> list[Any]:
    conflicts: list[Any] = []
    path = data_dir / "conflicts.yaml"
    if path.exists():
        doc = _load_yaml(path, problems) or {}
        where = _rel(path)
        for i, conf in enumerate(doc.get("conflicts") or []):
            for p in conf.get("profiles") or []:
                if p not in raw_profiles:
                    checker.err(where, f"conflicts[{i}].profiles", f"“{p}”不是已有的政策 id")
            data_vocabulary.check_conflict(vocab, i, conf, lambda key, what: checker.err(where, key, what))
            checker.walk(where, f"conflicts[{i}]", conf)
            conflicts.append(conf)
    return conflicts


def load_all(data_dir: Path = DATA) -> dict[str, Any]:
    vocab = _load_vocabulary(data_dir)
    problems: list[str] = []
    sources = _load_sources(data_dir, tuple(lv["id"] for lv in vocab["levels"]), problems)
    checker = Checker(set(sources))
    catalogs = _load_catalogs(data_dir, vocab, checker, problems)
    raw_profiles, profiles = _load_profiles(data_dir, vocab, sources, catalogs, checker, problems)
    for p in api.check_profiles({"vocabulary": vocab, "sources": sources, "catalogs": catalogs, "profiles": raw_profiles}):
        checker.engine(_rel(data_dir / "profiles" / f"{p['profile']}.yaml") if p["profile"] else "site_src/tisheng",
                       [p])
    conflicts = _load_conflicts(data_dir, vocab, raw_profiles, checker, problems)

    glossary: list[Any] = []
    path = data_dir / "glossary.yaml"
    if path.exists():
        doc = _load_yaml(path, problems) or {}
        glossary = list(doc.get("terms") or [])
        checker.walk(_rel(path), "terms", glossary)

    regions: list[Any] = []
    path = data_dir / "regions.yaml"
    if path.exists():
        regions = list((_load_yaml(path, problems) or {}).get("provinces") or [])
        for i, r in enumerate(regions):
            if not (isinstance(r, dict) and isinstance(r.get("name"), str) and isinstance(r.get("short"), str)):
                problems.append(f"{_rel(path)} 第 {i + 1} 项：每个省份要有 name（全称）和 short（简称）")

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
        "regions": regions,
        "tables": tables,
        "vocabulary": vocab,
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
