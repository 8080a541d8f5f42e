"""The one door: the browser worker, the CLI, the page build and the tests call these functions and nothing else.

Each takes a JSON-able request (and a file's bytes where there is a file) and returns JSON-able dicts, or a file's
bytes beside a dict that names it. Nothing is kept between calls: what a later call needs, the caller passes back.

``evaluate(request)``
    Request:  {"tool": "hours" | "points" | "grade" | "rollout", "profile": "<id>", "input": {...}}
    Success:  {"ok": true, "tool", "profile", "profile_title", "status": "pass" | "fail", "summary",
               "findings": [{"rule", "met", "message", "source": {doc, section, quote, title}}, ...], ...}
    Bad input: {"ok": false, "tool", "profile", "errors": [{"field": "input.online", "message": "..."}]}
    A user's own document: "profile": "local" with "local_profile" (a mapping or the file's text; tisheng.local).
``batch(request, data)``
    A staff list: {"tool": "hours" | "grade" | "evidence", "profile", "filename", "options": {...}, "max_rows"?}
    and the file's bytes (``max_rows``: the caller's limit; the browser's is what a tab can hold).
``export(request[, data])`` → (meta, bytes | None)
    {"export": "points", "request": <evaluate request>, "school": "..."}: the school's range as .xlsx;
    {"export": "rollout", "request": <evaluate request>}: the quota table as .xlsx;
    {"export": "batch", "format": "csv" | "xlsx", "result": <batch result>}: a checked list's report (or
    "request": <batch request> with the file's bytes as ``data``, to check it again first).
    meta is {"ok": true, "filename", ...} with the bytes, or {"ok": false, "errors"} with None.
``upload_catalog(filename, data)``
    A school's catalog file: {"ok": true, "catalog", "warnings"} | {"ok": false, "errors", "good_rows"?}.
``clip_duration(read, size)``
    A video's duration from its header; the worker's ``read`` slices the posted File (FileReaderSync).
``check_local(profile)``, ``import_local(text)``, ``read_local(data)``
    A user's own document (the rules page and the CLI's --profile-file): checked, imported from its text, read.
``templates()``, ``profiles()``
    The blank staff lists the build writes; the documents the site has.
``check_profiles(data)``, ``check_citations(node, key, source_ids)``, ``resolve_profiles(raw, sections)``
    The build's checks of data/: the same checks a user's own file gets, before the snapshot is written.

The ``*_json`` twins are the worker's side of the boundary: JSON text in and out is cheaper across Pyodide than
converting objects, and a file's bytes cross as bytes (a memoryview from the worker), never base64 in JSON.
"""

from __future__ import annotations

import json
from typing import Any

from . import batch as batch_mod
from .core import catalogs
from .core import inputs
from .profiles import local
from .io import limits
from .io.names import doc_name, list_name
from .io import media
from .io import xlsx
from .core import readings as readings_mod
from .core import snapshot
from . import tools
from .tools.points import export as points_export
from .tools.points import upload as catalog_upload
from .tools.rollout import export as rollout_export
from .core.snapshot import SnapshotMissing
from .io.tabular import MAX_BYTES as MAX_FILE_BYTES
from .tools import LABELS
from .tools.evidence import batch as evidence_batch

BATCH_TOOLS = tuple(batch_mod.COLUMNS)
__all__ = ["BATCH_TOOLS", "MAX_FILE_BYTES", "SnapshotMissing", "batch", "check_citations", "check_local",
           "check_profiles", "clip_duration", "evaluate", "export", "import_local", "import_local_file_json", "profiles", "read_local", "read_local_file",
           "resolve_profiles", "rule_kinds", "templates", "upload_catalog"]


def _fail(request: Any, errors: list[dict[str, str]]) -> dict[str, Any]:
    req = request if isinstance(request, dict) else {}
    return {
        "ok": False,
        "tool": req.get("tool") if isinstance(req.get("tool"), str) else None,
        "profile": req.get("profile") if isinstance(req.get("profile"), str) else None,
        "errors": errors,
    }


def evaluate(request: Any) -> dict[str, Any]:
    """Evaluate one request. Never raises: every problem comes back as ``ok: false`` with Chinese messages."""
    try:
        if isinstance(request, dict) and "input" in request:
            request = {**request, "input": inputs.marked(request["input"])}
        return _visible(_evaluate(request), request)
    except snapshot.SnapshotMissing as exc:
        return _fail(request, [{"field": "", "message": str(exc)}])
    except Exception as exc:  # noqa: BLE001 - the contract is "never a traceback"; the type is kept for maintainers
        return _fail(
            request,
            [{"field": "", "message": "计算时出现内部错误，请把这一链接反馈给网站管理员。",
              "internal": type(exc).__name__}],
        )


def _visible(response: dict[str, Any], request: Any) -> dict[str, Any]:
    """Invisible characters in a message shown as marks; an answer read past zero-width characters says so."""
    for key in ("errors", "findings", "notes"):
        for item in response.get(key) or []:
            if isinstance(item, dict) and isinstance(item.get("message"), str):
                item["message"] = inputs.visible(item["message"])
    if isinstance(response.get("summary"), str):
        response["summary"] = inputs.visible(response["summary"])
    if response.get("ok") and inputs.has_zero_width(request.get("input")):
        response["notes"] = [*(response.get("notes") or []), {"rule": "input", "message": inputs.ZERO_WIDTH_NOTE}]
    return response


def _evaluate(request: Any) -> dict[str, Any]:
    errors: list[dict[str, str]] = []
    if not isinstance(request, dict):
        return _fail(request, [{"field": "", "message": "请求必须是一个 JSON 对象。"}])
    tool = request.get("tool")
    profile_id = request.get("profile")
    data = request.get("input", {})
    run = tools.get(tool) if isinstance(tool, str) else None
    if run is None:
        known = "、".join(f"{k}（{LABELS[k]}）" for k in tools.available())
        errors.append({"field": "tool", "message": f"未知的工具“{tool}”。可用的工具：{known}。"})
    profile = snapshot.profile(profile_id) if isinstance(profile_id, str) else None
    if profile_id == local.LOCAL_ID:  # a user's own file, sent along as `local_profile` (tisheng.local)
        profile = local.from_request(request, errors)
    elif profile is None:
        if profile_id in (None, ""):
            errors.append({"field": "profile", "message": "请选择适用的政策文件。"})
        else:
            known = "、".join(str(p.get("short_title") or p.get("title") or pid)
                             for pid, p in snapshot.load()["profiles"].items())
            errors.append({"field": "profile", "message": f"本站没有所填的政策文件。本站收录的文件：{known}。"})
    if not isinstance(data, dict):
        errors.append({"field": "input", "message": "input 必须是一个 JSON 对象。"})
    if errors:
        return _fail(request, errors)
    assert profile is not None and run is not None and isinstance(data, dict) and isinstance(tool, str)

    # A reading the user chose is applied to a copy of the profile; the tool never sees `reading` itself.
    groups = readings_mod.choose(profile, tool, request, data, errors)
    data = {k: v for k, v in data.items() if k != "reading"}
    in_force = readings_mod.apply(profile, groups)
    result = run(in_force, data)
    if not result.get("ok") or errors:
        return _fail(request, errors + list(result.get("errors", []) if not result.get("ok") else []))
    used, notes = readings_mod.report(profile, groups, run, data, result)
    response = {
        "ok": True,
        "tool": tool,
        "profile": profile_id,
        "profile_title": profile.get("title"),
        **{k: v for k, v in result.items() if k != "ok"},
        "readings": used,
    }
    if notes:
        response["notes"] = [*notes, *(result.get("notes") or [])]
    return local.mark_response(response, profile, tool) if profile.get("local") else response




# ---------------------------------------------------------------- files: staff lists, exports, catalog uploads

def _bytes(data: Any) -> bytes | None:
    """bytes, a memoryview (what the worker hands over) or a bytearray; None for anything else."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    return None


def _file_error(message: str) -> dict[str, Any]:
    return {"ok": False, "errors": [{"field": "file", "message": message}]}


def batch(request: Any, data: Any, progress: Any = None) -> dict[str, Any]:
    """Check every row of a staff list. Never raises. ``progress(done, total)``, if given, hears how far it is."""
    req = request if isinstance(request, dict) else {}
    body = _bytes(data)
    if body is None:
        return _file_error("无法读取上传的文件，请重新选择。")
    tool = req.get("tool")
    if tool == "evidence":  # one row per teacher, no files: the evidence tool's own runner
        return evidence_batch.run(str(req.get("profile") or ""), body, str(req.get("filename") or ""))
    if tool not in BATCH_TOOLS:
        return {"ok": False, "errors": [{"field": "tool", "message": f"批量处理暂不支持工具“{tool}”。"}]}
    options = req.get("options") if isinstance(req.get("options"), dict) else {}
    own = None
    if req.get("profile") == local.LOCAL_ID:  # a user's own file, sent along as `local_profile`
        errors: list[dict[str, str]] = []
        own = local.from_request(req, errors)
        if own is None:
            return {"ok": False, "errors": errors}
    limit = req.get("max_rows") if isinstance(req.get("max_rows"), int) and req["max_rows"] > 0 else None
    result = batch_mod.run(str(tool), str(req.get("profile")), body, str(req.get("filename") or ""), options, own,
                           progress if callable(progress) else None, limit)
    return local.mark_citations(result) if own is not None else result


def _export_batch(req: dict[str, Any], data: Any) -> tuple[dict[str, Any], bytes | None]:
    result = req.get("result") if "result" in req else batch(req.get("request"), data)
    if not isinstance(result, dict) or not result.get("ok"):
        errors = result.get("errors") if isinstance(result, dict) else None
        return {"ok": False, "errors": errors or [{"field": "", "message": "没有可导出的检查结果。"}]}, None
    fmt_ = "xlsx" if req.get("format") == "xlsx" else "csv"
    if result.get("tool") == "evidence":
        body = evidence_batch.to_xlsx(result) if fmt_ == "xlsx" else evidence_batch.to_csv(result)
        what = "材料自查结果"
    else:
        body = batch_mod.to_xlsx(result) if fmt_ == "xlsx" else batch_mod.to_csv(result)
        what = str(result.get("export_name") or "检查结果")
    return {"ok": True, "filename": f"{what}-{list_name(result, req.get('today'))}.{fmt_}"}, body


def _export_points(req: dict[str, Any]) -> tuple[dict[str, Any], bytes | None]:
    """The school's range, given or built: the request is evaluated in school mode, so the workbook says what the
    engine says."""
    inner = dict(req["request"]) if isinstance(req.get("request"), dict) else {}
    given = inner.get("input")
    inner["tool"] = "points"
    inner["input"] = {**given, "mode": "school"} if isinstance(given, dict) else {"mode": "school"}
    res = evaluate(inner)
    if not res.get("ok"):
        return {"ok": False, "errors": res.get("errors") or []}, None
    school = catalogs.text(req.get("school") if isinstance(req.get("school"), str) else "")[:60]
    try:
        body, name = points_export.workbook(res, school)
    except ValueError as exc:
        return {"ok": False, "errors": [{"field": "input.school_range", "message": str(exc)}]}, None
    title = f"{school or '本校'}能力点范围（{res.get('profile_title') or res.get('profile')}）"
    return {"ok": True, "title": title, "filename": name, "catalog": res.get("catalog")}, body


def _export_rollout(req: dict[str, Any]) -> tuple[dict[str, Any], bytes | None]:
    response = evaluate(req.get("request"))
    if not response.get("ok") or response.get("tool") != "rollout":
        errors = response.get("errors") or [{"field": "tool", "message": "只能导出名额分配的结果。"}]
        return {"ok": False, "errors": errors}, None
    body, name = rollout_export.workbook(response)
    return {"ok": True, "filename": name}, body


def export(request: Any, data: Any = None) -> tuple[dict[str, Any], bytes | None]:
    """A download: (meta, bytes) on success, ({"ok": false, "errors"}, None) otherwise. Never raises."""
    req = request if isinstance(request, dict) else {}
    try:
        if req.get("export") == "batch":
            return _export_batch(req, data)
        if req.get("export") == "points":
            return _export_points(req)
        if req.get("export") == "rollout":
            return _export_rollout(req)
        if req.get("export") == "template" and req.get("tool") == "evidence":
            header, rows = evidence_batch.template(str(req.get("profile") or ""))
            body = xlsx.write([("名单", header, rows, None)])
            return {"ok": True, "filename": f"材料自查名单模板-{doc_name(req.get('profile'))}.xlsx",
                    "header": header}, body
    except Exception as exc:  # noqa: BLE001 - a download never shows a traceback
        return {"ok": False, "errors": [{"field": "", "message": "生成文件时出现内部错误，请刷新页面后重试。",
                                         "internal": type(exc).__name__}]}, None
    return {"ok": False, "errors": [{"field": "", "message": "导出请求无效，请刷新页面后重试。"}]}, None


def upload_catalog(filename: Any, data: Any) -> dict[str, Any]:
    """A school's own catalog file, read into a catalog a points request can carry. Never raises."""
    body = _bytes(data)
    if body is None:
        return {"ok": False, "errors": [{"row": None, "message": "文件读取失败，请重新选择文件。"}]}
    return catalog_upload.upload(body, filename if isinstance(filename, str) else "")


def clip_duration(read: Any, size: Any) -> dict[str, Any]:
    """A video's duration from its container header: ``read(offset, n) -> bytes`` is called for the few boxes it
    needs, never for the whole file. {"ok", "seconds"} | {"ok": false, "problem", "message"}."""
    if not isinstance(size, int) or size < 0 or not callable(read):
        return {"ok": False, "problem": "unreadable", "message": media.MESSAGES["unreadable"]}

    def read_bytes(offset: int, n: int) -> bytes:
        got = read(offset, n)  # bytes on CPython; a Uint8Array from the worker
        return bytes(got) if isinstance(got, (bytes, bytearray, memoryview)) else got.to_bytes()

    return media.duration(read_bytes, size)


def check_local(profile: Any) -> dict[str, Any]:
    """The rules page's form as a profile → {"ok", "errors", "conflicts", "inherited", "yaml", "profile"}."""
    return local.check_profile(profile)


def import_local(text: Any) -> dict[str, Any]:
    """A local file's text → {"ok", "errors", "profile"}; the profile comes back even when it has problems."""
    return local.import_text(text)


def read_local_file(data: Any, size: int | None = None) -> dict[str, Any]:
    """A user's own file as it arrives, from the rules page's import or the command line's --profile-file: its
    bytes (at most the limit and one more) and its full size → {"ok", "errors", "unreadable", "profile"}. One
    verdict and the same messages for both: size, encoding, depth and number length are checked before parsing;
    ``profile`` is the file as read even when it has problems, so the page can show it beside its messages."""
    body = _bytes(data)
    if body is None:
        return {"ok": False, "unreadable": True, "errors": [{"field": "file", "message": "无法读取文件。"}], "profile": None}
    if (size or len(body)) > limits.MAX_PROFILE_BYTES:
        return {"ok": False, "unreadable": True, "errors": [limits.too_big(size or len(body))], "profile": None}
    _, refused = limits.check_profile_bytes(body)
    if refused:
        return {"ok": False, "unreadable": True, "errors": refused, "profile": None}
    obj, errors = local.parse_bytes(body)
    if errors:
        return {"ok": False, "unreadable": True, "errors": errors, "profile": None}
    problems = local.check(obj)
    listed, more = limits.capped(problems)
    return {"ok": not problems, "unreadable": False, "errors": problems, "listed": listed, "more": more,
            "profile": obj if isinstance(obj, dict) else None}


def import_local_file_json(read: Any, size: Any) -> str:
    """The rules page's import: the worker's ``read(offset, n)`` on the chosen File, of which no more than the limit
    and one byte is read, and its size."""
    if not isinstance(size, int) or size < 0 or not callable(read):
        return _dumps(read_local_file(None))
    got = read(0, min(size, limits.MAX_PROFILE_BYTES + 1))
    body = bytes(got) if isinstance(got, (bytes, bytearray, memoryview)) else got.to_bytes()
    return _dumps(read_local_file(body, size))


def read_local(data: Any) -> dict[str, Any]:
    """A local file's bytes (the command line's --profile-file) → {"ok", "profile"} or {"ok": false, "errors",
    "unreadable"}: unreadable when it is not a YAML/JSON file at all, else the checks' messages."""
    body = _bytes(data)
    obj, errors = local.parse_bytes(body) if body is not None else (None, [{"field": "file", "message": "无法读取文件。"}])
    if errors:
        return {"ok": False, "errors": errors, "unreadable": True}
    _, problems = local.load(obj)
    return {"ok": False, "errors": problems, "unreadable": False} if problems else {"ok": True, "profile": obj}


def check_profiles(data: Any) -> list[dict[str, Any]]:
    """The build's door to the checks a user's own file gets too. ``data`` is data/ as the build read it
    (vocabulary, sources, catalogs and the profiles as written); every problem of every profile's rules, and of the
    kinds of rule themselves, as {"profile", "key", "what", "hint"}."""
    from .core import registry
    from .profiles import validate

    out: list[dict[str, Any]] = []
    with snapshot.using(data):
        for problem in registry.problems():
            out.append({"profile": None, "key": "registry", "what": problem, "hint": ""})
        for pid, prof in data["profiles"].items():
            c = validate.Checker(set(data["sources"]))
            validate.check_profile(c, prof)
            out += [{"profile": pid, "key": p.key, "what": p.what, "hint": p.hint} for p in c.problems]
    return out


def check_citations(node: Any, key: str, source_ids: Any) -> list[dict[str, Any]]:
    """Every ``source`` anywhere below ``node`` (a catalog, a glossary, a conflict) is a full citation of a known
    document: [{"key", "what", "hint"}]."""
    from .profiles import validate

    c = validate.Checker(set(source_ids))
    c.walk(key, node)
    return [{"key": p.key, "what": p.what, "hint": p.hint} for p in c.problems]


def resolve_profiles(raw: Any, sections: Any) -> dict[str, Any]:
    """Each profile with its parents' rules filled in, each inherited rule saying where it came from."""
    from .profiles import validate

    return {pid: validate.resolve(pid, raw, sections=tuple(sections)) for pid in raw}


def rule_kinds() -> list[dict[str, Any]]:
    """Every kind of rule, in the vocabulary's order: {"section", "key", "label", "value" (its type), "asks" (how the
    rules page asks it, or null), "ask" (the page's words for it), "words" (the page's words for every rule)}."""
    from .core import registry, vocabulary

    v = vocabulary.get()
    page = v.raw.get("rules_page") or {}
    return [{"section": k.section, "key": k.key, "label": k.word.get("label"), "value": getattr(k.module, "VALUE", None),
             "asks": getattr(k.module, "ASK", None), "ask": k.word.get("ask") or {}, "words": page,
             "checks": k.has("finding") or k.has("fits") or k.has("compile")} for k in registry.kinds()]


def templates() -> dict[str, dict[str, Any]]:
    """Each batch tool's blank staff list: {"hours": {"header": [...], "rows": [[...], ...]}, ...}."""
    out = {}
    for tool in BATCH_TOOLS:
        header, rows = batch_mod.template(tool)
        out[tool] = {"header": header, "rows": rows}
    return out


def profiles() -> list[dict[str, Any]]:
    """The documents the site has, in the snapshot's order: [{"id", "title", "short_title"}]."""
    out = []
    for pid in snapshot.profile_ids():
        prof = snapshot.profile(pid) or {}
        out.append({"id": pid, "title": prof.get("title", ""), "short_title": prof.get("short_title")})
    return out


# ---------------------------------------------------------------- the worker's side: JSON text, bytes as bytes

def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _loads(text: Any) -> Any:
    try:
        return json.loads(text)
    except (ValueError, TypeError):
        return _BAD_JSON


_BAD_JSON = object()
_NOT_JSON = [{"field": "", "message": "请求不是有效的 JSON。"}]


def evaluate_json(text: str) -> str:
    request = _loads(text)
    return _dumps(_fail(None, _NOT_JSON) if request is _BAD_JSON else evaluate(request))


def batch_json(text: str, data: Any, progress: Any = None) -> str:
    request = _loads(text)
    return _dumps({"ok": False, "errors": _NOT_JSON} if request is _BAD_JSON else batch(request, data, progress))


def clip_duration_json(read: Any, size: Any) -> str:
    return _dumps(clip_duration(read, size))


def check_local_json(text: str) -> str:
    request = _loads(text)
    return _dumps({"ok": False, "errors": _NOT_JSON} if request is _BAD_JSON else check_local(request))


def import_local_json(text: str) -> str:
    return _dumps(import_local(text))


def export_json(text: str, data: Any = None) -> tuple[str, bytes | None]:
    request = _loads(text)
    meta, body = ({"ok": False, "errors": _NOT_JSON}, None) if request is _BAD_JSON else export(request, data)
    return _dumps(meta), body


def upload_catalog_json(filename: str, data: Any) -> str:
    return _dumps(upload_catalog(filename, data))
