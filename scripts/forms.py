"""Tool pages from declarations: site_src/forms/<page>.yaml says a page's questions once, keyed by the engine's input
names; the Jinja partials in site_src/overrides/partials/tool/ draw them. How to declare a page:
docs/about/maintain.md, “新增一个工具页”.

Loading validates every declaration and stops the build with a message (for maintainers, in English) naming the
file and the field. Options and questions that depend on the data (the profiles that state a rule, their readings,
a profile's grading parts) come from the named sources in SOURCES, each a function of the data snapshot.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any, Callable

import jinja2
import yaml
from tisheng import tools

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "site_src" / "forms"

# kind → the keys a question of that kind may have besides the common ones. The control of each kind is drawn by
# site_src/overrides/partials/tool/kinds/<kind>.html.
COMMON = {"name", "kind", "label", "hint", "hint_from", "unit", "required", "id", "dom_id", "engine", "marks", "modes", "wrap",
          "attrs", "note"}
KINDS: dict[str, set[str]] = {
    "number": set(), "integer": set(), "text": set(), "date": set(), "textarea": {"rows"},
    "checkbox": {"value"},                   # one yes/no box; `value` is sent when ticked (default 是)
    "checkboxes": {"options", "options_from"},  # several boxes, one hidden value the page script fills
    "file": {"accept", "templates"},         # templates: links to downloads/<templates>-template.xlsx and .csv
    "select": {"options", "options_from", "default", "selected"},  # selected: the option chosen when the page opens
    "radio": {"options", "default"},         # radio buttons in a fieldset; default is checked
    "checklist": {"legend_id"},              # a fieldset with checkbox lists that the page script draws
    "counts": {"options"},                   # one small number box per option (classrooms by kind)
    "rows": {"columns", "add"},              # a table of rows the page script fills, sent as one hidden value
    "table": {"columns", "add", "actions", "status", "legend_id"},  # an editable table (rollout)
    "presets": {"presets_from", "status"},   # buttons that fill the form from a document's data
    "areas": {"options"},                    # areas with their checkbox items (grade)
    "group": {"element", "questions", "questions_from", "summary", "summary_id", "legend", "open", "class", "id"},
}
PAGE_KEYS = {"page", "tool", "layout", "template", "classes", "attrs", "script", "questions", "submit",
             "remember", "idle", "data", "note"}
TYPES = {"label": str, "hint": str, "unit": str, "id": str, "dom_id": str, "required": bool, "engine": bool, "open": bool,
         "marks": list, "modes": list, "columns": list, "questions": list, "wrap": dict, "attrs": dict}
MARKS = {"input", "option"}
LAYOUTS = {"form": "partials/tool/form.html", "batch": "partials/tool/batch_form.html"}


class FormError(Exception):
    """A declaration breaks the format; the message names the file and the field."""


def _rel(path: Path) -> Path:
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def _sources() -> dict[str, Callable[..., Any]]:
    """Every scripts/tool_*.py module's SOURCES, by name (a new tool page adds its module; nothing to register here)."""
    found: dict[str, Callable[..., Any]] = {}
    for path in sorted(Path(__file__).resolve().parent.glob("tool_*.py")):
        for name, fn in getattr(importlib.import_module(path.stem), "SOURCES", {}).items():
            if name in found:
                raise FormError(f"scripts/{path.name}: source {name!r} is already defined by another tool module")
            found[name] = fn
    return found


def _check_question(q: Any, where: str, names: set[str], sources: dict[str, Any]) -> None:
    if not isinstance(q, dict):
        raise FormError(f"{where}: a question must be a mapping")
    kind = q.get("kind")
    if kind not in KINDS:
        raise FormError(f"{where}.kind: unknown kind {kind!r} (known: {', '.join(sorted(KINDS))})")
    extra = set(q) - COMMON - KINDS[kind]
    if extra:
        raise FormError(f"{where}: unknown key(s) {', '.join(sorted(extra))} for kind {kind}")
    for key, want in TYPES.items():
        if key in q and not isinstance(q[key], want):
            raise FormError(f"{where}.{key}: must be a {want.__name__}, not {type(q[key]).__name__}")
    if kind == "group" and not (q.get("questions") or q.get("questions_from")):
        raise FormError(f"{where}: a group needs questions or questions_from")
    if q.get("element", "div") not in ("div", "details", "fieldset"):
        raise FormError(f"{where}.element: div, details or fieldset")
    if kind != "group":
        name = q.get("name")
        if not isinstance(name, str) or not name.replace("_", "").replace("-", "").isalnum():
            raise FormError(f"{where}.name: the engine's input name is required (letters, digits, _)")
        if name in names:
            raise FormError(f"{where}.name: {name!r} is declared twice")
        names.add(name)
    if kind != "group" and not q.get("label"):
        raise FormError(f"{where}.label: required for kind {kind}")
    for key in ("marks",):
        bad = set(q.get(key) or []) - MARKS
        if bad:
            raise FormError(f"{where}.{key}: unknown mark(s) {', '.join(sorted(bad))} (known: input, option)")
    for key in ("options_from", "questions_from", "presets_from", "hint_from"):
        if key in q and q[key] not in sources:
            raise FormError(f"{where}.{key}: unknown source {q[key]!r} (known: {', '.join(sorted(sources))})")
    opts = q.get("options")
    if opts is not None:
        if not isinstance(opts, list) or not all(isinstance(o, dict) and "value" in o and "label" in o for o in opts):
            raise FormError(f"{where}.options: a list of {{value, label}} mappings")
        if "default" in q and q["default"] not in [o["value"] for o in opts]:
            raise FormError(f"{where}.default: {q['default']!r} is not one of the options' values")
    if kind in ("select", "radio", "checkboxes", "counts", "areas") and opts is None and "options_from" not in q:
        raise FormError(f"{where}: a {kind} needs options or options_from")
    for i, sub in enumerate(q.get("questions") or []):
        _check_question(sub, f"{where}.questions[{i}]", names, sources)


def check(decl: Any, path: Path, sources: dict[str, Any]) -> dict[str, Any]:
    """Validate one declaration (raises FormError naming the file and field)."""
    rel = _rel(path)
    try:
        if not isinstance(decl, dict):
            raise FormError("the file must hold a mapping")
        extra = set(decl) - PAGE_KEYS
        if extra:
            raise FormError(f"unknown key(s) {', '.join(sorted(extra))} (known: {', '.join(sorted(PAGE_KEYS))})")
        if decl.get("page") != path.stem:
            raise FormError(f"page: must equal the file name {path.stem!r}")
        if decl.get("tool") not in tools.LABELS:
            raise FormError(f"tool: {decl.get('tool')!r} is not an engine tool (tisheng.tools.LABELS: "
                            f"{', '.join(tools.LABELS)})")
        if decl.get("layout", "form") not in LAYOUTS:
            raise FormError("layout: form or batch")
        if "data" in decl and decl["data"] not in sources:
            raise FormError(f"data: unknown source {decl['data']!r} (known: {', '.join(sorted(sources))})")
        names: set[str] = set()
        if not isinstance(decl.get("questions"), list):
            raise FormError("questions: a list is required")
        for i, q in enumerate(decl["questions"]):
            _check_question(q, f"questions[{i}]", names, sources)
    except FormError as exc:
        raise FormError(f"{rel}: {exc}") from None
    return decl


def load(name: str, folder: Path = FORMS) -> dict[str, Any]:
    path = folder / f"{name}.yaml"
    if not path.is_file():
        raise FormError(f"{_rel(path)}: no such declaration")
    try:
        decl = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:  # said without the line's text, which may be Chinese
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise FormError(f"{_rel(path)}: not valid YAML{where}: {getattr(exc, 'problem', None) or 'cannot be read'}") from None
    return check(decl, path, _sources())


def load_all(folder: Path = FORMS) -> dict[str, dict[str, Any]]:
    return {p.stem: load(p.stem, folder) for p in sorted(folder.glob("*.yaml"))}


def _resolve(q: dict[str, Any], data: dict[str, Any], decl: dict[str, Any], sources: dict[str, Any]) -> list[dict]:
    """A question with its data-dependent parts filled in (a copy; the declaration is not changed): [] when its
    options_from finds nothing (the documents state no such rule), else [question]."""
    q = dict(q)
    if "options_from" in q:
        found = sources[q["options_from"]](data, decl)
        if not found:
            return []
        q["options"] = [*(q.get("options") or []), *found]
        values = [o["value"] for o in q["options"]]
        if "selected" in q and q["selected"] not in values:
            q["selected"] = values[0]
    if "hint_from" in q:
        q["hint"] = sources[q["hint_from"]](data, decl)
    if "presets_from" in q:
        q["presets"] = sources[q["presets_from"]](data, decl)
    if "questions_from" in q:
        q["groups"] = []
        for i, group in enumerate(sources[q["questions_from"]](data, decl)):
            names: set[str] = set()
            for j, sub in enumerate(group["questions"]):  # generated questions keep the format too
                _check_question(sub, f"source {q['questions_from']}: group {i} questions[{j}]", names, sources)
            q["groups"].append(dict(group, questions=_resolve_all(group["questions"], data, decl, sources)))
    if "questions" in q:
        q["questions"] = _resolve_all(q["questions"], data, decl, sources)
    return [q]


def _resolve_all(questions: list[dict], data: dict[str, Any], decl: dict[str, Any], sources: dict[str, Any]) -> list:
    return [r for q in questions for r in _resolve(q, data, decl, sources)]


def resolve(decl: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """The declaration as the partials read it: options, hints and questions that come from the data filled in."""
    sources = _sources()
    page = dict(decl, questions=_resolve_all(decl["questions"], data, decl, sources))
    if "data" in decl:
        page["blob"] = sources[decl["data"]](data, decl)
    return page


def renderer(dirs: list[str]) -> jinja2.Environment:
    """The partials' environment: the theme's folders (site_src/overrides first), escaping on. A key a question
    leaves out is undefined and draws nothing; check() has made sure the ones a kind needs are there."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(dirs), autoescape=True, trim_blocks=True,
                              lstrip_blocks=True)


def render_partial(env: jinja2.Environment, template: str, **context: Any) -> str:
    """A partial's HTML without blank lines (pages are Markdown: a blank line would end the HTML block)."""
    html = env.get_template(template).render(**context)
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def words(data: dict[str, Any]) -> str:
    """The vocabulary's words a tool page's scripts show (the kinds of hours, the grades), as the JSON of the page's
    #ts-words block (dom.js: words()), so that no script keeps its own copy of data/vocabulary.yaml."""
    vocab = data["vocabulary"]
    block = {"hour_kinds": [[k["id"], k["label"]] for k in vocab["hour_kinds"]],
             "bands": [[b["id"], b["label"]] for b in vocab["bands"]],
             "change_day": vocab["late"]["change_day"]}
    return json.dumps(block, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def render(env: jinja2.Environment, decl: dict[str, Any], data: dict[str, Any], **context: Any) -> str:
    """A tool page's HTML from its declaration."""
    page = resolve(decl, data)
    try:
        return render_partial(env, page.get("template") or LAYOUTS[page.get("layout", "form")], page=page,
                              words=words(data), **context)
    except jinja2.TemplateNotFound as exc:
        raise FormError(f"site_src/forms/{decl['page']}.yaml: no partial {exc.name} in site_src/overrides") from None
