"""The vocabulary (data/vocabulary.yaml): validated by the build with messages that name the file and the key,
carried in the snapshot, and read through tisheng.vocabulary by the engine and the guide alike."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.helpers import ROOT

import build_data  # noqa: E402  (scripts/ is on sys.path via tests.helpers)
from tisheng.core import catalogs, readings, snapshot, vocabulary

DATA = ROOT / "data"


def _broken(tmp_path: Path, name: str, old: str, new: str) -> str:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    path = target / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(build_data.DataError) as err:
        build_data.load_all(target)
    return str(err.value)


BROKEN = [  # (file under data/, old text, new text, what the message must say)
    ("vocabulary.yaml", "{key: total_min, label: 总学时, type: number,", "{key: total_min, label: 总学时, type: amount,",
     ["vocabulary.yaml: sections[0].rules[0].type: 必须是 number"]),
    ("vocabulary.yaml", "  - id: smart\n", "  - id: mixed\n", ["vocabulary.yaml: environments[2].id: 重复的 id “mixed”"]),
    ("catalogs/national-2019.yaml", "id: smart", "id: clever",
     ["data/catalogs/national-2019.yaml", "environments[2].id: “clever”不在 data/vocabulary.yaml"]),
    ("catalogs/national-2019.yaml", "status: {name: unknown, dimension: unknown}",
     "status: {name: guessed, dimension: unknown}", [".status.name: 必须是 seed, source, unconfirmed, unknown 之一"]),
    ("conflicts.yaml", "rules: [hours.deadline]", "rules: [hours.dead_line]",
     ["data/conflicts.yaml", "“hours.dead_line”不是 data/vocabulary.yaml 中的规则"]),
    ("conflicts.yaml", "kind: knock-on", "kind: knockon", ["kind: 必须是 disagree"]),
    ("profiles/kaiyuan-2024.yaml", 'value: "2024-06-30"', "value: 六月底",
     ["kaiyuan-2024.yaml: hours.deadline.value: 日期写成 YYYY-MM-DD"]),
]


@pytest.mark.parametrize("name, old, new, expected", BROKEN, ids=[f"{b[0]}:{b[2][:20]}" for b in BROKEN])
def test_the_build_checks_the_vocabulary_and_the_data_against_it(tmp_path, name, old, new, expected):
    msg = _broken(tmp_path, name, old, new)
    for part in expected:
        assert part in msg, msg


def test_the_snapshot_carries_the_vocabulary_and_the_accessor_reads_it():
    v = vocabulary.get()
    assert snapshot.load()["vocabulary"]["environments"][0]["id"] == "multimedia"
    assert v.env_ids() == ("multimedia", "mixed", "smart")
    assert v.dimension_label("guidance") == "学法指导" and v.dimension_label(None) == "维度未知"
    assert v.room_label("none") == "无信息化学习环境" and v.room_label("mixed") == "混合学习环境"
    assert v.confirmed() == {"seed", "source", "uploaded"}
    assert v.status_ids(in_data=True) == {"seed", "source", "unconfirmed", "unknown"}
    assert v.hour_kinds == {"online": "线上研修", "practice": "实践应用", "centralized": "集中培训"}
    assert v.label("hours", "practice_ratio_min") == "实践应用学时占总学时的比例"
    assert v.rule_type("hours", "practice_ratio_min") == "fraction" and v.unit("points", "catalog_size") == "项"
    assert v.finding_label("points.teacher_count_min") == "教师应选个数"
    assert v.finding_label("points.environment_available") == "学校有此环境的教室"
    assert v.audience("hours", "anything") == "teacher" and v.audience("points", "items") is None
    assert v.tool_sections("points") == ("points", "school") and v.tool_sections("rollout") == ()


def test_aliases_are_the_engines():
    assert catalogs.env_id("多媒体") == "multimedia" and catalogs.env_id("Ｂ") == "mixed"
    assert catalogs.dimension_id("学情分析维度") == "analysis"
    assert catalogs.ENV_HINT == "多媒体教学环境、混合学习环境、智慧学习环境（也可写 多媒体、混合、智慧 或 A、B、C）"
    assert vocabulary.get().room_aliases()["无信息化教室"] == "none"


def test_which_conflict_touches_which_rule():
    ids = [c["id"] for c in vocabulary.conflicts_for("ruzhou-zhanglou-2021", "points.age_rules")]
    assert ids == ["ruzhou-age-count", "ruzhou-point-count", "ruzhou-under-40-b2"]
    assert [c["id"] for c in vocabulary.conflicts_for("ruzhou-zhanglou-2021", "points.age_rules", "knock-on")] == [
        "ruzhou-under-40-b2"]
    assert vocabulary.conflicts_for("kaiyuan-2024", "points.age_rules") == []


def test_reading_groups_follow_the_tools_sections():
    prof = snapshot.profile("ruzhou-zhanglou-2021")
    assert {r for g in readings.groups(prof, "points") for r in g.rules} >= {"points.age_rules"}
    assert readings.groups(prof, "rollout") == []


def test_page_block_is_plain_json_for_scripts():
    import json

    block = vocabulary.get().page_block()
    assert json.loads(json.dumps(block, ensure_ascii=False)) == block
    assert [r["id"] for r in block["rooms"]] == ["multimedia", "mixed", "smart", "none"]
    assert block["statuses"]["unconfirmed"] == {"label": "待核对", "confirmed": False}


def test_the_points_page_script_takes_its_words_from_the_page_data():
    """Environments, dimensions, rooms and statuses reach points.js from data/vocabulary.yaml (the page data), so
    the script writes none of their labels itself."""
    from tests.helpers import ROOT

    script = (ROOT / "site_src" / "js" / "points.js").read_text(encoding="utf-8")
    vocab = yaml.safe_load((ROOT / "data" / "vocabulary.yaml").read_text(encoding="utf-8"))
    labels = [e["label"] for e in vocab["environments"]] + [d["label"] for d in vocab["dimensions"]]
    assert [w for w in labels if w in script] == []


def test_no_page_script_keeps_its_own_copy_of_the_hour_kinds_or_the_grades():
    """The kinds of hours and the grades reach every tool page's scripts in its #ts-words block (dom.js: words()),
    written by the build from data/vocabulary.yaml: a word changed there changes on every page."""
    import json
    import re

    import forms  # noqa: E402  (scripts/)

    vocab = yaml.safe_load((ROOT / "data" / "vocabulary.yaml").read_text(encoding="utf-8"))
    labels = [k["label"] for k in vocab["hour_kinds"]] + [b["label"] for b in vocab["bands"]]
    for script in sorted((ROOT / "site_src" / "js").glob("*.js")):
        text = script.read_text(encoding="utf-8")
        copies = [w for w in labels if re.search(r"""["']""" + re.escape(w) + r"""["']""", text)]
        assert copies == [], f"{script.name} spells {copies} itself"
    block = json.loads(forms.words(snapshot.load()))
    assert block["hour_kinds"] == [[k["id"], k["label"]] for k in vocab["hour_kinds"]]
    assert block["bands"] == [[b["id"], b["label"]] for b in vocab["bands"]]
