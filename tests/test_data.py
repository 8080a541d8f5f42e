"""data/ is valid, every rule is cited with an exact quote, and nothing private or spammy is published."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.helpers import DATA, ROOT, SEEDS, SITE

import build_data  # noqa: E402  (scripts/ is on sys.path via tests.helpers)

SNAP = build_data.load_all()
WS = re.compile(r"\s+")


def _rules():
    for pid, prof in SNAP["profiles"].items():
        for section in build_data.SECTIONS:
            for key, rule in (prof.get(section) or {}).items():
                if rule.get("inherited_from") is None:
                    yield pid, f"{section}.{key}", rule


def _citations(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "source" and isinstance(v, dict):
                yield path, v
            else:
                yield from _citations(v, f"{path}.{k}" if path else k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _citations(v, f"{path}[{i}]")


def _raw_yaml_files():
    return [DATA / "sources.yaml", DATA / "conflicts.yaml", DATA / "glossary.yaml",
            *sorted((DATA / "profiles").glob("*.yaml")), *sorted((DATA / "catalogs").glob("*.yaml"))]


def test_all_eight_profiles_present():
    expected = {"national-2019", "jiangsu-2020", "kaiyuan-2024", "guangan-2014", "school-assessment-2022",
                "lishu-school-2022", "xx-school-2022", "ruzhou-zhanglou-2021"}
    assert expected <= set(SNAP["profiles"])


def test_every_rule_has_a_full_source():
    rules = list(_rules())
    assert rules
    for pid, key, rule in rules:
        src = rule.get("source") or {}
        assert src.get("doc") in SNAP["sources"], f"{pid} {key}: doc {src.get('doc')!r}"
        assert src.get("section") and src.get("quote"), f"{pid} {key}: section/quote missing"


def test_inherited_rules_name_an_ancestor():
    for pid, prof in SNAP["profiles"].items():
        for section in build_data.SECTIONS:
            for key, rule in (prof.get(section) or {}).items():
                origin = rule.get("inherited_from")
                assert origin is None or origin in prof["lineage"][1:], f"{pid} {section}.{key} from {origin}"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents (../shared/seeds) are not beside this checkout")
@pytest.mark.parametrize("path", _raw_yaml_files(), ids=lambda p: p.name)
def test_every_quote_is_in_its_document(path):
    if not path.exists():
        pytest.skip(f"{path.name} not present")
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts: dict[str, str] = {}
    for sid, src in SNAP["sources"].items():
        if src.get("seed"):
            texts[sid] = WS.sub("", (SEEDS / src["seed"]).read_text(encoding="utf-8"))
    missing = []
    for where, cite in _citations(doc):
        holder = cite.get("via") or cite.get("doc")
        if cite.get("reference"):  # a document not in the seeds, quoted as ../reference/ records its public copies
            holder = f"reference/{cite['reference']}"
            ref = SEEDS.parent / "reference" / cite["reference"]
            texts[holder] = WS.sub("", ref.read_text(encoding="utf-8")) if ref.is_file() else ""
        if holder not in texts:
            missing.append(f"{where}: {holder} has no seed text (give `via`)")
        elif WS.sub("", str(cite.get("quote", ""))) not in texts[holder]:
            missing.append(f"{where}: “{cite.get('quote')}” not found in {holder}")
    assert not missing, f"{path.name}:\n" + "\n".join(missing)


def _bad_data(tmp_path: Path, mutate) -> str:
    target = tmp_path / "data"
    import shutil

    shutil.copytree(DATA, target)
    mutate(target)
    with pytest.raises(build_data.DataError) as err:
        build_data.load_all(target)
    return str(err.value)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_build_refuses_a_rule_without_quote(tmp_path):
    msg = _bad_data(tmp_path, lambda d: _edit(d / "profiles" / "kaiyuan-2024.yaml", "quote: 共计至少50学时", "quot: x"))
    assert "data/profiles/kaiyuan-2024.yaml" in msg and "hours.total_min.source.quote" in msg


def test_build_refuses_unknown_document_and_parent(tmp_path):
    def mutate(d):
        _edit(d / "profiles" / "kaiyuan-2024.yaml", "extends: national-2019", "extends: nowhere-2030")
        _edit(d / "profiles" / "kaiyuan-2024.yaml", "doc: kaiyuan-2024", "doc: no-such-doc")

    msg = _bad_data(tmp_path, mutate)
    assert "extends" in msg and "nowhere-2030" in msg and "no-such-doc" in msg


def test_build_refuses_text_where_a_number_belongs(tmp_path):
    msg = _bad_data(tmp_path, lambda d: _edit(d / "profiles" / "kaiyuan-2024.yaml", "value: 25", "value: 二十五"))
    assert "kaiyuan-2024.yaml" in msg and "必须是数字" in msg


def test_build_refuses_broken_yaml(tmp_path):
    msg = _bad_data(tmp_path, lambda d: (d / "profiles" / "kaiyuan-2024.yaml").write_text("id: [", encoding="utf-8"))
    assert "kaiyuan-2024.yaml" in msg and "YAML" in msg


PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
SPAM = ("麻将", "开奖", "快三", "十一选五", "配资", "股票")


def _published_files():
    roots = [DATA, ROOT / "docs", SITE]
    for root in roots:
        for path in root.rglob("*"):
            if "node_modules" in path.parts or path.is_relative_to(SITE / "assets" / "pyodide"):
                continue  # the vendored runtime (its lock file holds hashes that look like phone numbers)
            if path.is_file() and path.suffix in {".yaml", ".md", ".html", ".json", ".csv", ".txt", ".xml"}:
                yield path


def test_no_personal_data_or_spam_published():
    seed_private: set[str] = set()
    if SEEDS.is_dir():
        for seed in SEEDS.glob("*.txt"):
            text = seed.read_text(encoding="utf-8")
            seed_private |= set(PHONE.findall(text)) | {e for e in EMAIL.findall(text)}
    problems = []
    for path in _published_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for hit in PHONE.findall(text) + [e for e in EMAIL.findall(text) if e in seed_private or "qq.com" in e]:
            problems.append(f"{path.relative_to(ROOT)}: {hit}")
        for word in SPAM:
            if word in text:
                problems.append(f"{path.relative_to(ROOT)}: spam word {word}")
        for secret in seed_private:
            if secret in text:
                problems.append(f"{path.relative_to(ROOT)}: {secret}")
    assert not problems, "\n".join(sorted(set(problems))[:20])
