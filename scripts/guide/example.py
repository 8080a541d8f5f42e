"""The "关于数据" page's worked example: a school adds its own plan. The example files stand beside the page
(``docs/about/examples/``) and are shown as they are; the build hands them to the real validator, so the page shows
what it really resolves to and the real messages for the broken form (``broken.yaml``)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .text import GuideError, code

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "about" / "examples"
EXAMPLE_ID = "example-school-2024"
FILES = {"source": "sources-entry.yaml", "profile": f"{EXAMPLE_ID}.yaml", "catalog": "example-province-2021.yaml"}


def example_text(which: str) -> str:
    """One example file as the page shows it (``source``: the entry added to sources.yaml)."""
    if which not in FILES:
        raise GuideError(f"about/data.md: 没有名为“{which}”的示例文件；可用：{', '.join(FILES)}")
    return (EXAMPLES / FILES[which]).read_text(encoding="utf-8")


def broken_edits() -> list[tuple[str, str, str]]:
    """(what the school got wrong, old text, new text) for the broken form of the example."""
    doc = yaml.safe_load((EXAMPLES / "broken.yaml").read_text(encoding="utf-8"))
    return [(str(b["what"]), str(b["old"]), str(b["new"])) for b in doc["broken"]]


def _example_dir(base: Path, profile_text: str) -> Path:
    target = base / "data"
    shutil.copytree(base_data(), target)
    src = target / "sources.yaml"
    src.write_text(src.read_text(encoding="utf-8").rstrip("\n") + "\n" + example_text("source"), encoding="utf-8")
    (target / "profiles" / FILES["profile"]).write_text(profile_text, encoding="utf-8")
    (target / "catalogs" / FILES["catalog"]).write_text(example_text("catalog"), encoding="utf-8")
    return target


def base_data() -> Path:
    import build_data

    return Path(build_data.DATA)


def run_example(profile_text: str | None = None) -> tuple[dict[str, Any] | None, str]:
    """Validate data/ plus the example with the real build step: (snapshot, "") or (None, the error message)."""
    import build_data

    with tempfile.TemporaryDirectory(prefix="tisheng-example-") as tmp:
        target = _example_dir(Path(tmp), example_text("profile") if profile_text is None else profile_text)
        try:
            return build_data.load_all(target), ""
        except build_data.DataError as exc:
            msg = str(exc).replace(str(target) + "/", "data/").replace(str(target), "data")
            return None, msg


def example_resolved(guide: Any) -> str:
    snap, err = run_example()
    if snap is None:
        raise GuideError("about/data.md 中的示例没有通过数据校验（示例需要随 data/SCHEMA.md 一起更新）：\n" + err)
    prof = snap["profiles"][EXAMPLE_ID]
    g = type(guide)(snap, guide.page_src, guide.site_root, guide.runtime)
    chain = " → ".join(code(p) for p in prof["lineage"])
    rows = [f"沿用链（`lineage`）：{chain}", "",
            "| 规则 | 取值 | 来源 |", "| --- | --- | --- |"]
    for section in g.vocab.table_sections():
        rules = prof.get(section) or {}
        for key in g.rule_keys(section, rules):
            rule = rules[key]
            origin = ("**本校文件**" if not rule.get("inherited_from")
                      else f"沿用 {code(rule['inherited_from'])}（{g.short(rule['inherited_from'])}）")
            rows.append(f"| {code(section + '.' + key)} {g.label(section, key)} "
                        f"| {g.value(section, key, rule, EXAMPLE_ID, prof.get('doc'), brief=True)} | {origin} |")
    return "\n".join(rows)


def example_errors() -> str:
    broken = example_text("profile")
    for _, old, new in broken_edits():
        if old not in broken:
            raise GuideError(f"about/data.md: 出错示例找不到要改的文字“{old}”")
        broken = broken.replace(old, new, 1)
    snap, err = run_example(broken)
    if snap is not None:
        raise GuideError("about/data.md: 出错示例竟然通过了校验，说明校验规则变了，请更新示例。")
    lines = [line for line in err.splitlines() if EXAMPLE_ID in line or not line.startswith("  - ")]
    return "\n".join(lines)
