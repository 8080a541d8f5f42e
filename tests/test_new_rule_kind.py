"""docs/about/maintain.md, proved: a new kind of rule is one module, one vocabulary entry and one worked case, and no
other file. In a copy of the project this test adds two kinds that exist nowhere else — a teacher's points covering
at least N environments (a mirror of points.teacher_dimensions_min) and a cap on online hours — and finds each
checked by its tool, a staff list, a user's own file and the rules page, with its name in the Excel export."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import openpyxl
import pytest
import yaml

from tests.helpers import ROOT

POINTS_KIND = '''\
"""How many environments a teacher's points cover at least (points.teacher_envs_min)."""

from __future__ import annotations

from ....core.model import Finding, in_force
from ....core.model import finding as make_finding
from ..context import Ctx
from ..coverage import Coverage, covered, names
from ..requirements import Need, counted_points

SECTION, KEY = "points", "teacher_envs_min"
VALUE = ASK = "count"
ORDER = {"teacher": 35, "school": 55}
COVERAGE = Coverage("teacher", "environment")
require, requirement, target = COVERAGE.require, COVERAGE.requirement, COVERAGE.target
fits, want = COVERAGE.fits, COVERAGE.want


def finding(ctx: Ctx, need: Need, codes: list[str], scope: str) -> Finding | None:
    rule, want_n = in_force(ctx.rules, KEY), need.covers("teacher", "environment")
    if rule is None or want_n is None:
        return None
    envs = covered(ctx.cat, counted_points(ctx, need, codes), "environment")
    who = "学校范围" if scope == "school" else "所选能力点"
    met = len(envs) >= want_n
    msg = (f"{who}覆盖 {len(envs)} 个环境（{names('environment', envs)}），要求至少 {want_n} 个"
           + ("，符合。" if met else f"，还差 {want_n - len(envs)} 个环境。"))
    return make_finding(f"{SECTION}.{KEY}", rule, met, msg, scope=scope, required=want_n, actual=len(envs),
                        environments=envs, relies_on_unconfirmed=[])
'''

HOURS_KIND = '''\
"""At most N online hours (hours.online_max)."""

from __future__ import annotations

from typing import Any

from ....core.model import ceil1, fmt
from ..check import Check

SECTION, KEY = "hours", "online_max"
VALUE, ASK = "number", "number"


class AtMost(Check):
    __slots__ = ()
    phase = 0  # no hours added can meet it

    def gap(self, amounts: dict[str, float], total: float) -> float:
        have = amounts.get("online", 0.0)
        return ceil1(have - self.need) if have > self.need else 0.0

    def shortfall_text(self, gap: float) -> str:
        return f"线上研修超出 {fmt(gap)} 学时"

    def message(self, amounts: dict[str, float], total: float, gap: float) -> str:
        have = amounts.get("online", 0.0)
        if gap:
            return f"线上研修 {fmt(have)} 学时，文件规定最多 {fmt(self.need)} 学时，超出 {fmt(gap)} 学时。"
        return f"线上研修 {fmt(have)} 学时，没有超过 {fmt(self.need)} 学时。"

    def rule_text(self) -> str:
        return f"线上研修学时不超过 {fmt(self.need)}"


def compile(rule: dict[str, Any], section: dict[str, Any], options: dict[str, Any]) -> AtMost:
    return AtMost(f"{SECTION}.{KEY}", "online", float(rule["value"]), rule)
'''

VOCABULARY = {  # after which rule of the vocabulary each new entry goes: its words, and nothing else
    "      - {key: online_min, label:": "      - {key: online_max, label: 线上研修学时上限, type: number,\n"
                                        "         ask: {label: 线上研修最多计几学时, unit: 学时, hint: 例如 30。}}\n",
    "      - key: age_rules\n": "      - {key: teacher_envs_min, label: 教师所选能力点须覆盖的环境数, type: number, unit: 个环境,\n"
                               "         audience: teacher, finding: 教师应覆盖的环境,\n"
                               "         ask: {label: 教师所选能力点至少覆盖几个环境, unit: 个, hint: 例如 2。}}\n",
}

SCHOOL_FILE = {"format_version": 1, "title": "某校提升工程2.0能力点与学时规定", "level": "school",
               "extends": "kaiyuan-2024",
               "points": {"teacher_envs_min": {"value": 2, "source": {"section": "三", "quote": "所选能力点至少覆盖两类环境"}}},
               "hours": {"online_max": {"value": 30, "unit": "学时",
                                        "source": {"section": "四", "quote": "线上研修最多计30学时"}}}}

POINTS_CASE = {"id": "local-teacher-envs-short", "profile": "local", "rule": "points.teacher_envs_min",
               "local_profile": SCHOOL_FILE, "input": {"selected": ["A1", "A5", "A7"]},
               "expect": {"status": "fail", "findings": {"points.teacher_envs_min": {"met": False, "actual": 1,
                                                                                      "required": 2}}}}
HOURS_CASE = {"id": "local-online-over-the-cap", "profile": "local", "rule": "hours.online_max",
              "local_profile": SCHOOL_FILE, "input": {"online": 35, "practice": 25},
              "expect": {"status": "fail", "findings": {"hours.online_max": {"met": False, "shortfall": 5}}}}


def _copy(tmp: Path) -> Path:
    repo = tmp / "repo"
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for rel in tracked.decode().split("\0"):
        if rel and (ROOT / rel).is_file():
            (repo / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, repo / rel)
    (repo / "node_modules").symlink_to(ROOT / "node_modules")
    return repo


def _add_kinds(repo: Path) -> list[Path]:
    """The three things a maintainer writes for each kind: the module, the vocabulary entry, the case."""
    written = []
    for path, text in ((repo / "site_src/tisheng/tools/points/rules/teacher_envs_min.py", POINTS_KIND),
                       (repo / "site_src/tisheng/tools/hours/rules/online_max.py", HOURS_KIND)):
        path.write_text(text, encoding="utf-8")
        written.append(path)
    vocab = repo / "data" / "vocabulary.yaml"
    text = vocab.read_text(encoding="utf-8")
    for before, entry in VOCABULARY.items():
        at = text.index(before)
        text = text[:at] + entry + text[at:]
    vocab.write_text(text, encoding="utf-8")
    for name, case in (("points", POINTS_CASE), ("hours", HOURS_CASE)):
        path = repo / "data" / "cases" / f"{name}.yaml"
        text = path.read_text(encoding="utf-8")
        entry = textwrap.indent(yaml.safe_dump([case], allow_unicode=True, sort_keys=False), "  ")
        at = text.index("\nuploads:") + 1 if "\nuploads:" in text else len(text)  # the end of the cases list
        path.write_text(text[:at] + entry + text[at:], encoding="utf-8")
    return [*written, vocab]


PROBE = r'''
import io, json, sys
import openpyxl
from tisheng import api
plan = json.loads(sys.argv[1])
req = {"profile": "local", "local_profile": plan}
teacher = api.evaluate({**req, "tool": "points", "input": {"selected": ["A1", "A5", "A7"]}})
school = api.evaluate({**req, "tool": "points", "input": {"mode": "school"}})
meta, book = api.export({"export": "points", "request": {**req, "tool": "points", "input": {}}, "school": "某校"})
labels = [r[0] for ws in openpyxl.load_workbook(io.BytesIO(book)) for r in ws.iter_rows(values_only=True)]
roster = "姓名,学校,线上学时,实践学时\n甲,一小,35,25\n乙,一小,25,25\n".encode()
listed = api.batch({**req, "tool": "hours", "filename": "名单.csv"}, roster)
_, report = api.export({"export": "batch", "format": "xlsx", "result": listed})
rules_text = [c for ws in openpyxl.load_workbook(io.BytesIO(report)) for r in ws.iter_rows(values_only=True) for c in r]
print(json.dumps({"teacher": teacher, "school": school, "labels": labels, "listed": listed, "report": rules_text,
                  "file": api.check_local(plan)}, ensure_ascii=False, default=str))
'''


@pytest.mark.skipif(not (ROOT / "node_modules").exists(), reason="npm ci has not run (make test runs it)")
def test_a_new_kind_of_rule_is_one_module_one_vocabulary_entry_and_one_case(tmp_path):
    repo = _copy(tmp_path)
    written = _add_kinds(repo)
    assert [p.relative_to(repo).as_posix() for p in written] == [
        "site_src/tisheng/tools/points/rules/teacher_envs_min.py", "site_src/tisheng/tools/hours/rules/online_max.py",
        "data/vocabulary.yaml"]  # and the two case files: nothing else is touched
    env = {**os.environ, "PYTHONPATH": str(repo / "site_src"), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("TISHENG_SNAPSHOT", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True, timeout=600)

    built = run(sys.executable, "scripts/build_data.py")
    assert built.returncode == 0, built.stderr
    # the worked cases, through the case runner
    cases = run(sys.executable, "-m", "pytest", "-v", "-p", "no:cacheprovider", "tests/test_engine.py",
                "tests/test_points.py", "-k", "local-teacher-envs-short or local-online-over-the-cap")
    ran = [line for line in cases.stdout.splitlines() if "PASSED" in line]
    assert cases.returncode == 0 and any("local-teacher-envs-short" in r for r in ran) \
        and any("local-online-over-the-cap" in r for r in ran), cases.stdout[-2000:]

    probe = run(sys.executable, "-c", PROBE, json.dumps(SCHOOL_FILE, ensure_ascii=False))
    assert probe.returncode == 0, probe.stderr[-2000:]
    got = json.loads(probe.stdout)
    by_rule = {f["rule"]: f for f in got["teacher"]["findings"]}
    envs = by_rule["points.teacher_envs_min"]  # the single tool: its finding, cited from her file
    assert envs["met"] is False and "还差 1 个环境" in envs["message"] and envs["source"]["quote"] == "所选能力点至少覆盖两类环境"
    fix = got["teacher"]["suggestions"][0]  # the smallest fix meets it: the search used the kind's test
    assert fix["valid"] and len(fix["environments"]) >= 2
    school = {f["rule"]: f for f in got["school"]["findings"]}  # the range built for the school lets her meet it
    assert school["points.teacher_envs_min"]["met"] and len(got["school"]["range_points"] or []) >= 3
    assert "教师应覆盖的环境" in got["labels"]  # its name in the Excel export, from its vocabulary entry
    assert got["file"]["ok"], got["file"]  # a user's own file may state both
    rows = {r[1]: r for r in got["listed"]["rows"]}  # the staff list applies the hours kind to every teacher
    k = got["listed"]["status_col"]
    assert rows["甲"][k] == "fail" and "线上研修超出 5 学时" in rows["甲"][k + 1] and rows["乙"][k] == "pass"
    assert "线上研修学时不超过 30" in got["report"]

    site = run(sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site"))
    assert site.returncode == 0, site.stderr[-2000:]
    page = (tmp_path / "site" / "tools" / "rules" / "index.html").read_text(encoding="utf-8")
    for name, label in (("points-teacher_envs_min", "教师所选能力点至少覆盖几个环境（个）"),
                        ("hours-online_max", "线上研修最多计几学时（学时）")):
        assert f'name="{name}"' in page and label in page, name  # the rules page asks for it
