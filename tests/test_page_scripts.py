"""The page scripts (site_src/js), ES modules split by job: small files, every import names a module of the same
folder and a name it exports, no helper written twice (three copies of today() once stood in three files), and the
build's joining of a page's modules (scripts/page_modules.py) runs them as the browser would."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.helpers import ROOT

import page_modules  # noqa: E402  (scripts/)

JS = ROOT / "site_src" / "js"
MAX_LINES = 400
TOP_NAME = re.compile(r"^(?:export\s+)?(?:function|class|var|let|const)\s+([\w$]+)", re.M)


def modules() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in JS.glob("*.js")
            if p.name not in page_modules.NOT_PAGE_MODULES}


def test_no_script_is_longer_than_400_lines():
    scripts = sorted(JS.rglob("*.js"))
    long = {p.relative_to(JS).as_posix(): n for p in scripts
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert len(scripts) > 20 and not long, long


def test_every_import_is_a_module_of_this_folder_and_a_name_it_exports():
    """Relative imports resolve inside the content-hashed folder the build copies site_src/js into."""
    mods = modules()
    exports = {name: set(page_modules.EXPORT.findall(text)) for name, text in mods.items()}
    wrong = []
    for name, text in mods.items():
        for what, dep in page_modules.imports(text):
            if dep not in mods:
                wrong.append(f"{name}: imports {dep}, not a page module beside it")
            elif what.startswith("{"):
                wanted = [part.split(" as ")[0].strip() for part in what.strip("{} ").split(",") if part.strip()]
                wrong += [f"{name}: {dep} exports no {n}" for n in wanted if n not in exports[dep]]
    assert len(mods) > 20 and not wrong, "\n".join(wrong)


def test_every_export_is_imported_somewhere():
    """A module exports what other modules (or the worker) use, nothing for a global grab-bag."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in JS.glob("*.js")}
    users: dict[str, set[str]] = {}
    for text in texts.values():
        for what, dep in page_modules.imports(text):
            parts = what.strip("{} ").split(",")
            names = {"*"} if what.startswith("*") else {p.split(" as ")[0].strip() for p in parts}
            users.setdefault(dep, set()).update(names)
        for dep in re.findall(r'import\("\./([^"]+)"\)', text):
            users.setdefault(dep, set()).add("*")
    unused = [f"{name}: {export}" for name, text in modules().items() for export in page_modules.EXPORT.findall(text)
              if not {"*", export} & users.get(name, set())]
    assert not unused, unused


def test_no_name_is_defined_in_two_modules_and_none_hangs_on_window():
    """One today(), one download(), one editable table: a name defined at the top of two modules is a copy coming
    back. Nothing is handed around through a global either."""
    seen: dict[str, list[str]] = {}
    for name, text in modules().items():
        for top in TOP_NAME.findall(text):
            seen.setdefault(top, []).append(name)
    twice = {top: where for top, where in seen.items() if len(where) > 1}
    assert seen.get("today") == ["dom.js"] and not twice, twice
    globals_ = [f"{name}: {m}" for name, text in modules().items() for m in re.findall(r"\bwindow\.Tisheng\w*", text)]
    assert not globals_, globals_


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_a_joined_page_runs_its_modules_in_order_each_in_its_own_scope():
    mods = {
        "a.js": 'export var seen = [];\nvar secret = "a";\nexport function say(x) { seen.push(secret + x); }\n',
        "b.js": 'import { say as tell } from "./a.js";\nvar secret = "b";\ntell(secret);\nexport const B = 2;\n',
        "c.js": 'import "./b.js";\nimport * as A from "./a.js";\nimport { B } from "./b.js";\n'
                'A.say(String(B));\nconsole.log(JSON.stringify(A.seen));\n',
    }
    files = {name: text.encode() for name, text in mods.items()}
    page_modules.join_pages(files)
    assert files["a.js"] == mods["a.js"].encode() and files["b.js"] == mods["b.js"].encode()  # imported: as they are
    run = subprocess.run(["node", "--input-type=module"], input=files["c.js"], capture_output=True, check=True)
    assert run.stdout.decode().strip() == '["ab","a2"]'


def test_a_module_the_build_cannot_join_stops_it_with_its_name():
    for text, said in (('export default 1;\n', "export default 1"), ('import x from "./a.js";\n', 'import x from'),
                       ('import { y } from "./gone.js";\n', "gone.js"), ('export var z = 1;\nz = 2;\n', "z")):
        with pytest.raises(page_modules.ModuleError) as info:
            page_modules.join_pages({"a.js": b"export var x = 1;\n", "p.js": text.encode()})
        assert "site_src/js/p.js" in str(info.value) and said in str(info.value), str(info.value)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_every_page_joins_into_a_script_that_parses():
    files = {p.name: p.read_bytes() for p in JS.glob("*.js")}
    page_modules.join_pages(files)
    pages = [name for name in files if files[name] != (JS / name).read_bytes()]
    assert {"hours.js", "rollout.js", "batch.js", "rules.js", "calculator.js"} <= set(pages), pages
    for name in pages:
        run = subprocess.run(["node", "--input-type=module", "--check"], input=files[name], capture_output=True)
        assert run.returncode == 0, (name, run.stderr.decode()[:500])
