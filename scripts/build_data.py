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
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("TISHENG_DATA", ROOT / "data"))  # a host may keep its own data elsewhere
SNAPSHOT = ROOT / "site_src" / "tisheng" / "snapshot.json"

LEVELS = {"national", "province", "city", "county", "school"}
SECTIONS = ("hours", "points", "grading", "rollout", "timeline", "roles", "school")
HOURS_KEYS = {
    "total_min": "number",
    "online_min": "number",
    "practice_min": "number",
    "centralized_min": "number",
    "practice_ratio_min": "fraction",
    "period_years": "number",
    "windows": "windows",
    "period_start": "date",
    "deadline": "date",
}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


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
    def __init__(self, source_ids: set[str]):
        self.source_ids = source_ids
        self.problems: list[str] = []

    def err(self, where: str, key: str, what: str) -> None:
        self.problems.append(f"{where}: {key}: {what}")

    def citation(self, where: str, key: str, src: Any) -> None:
        if not isinstance(src, dict):
            self.err(where, key, "source 必须是 {doc, section, quote}")
            return
        for part in ("doc", "section", "quote"):
            if not isinstance(src.get(part), str) or not src[part].strip():
                self.err(where, f"{key}.{part}", "缺少或为空")
        for part in ("doc", "via"):
            ref = src.get(part)
            if isinstance(ref, str) and ref not in self.source_ids:
                self.err(where, f"{key}.{part}", f"“{ref}”不在 sources.yaml 中")

    def rule(self, where: str, key: str, rule: Any) -> None:
        if not isinstance(rule, dict):
            self.err(where, key, "规则必须是带 value 和 source 的映射")
            return
        if "value" not in rule:
            self.err(where, key, "缺少 value（文件未规定的规则写 value: null 并加 note）")
        if "source" not in rule:
            self.err(where, key, "缺少 source")
        if rule.get("value") is None and "value" in rule and not rule.get("note"):
            self.err(where, key, "value 为 null 时必须用 note 说明文件为何未规定")
        readings = rule.get("readings")
        if readings is not None:
            if not isinstance(readings, list) or not readings:
                self.err(where, f"{key}.readings", "必须是非空列表")
            else:
                ids = [r.get("id") for r in readings if isinstance(r, dict)]
                if rule.get("reading") not in ids:
                    self.err(where, f"{key}.reading", f"必须是 readings 中的一个 id：{ids}")
        self.walk(where, key, rule)

    def walk(self, where: str, key: str, node: Any) -> None:
        """Every `source` anywhere below a rule is a full citation."""
        if isinstance(node, dict):
            for k, v in node.items():
                path = f"{key}.{k}"
                if k == "source":
                    self.citation(where, path, v)
                else:
                    self.walk(where, path, v)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                self.walk(where, f"{key}[{i}]", v)


def _check_hours(c: Checker, where: str, section: dict[str, Any]) -> None:
    for key, rule in section.items():
        kind = HOURS_KEYS.get(key)
        if kind is None:
            c.err(where, f"hours.{key}", f"未知的学时规则；可用：{', '.join(HOURS_KEYS)}")
            continue
        value = rule.get("value") if isinstance(rule, dict) else None
        if value is None:
            continue
        if kind in ("number", "fraction") and (isinstance(value, bool) or not isinstance(value, (int, float))):
            c.err(where, f"hours.{key}.value", f"必须是数字，现在是 {value!r}")
        elif kind == "fraction" and not 0 < value <= 1:
            c.err(where, f"hours.{key}.value", "比例写成 0 到 1 之间的小数，例如 0.5 表示 50%")
        elif kind == "number" and value < 0:
            c.err(where, f"hours.{key}.value", "不能为负数")
        elif kind == "date" and not (isinstance(value, str) and DATE_RE.match(value)):
            c.err(where, f"hours.{key}.value", "日期写成 YYYY-MM-DD（或 YYYY-MM、YYYY）")
        elif kind == "windows":
            for i, w in enumerate(value if isinstance(value, list) else [None]):
                ok = isinstance(w, dict) and w.get("kind") in ("online", "practice", "centralized") and (
                    w.get("start") or w.get("end")) and all(
                    isinstance(w.get(k), str) and DATE_RE.match(w[k]) for k in ("start", "end") if w.get(k) is not None)
                if not ok or not isinstance(w.get("binding"), bool):
                    c.err(where, f"hours.{key}.value[{i}]",
                          "写成 {kind: online|practice|centralized, start, end（YYYY-MM-DD，至少一个）, binding: true|false}")


def _num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _check_grading(c: Checker, where: str, section: dict[str, Any]) -> None:
    """The numbers the grade tool computes with: weights, deductions, bands, school rates."""
    def value(key: str) -> Any:
        rule = section.get(key)
        return rule.get("value") if isinstance(rule, dict) else None

    comps = value("components")
    if comps is not None:
        if not isinstance(comps, list) or not comps:
            c.err(where, "grading.components.value", "必须是 {id, label, weight} 的非空列表")
        else:
            ids = [x.get("id") for x in comps if isinstance(x, dict)]
            if len(set(ids)) != len(comps) or not all(isinstance(i, str) and i for i in ids):
                c.err(where, "grading.components.value", "每项须有不重复的 id")
            weights = [x.get("weight") for x in comps if isinstance(x, dict)]
            if not all(_num(w) and 0 < w <= 1 for w in weights):
                c.err(where, "grading.components.value", "weight 写成 0 到 1 之间的小数，例如 0.15 表示 15%")
            elif abs(sum(weights) - 1) > 1e-9:
                c.err(where, "grading.components.value", f"各项 weight 之和必须为 1，现在是 {sum(weights):g}")
    final = value("final_composition")
    if final is not None:
        if not isinstance(final, list) or not all(isinstance(x, dict) and x.get("id") for x in final):
            c.err(where, "grading.final_composition.value", "必须是 {id, label, weight} 的列表")
        elif not all(x.get("weight") is None or (_num(x["weight"]) and 0 <= x["weight"] <= 1) for x in final):
            c.err(where, "grading.final_composition.value", "weight 为 0 到 1 之间的小数，文件未给时为 null")
    deds = value("deductions")
    if deds is not None:
        if not isinstance(deds, list) or not all(isinstance(x, dict) and x.get("id") and _num(x.get("points"))
                                                 and x["points"] != 0 for x in deds):
            c.err(where, "grading.deductions.value", "每项须有 id 和非零的 points（扣分写负数）")
    rule = section.get("bands")
    candidates = [("grading.bands.value", value("bands"))]
    if isinstance(rule, dict):
        candidates += [(f"grading.bands.readings[{i}].value", r.get("value"))
                       for i, r in enumerate(rule.get("readings") or []) if isinstance(r, dict)]
    for key, bands in candidates:
        if bands is None:
            continue
        if not isinstance(bands, list) or [b.get("band") for b in bands if isinstance(b, dict)] != [
                "excellent", "pass", "fail"]:
            c.err(where, key, "必须依次列出 excellent、pass、fail 三个等次")
            continue
        for b in bands:
            for end in ("min", "max"):
                bound, incl = b.get(end), b.get(f"{end}_inclusive")
                if bound is None:
                    if incl is not None:
                        c.err(where, f"{key}.{b['band']}", f"{end} 为 null 时 {end}_inclusive 也须为 null")
                elif not (_num(bound) and 0 <= bound <= 100) or not isinstance(incl, bool):
                    c.err(where, f"{key}.{b['band']}", f"{end} 须为 0–100 的数，{end}_inclusive 须为 true/false")
    for key in ("school_pass_rate_min", "school_excellent_rate_max"):
        v = value(key)
        if v is not None and not (_num(v) and 0 <= v <= 1):
            c.err(where, f"grading.{key}.value", "比例写成 0 到 1 之间的小数，例如 0.6 表示 60%")


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
    checker = Checker(set(sources))

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
                _check_hours(checker, where, section)
            if name == "grading":
                _check_grading(checker, where, section)
        raw_profiles[str(prof.get("id", path.stem))] = prof

    for pid, prof in raw_profiles.items():
        parent = prof.get("extends")
        if parent is not None and parent not in raw_profiles:
            checker.err(_rel(data_dir / "profiles" / f"{pid}.yaml"), "extends", f"“{parent}”不是已有的政策 id")
    profiles: dict[str, Any] = {}
    for pid in raw_profiles:
        try:
            profiles[pid] = _resolve(pid, raw_profiles)
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


def _resolve(pid: str, raw: dict[str, Any], seen: tuple[str, ...] = ()) -> dict[str, Any]:
    """A profile with its ancestors' rules filled in; each inherited rule says where it came from."""
    if pid in seen:
        raise ValueError("extends 形成了循环：" + " → ".join((*seen, pid)))
    prof = raw[pid]
    parent_id = prof.get("extends")
    base: dict[str, Any] = _resolve(parent_id, raw, (*seen, pid)) if parent_id in raw else {}
    out: dict[str, Any] = {k: v for k, v in prof.items() if k not in SECTIONS}
    out["catalog"] = prof.get("catalog") or base.get("catalog")
    out["lineage"] = [pid, *base.get("lineage", [])]
    for name in SECTIONS:
        merged: dict[str, Any] = {}
        for key, rule in (base.get(name) or {}).items():
            merged[key] = {**rule, "inherited_from": rule.get("inherited_from") or parent_id}
        for key, rule in (prof.get(name) or {}).items():
            merged[key] = {**rule, "inherited_from": None}
        if merged:
            out[name] = merged
    return out


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
