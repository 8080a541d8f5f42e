"""Adding a ninth document is adding one YAML file: a profile that exists only in this test's copy of data/ gets its
guide page and navigation entry, appears in every tool's document list, and is answered by the engine, with no
change to code, templates, docs/ or mkdocs.yml (see docs/about/maintain.md)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests.helpers import build_copy

PROFILE = """\
id: test-county-2099
title: 测试县中小学教师信息技术应用能力提升工程2.0实施方案
short_title: 测试县（2099）
doc: kaiyuan-2024
issuer: 测试县教育局
doc_no: null
date: null
level: county
region: 测试省测试县
extends: kaiyuan-2024
catalog: national-2019
summary: 只在测试中存在的文件：沿用开原市的全部规定，另写明总学时。
hours:
  total_min:
    value: 50
    unit: 学时
    source:
      doc: kaiyuan-2024
      section: 四(四)
      quote: 共计至少50学时并学习合格
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("ninth")
    done = build_copy(work, lambda repo: (repo / "data" / "profiles" / "test-county-2099.yaml").write_text(
        PROFILE, encoding="utf-8"))
    repo = work / "repo"
    assert done.returncode == 0, done.stderr[-3000:]
    return repo, work / "site"


def test_the_new_document_has_its_guide_page_and_its_place_in_the_navigation(built):
    _repo, site = built
    page = (site / "profiles" / "test-county-2099" / "index.html").read_text(encoding="utf-8")
    assert "测试县中小学教师信息技术应用能力提升工程2.0实施方案" in page and "共计至少50学时并学习合格" in page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="profiles/test-county-2099/"' in home
    assert "开原市" in page  # what it inherits is shown with where it comes from


def profile_choices(page: str) -> list[str]:
    start = page.index('<select id="profile"')
    return re.findall(r'<option value="([^"]*)"', page[start:page.index("</select>", start)])


@pytest.mark.parametrize("tool", ["hours", "points", "grade", "batch", "grade-batch", "rollout"])
def test_every_tool_offers_the_new_document(built, tool):
    _repo, site = built
    page = (site / "tools" / tool / "index.html").read_text(encoding="utf-8")
    choices = profile_choices(page)
    assert "kaiyuan-2024" in choices  # the parent is offered, so the child (inheriting all of it) must be too
    assert "test-county-2099" in choices, choices


def test_the_engine_answers_for_it_with_inherited_rules(built):
    repo, _site = built
    request = {"tool": "hours", "profile": "test-county-2099", "input": {"online": 20, "practice": 30}}
    done = subprocess.run([sys.executable, "-m", "tisheng", "eval"], input=json.dumps(request), capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(repo / "site_src")}, timeout=60)
    answer = json.loads(done.stdout)
    assert answer["ok"] and answer["status"] == "fail"
    online = next(f for f in answer["findings"] if f["rule"] == "hours.online_min")
    assert online["inherited_from"] == "kaiyuan-2024" and online["shortfall"] == 5
