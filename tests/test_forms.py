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
    (lambda d: d["questions"][1].pop("label"), "questions[1].label: required"),
])
def test_a_broken_declaration_names_file_and_field(tmp_path, change, field):
    assert field in _broken(tmp_path, change)
