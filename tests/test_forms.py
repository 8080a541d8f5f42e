"""The tool pages' declarations (site_src/forms/*.yaml): every one loads, and a broken one stops the build with a
maintainer's message (English) that names the file and the field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests import helpers  # noqa: F401  (puts scripts/ on sys.path)

import forms  # noqa: E402

CJK = re.compile(r"[\u3400-\u9fff]")


def test_every_declaration_loads_and_names_its_page():
    decls = forms.load_all()
    assert {"hours"} <= set(decls)
    for name, decl in decls.items():
        assert decl["page"] == name


def _broken(tmp_path: Path, change) -> str:
    decl = yaml.safe_load((forms.FORMS / "hours.yaml").read_text(encoding="utf-8"))
    change(decl)
    path = tmp_path / "hours.yaml"
    path.write_text(yaml.safe_dump(decl, allow_unicode=True), encoding="utf-8")
    with pytest.raises(forms.FormError) as info:
        forms.check(yaml.safe_load(path.read_text(encoding="utf-8")), path, forms._sources())
    message = str(info.value)
    assert str(path) in message and not CJK.search(message.replace(str(path), "")), message
    return message


@pytest.mark.parametrize("change, field", [
    (lambda d: d["questions"][1].update(kind="numbr"), "questions[1].kind: unknown kind 'numbr'"),
    (lambda d: d["questions"][1].pop("name"), "questions[1].name: the engine's input name is required"),
    (lambda d: d["questions"][2].update(name="online"), "questions[2].name: 'online' is declared twice"),
    (lambda d: d["questions"][1].update(colour="red"), "questions[1]: unknown key(s) colour for kind number"),
    (lambda d: d["questions"][3].update(default="total"), "questions[3].default: 'total' is not one of"),
    (lambda d: d["questions"][0].update(options_from="nowhere"), "questions[0].options_from: unknown source"),
    (lambda d: d["questions"][1].update(marks=["sent"]), "questions[1].marks: unknown mark(s) sent"),
    (lambda d: d["questions"][5]["questions"][0].update(kind="tabel"), "questions[5].questions[0].kind"),
    (lambda d: d.update(page="points"), "page: must equal the file name"),
    (lambda d: d.update(layout="wizard"), "layout: form or batch"),
    (lambda d: d.update(tool="hour"), "tool: 'hour' is not an engine tool"),
    (lambda d: d["questions"][1].update(required="yes"), "questions[1].required: must be a bool, not str"),
    (lambda d: d["questions"][5].pop("questions"), "questions[5]: a group needs questions or questions_from"),
    (lambda d: d["questions"][1].pop("label"), "questions[1].label: required"),
])
def test_a_broken_declaration_names_file_and_field(tmp_path, change, field):
    assert field in _broken(tmp_path, change)


def _questions(items):
    for q in items:
        yield q
        yield from _questions(q.get("questions") or [])


def test_questions_are_keyed_by_the_engines_input_names():
    """A declared name the engine never reads is a typo or a renamed input: the page would send it for nothing."""
    engine = "\n".join(p.read_text(encoding="utf-8") for p in (helpers.ROOT / "site_src" / "tisheng").rglob("*.py"))
    unknown = [(name, q["name"]) for name, decl in forms.load_all().items() for q in _questions(decl["questions"])
               if q["kind"] != "group" and q.get("engine", True) and q["name"] != "profile"
               and f'"{q["name"]}"' not in engine and f"'{q['name']}'" not in engine]
    assert not unknown, unknown


def test_generated_questions_are_checked_too():
    import build_data

    data = build_data.build_snapshot()
    for name in forms.load_all():
        page = forms.resolve(forms.load(name), data)
        assert page["questions"], name
    grade = forms.resolve(forms.load("grade"), data)
    sets = grade["questions"][1]["groups"]
    assert sets and all(s["attrs"]["data-profile"] and s["questions"] for s in sets)


SAMPLE = """
page: sample
tool: hours
submit: 检查
idle: 等待
questions:
  - {name: profile, kind: select, label: 文件, hint: 选, options_from: profiles, selected: national-2019, marks: []}
  - {name: minutes, kind: number, label: 时长, hint: 例如 10, unit: 分钟, required: true}
  - {name: note, kind: textarea, label: 说明, hint: 可不填, rows: 3}
  - {name: day, kind: date, label: 日期, hint: 例如 2024-06-30, marks: [input, option], modes: [check]}
  - {name: signed, kind: checkbox, label: 已签名, hint: 勾选}
  - name: kinds
    kind: checkboxes
    label: 证据
    hint: 可多选
    options: [{value: video, label: 课堂实录}, {value: plan, label: 教学设计}]
  - kind: group
    element: fieldset
    legend: 更多
    questions:
      - {name: level, kind: select, label: 等次, hint: 选, options: [{value: "", label: 未填}, {value: a, label: 甲}], default: ""}
"""


def test_a_new_page_renders_from_its_declaration_alone(tmp_path):
    """A new tool page needs no code: every generic kind drawn with its label, hint, error and markers."""
    import build_data

    path = tmp_path / "sample.yaml"
    path.write_text(SAMPLE, encoding="utf-8")
    decl = forms.check(yaml.safe_load(SAMPLE), path, forms._sources())
    env = forms.renderer([str(helpers.ROOT / "site_src" / "overrides")])
    html = forms.render(env, decl, build_data.build_snapshot(), root="../../", assets="assets/", echarts="e/")
    assert '<div class="ts-tool" data-tool="hours" data-site-root="../../">' in html
    assert '<option value="national-2019" selected>' in html
    for name in ("minutes", "note", "day", "signed", "kinds", "level"):
        assert f'id="{name}-hint"' in html and f'id="{name}-error" hidden' in html, name
        assert f'aria-describedby="{name}-hint {name}-error"' in html, name
    assert '<input id="minutes" name="minutes" type="text" inputmode="decimal" autocomplete="off" data-input ' in html
    assert '<textarea id="note" name="note" rows="3" data-input' in html
    assert 'data-mode-only="check" hidden' in html and 'type="date" data-input data-option' in html
    assert '<input type="checkbox" id="signed" name="signed" value="是" data-input' in html
    assert '<input type="checkbox" id="kinds-video" value="video" data-item="kinds">' in html
    assert '<fieldset>\n<legend>更多</legend>' in html and 'data-default=""' in html
    assert html.endswith('<script type="module" src="../../assets/calculator.js"></script>') and "\n\n" not in html


def test_a_file_that_is_not_yaml_is_named_without_its_text(tmp_path):
    (tmp_path / "broken.yaml").write_text("page: broken\nquestions:\n  - {name: 线上, kind: number\n", encoding="utf-8")
    with pytest.raises(forms.FormError) as info:
        forms.load("broken", tmp_path)
    message = str(info.value)
    assert "broken.yaml: not valid YAML at line" in message and not CJK.search(message), message
