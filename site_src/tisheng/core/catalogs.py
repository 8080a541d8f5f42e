"""能力点目录: the profile's catalog from the snapshot, or a school's own list uploaded for the session.

- ``parse_catalog_rows(rows)`` validates the rows of an uploaded CSV/XLSX (already read into
  ``[{"编号": "A1", "名称": "...", "环境": "多媒体", "维度": "学情分析"}, ...]`` by the browser or the CLI). Every bad
  row is reported with its row number (the header is row 1) and what is wrong; good rows are kept.
- A school's uploaded CSV or XLSX is read by ``tisheng.tools.points.upload``.
- ``read_catalog(obj)`` validates a catalog sent inline with a request (the shape of ``data/catalogs/*.yaml``), which
  then replaces the profile's catalog for that request.

Environment and dimension ids, labels, codes and aliases are those of ``data/vocabulary.yaml`` (read through
``tisheng.vocabulary``); a school's list may write them as ids, full labels, short labels (多媒体, 学情) or code
letters (A/B/C). The names below that hold vocabulary (``ENVIRONMENTS``, ``CONFIRMED``, ...) are read from the
snapshot when first used.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from . import snapshot, vocabulary

HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("编号", "代码", "编码", "能力点编号", "微能力点编号", "序号编码", "code", "id"),
    "name": ("名称", "能力点名称", "微能力点名称", "能力点", "微能力点", "name", "title"),
    "env": ("环境", "教学环境", "学习环境", "所属环境", "env", "environment"),
    "dimension": ("维度", "能力维度", "所属维度", "dimension", "dim"),
}
HEADER_LABELS = {"code": "编号", "name": "名称", "env": "环境", "dimension": "维度"}
REQUIRED_HEADERS = ("code", "env", "dimension")
MAX_POINTS = 300
MAX_CODE = 16
MAX_NAME = 80
_CODE_RE = re.compile(r"^[0-9A-Z][0-9A-Z.\-_]*$")


def text(value: Any) -> str:
    """A cell as text: full-width letters and digits folded (Ａ１ → A1), spaces trimmed, 12.0 → "12"."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (int, float)):
        return str(value)
    if not isinstance(value, str):
        return ""
    return unicodedata.normalize("NFKC", value).strip()


def norm_code(value: Any) -> str:
    return re.sub(r"\s+", "", text(value)).upper()


def _key(value: Any) -> str:
    return re.sub(r"\s+", "", text(value)).lower()


def _vocabulary_names() -> dict[str, Any]:
    v = vocabulary.get()
    return {
        "ENVIRONMENTS": tuple({k: e[k] for k in ("id", "code", "label")} for e in v.environments),
        "DIMENSIONS": tuple({k: d[k] for k in ("id", "label")} for d in v.dimensions),
        "CONFIRMED": v.confirmed(),  # a status a point's name or dimension may have that counts as confirmed
        "STATUSES": v.status_ids(),
        "ENV_ALIASES": v.env_aliases(),
        "DIM_ALIASES": v.dimension_aliases(),
        "ENV_HINT": "、".join(e["label"] for e in v.environments) + "（也可写 "
                    + "、".join(e["aliases"][0] for e in v.environments) + " 或 "
                    + "、".join(e["code"] for e in v.environments) + "）",
        "DIM_HINT": "、".join(d["label"] for d in v.dimensions),
    }


_NAMES: dict[str, Any] = {}


def _name(name: str) -> Any:
    if not _NAMES:
        _NAMES.update(_vocabulary_names())
    return _NAMES[name]


def __getattr__(name: str) -> Any:  # PEP 562: ``from .catalogs import CONFIRMED`` reads the snapshot on first use
    if name in ("ENVIRONMENTS", "DIMENSIONS", "CONFIRMED", "STATUSES", "ENV_ALIASES", "DIM_ALIASES", "ENV_HINT",
                "DIM_HINT"):
        return _name(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_BRACKETS = re.compile(r"[(（\[【].*?[)）\]】]")


def _lookup(aliases: dict[str, str], value: Any, suffix: str) -> str | None:
    key = _key(value)
    if key in aliases:
        return aliases[key]
    bare = _BRACKETS.sub("", key)  # "多媒体教学环境（A）", "学情分析维度"
    return aliases.get(bare) or aliases.get(bare.removesuffix(suffix))


def env_id(value: Any) -> str | None:
    """多媒体教学环境 / 多媒体 / A / multimedia (also "多媒体教学环境（A）") → "multimedia"; anything else → None."""
    return _lookup(_name('ENV_ALIASES'), value, "环境")


def dimension_id(value: Any) -> str | None:
    """学情分析 / 学情 / analysis (also "学情分析维度") → "analysis"; anything else → None."""
    return _lookup(_name('DIM_ALIASES'), value, "维度")


def env_label(eid: str | None) -> str:
    return vocabulary.get().env_label(eid)


def dimension_label(did: str | None) -> str:
    return vocabulary.get().dimension_label(did)


def code_problem(code: str) -> str | None:
    if not code:
        return "缺少编号"
    if len(code) > MAX_CODE:
        return f"编号“{code[:20]}”太长（最多 {MAX_CODE} 个字符）"
    if not _CODE_RE.match(code):
        return f"编号“{code}”只能由字母、数字和“-”“.”“_”组成，不能含逗号、空格或汉字"
    return None


# ---------------------------------------------------------------- uploaded rows (CSV / XLSX)


def _header_map(rows: list[Any]) -> dict[str, str]:
    """Which column of the upload holds code, name, env and dimension."""
    found: dict[str, str] = {}
    keys = {field: {_key(n) for n in names} for field, names in HEADERS.items()}
    columns = {c: None for row in rows if isinstance(row, dict) for c in row if isinstance(c, str)}
    for column in columns:
        key = _key(column.lstrip("\ufeff"))
        for field, names in keys.items():
            if field not in found and key in names:
                found[field] = column
    return found


def _row_error(row: int, field: str, column: str | None, message: str) -> dict[str, Any]:
    column = (column or "").lstrip("\ufeff").strip()
    return {"row": row, "field": field, "column": column or HEADER_LABELS.get(field, ""),
            "message": f"第 {row} 行：{message}。"}


def _read_row(
    number: int, row: dict[str, Any], columns: dict[str, str], seen: dict[str, int]
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    cells = {field: text(row.get(column)) for field, column in columns.items()}
    if not any(cells.values()):
        return None, []  # a blank line (Excel keeps some at the end): skipped silently
    problems: list[tuple[str, str]] = []
    code = norm_code(cells.get("code"))
    if problem := code_problem(code):
        problems.append(("code", problem))
    elif code in seen:
        problems.append(("code", f"编号 {code} 与第 {seen[code]} 行重复"))
    else:
        seen[code] = number
    env_text = cells.get("env", "")
    env = env_id(env_text)
    if not env_text:
        problems.append(("env", f"缺少环境，应为 {_name('ENV_HINT')}"))
    elif env is None:
        problems.append(("env", f"环境“{env_text[:20]}”无法识别，应为 {_name('ENV_HINT')}"))
    dim_text = cells.get("dimension", "")
    dim = dimension_id(dim_text)
    if dim_text and dim is None:
        problems.append(("dimension", f"维度“{dim_text[:20]}”无法识别，应为 {_name('DIM_HINT')}（空白表示维度未知）"))
    name = cells.get("name", "")
    if len(name) > MAX_NAME:
        problems.append(("name", f"名称太长（最多 {MAX_NAME} 个字）"))
    errors = [_row_error(number, f, columns.get(f), m) for f, m in problems]
    if errors:
        return None, errors
    point = {
        "code": code,
        "name": name or None,
        "env": env,
        "dimension": dim,
        "status": {"name": "uploaded" if name else "unknown", "dimension": "uploaded" if dim else "unknown"},
        "row": number,
    }
    return point, []


def parse_catalog_rows(
    rows: list[dict[str, str]], *, catalog_id: str = "uploaded", title: str = "本校上传的能力点目录",
    numbers: list[int] | None = None,
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """Validate an uploaded list. Returns (catalog or None, errors); each error names its row (header = row 1).

    Headers may be Chinese (编号, 名称, 环境, 维度) or English (code, name, env, dimension); 名称 is optional and an
    empty 维度 means the dimension is unknown. A bad row is left out and reported; good rows are kept.
    """
    if not isinstance(rows, list) or not rows:
        return None, [{"row": 1, "field": "", "column": "",
                       "message": "表格是空的：第 1 行应为表头（编号、名称、环境、维度），从第 2 行起每行一个能力点。"}]
    columns = _header_map(rows)
    missing = [f for f in REQUIRED_HEADERS if f not in columns]
    if missing:
        return None, [{"row": 1, "field": f, "column": HEADER_LABELS[f],
                       "message": f"第 1 行（表头）：缺少“{HEADER_LABELS[f]}”列；表头应为 编号、名称、环境、维度"
                                  f"（或 code、name、env、dimension）。"}
                      for f in missing]
    if len(rows) > MAX_POINTS + 50:
        return None, [{"row": 1, "field": "", "column": "",
                       "message": f"表格有 {len(rows)} 行，超过上限 {MAX_POINTS} 个能力点，请检查是否选错了文件。"}]
    points: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for at, row in enumerate(rows):
        number = numbers[at] if numbers and at < len(numbers) else at + 2
        if not isinstance(row, dict):
            errors.append(_row_error(number, "", None, "不是表格行"))
            continue
        point, problems = _read_row(number, row, columns, seen)
        errors.extend(problems)
        if point is not None:
            points.append(point)
    if len(points) > MAX_POINTS:
        errors.append({"row": 1, "field": "", "column": "", "message": f"能力点超过 {MAX_POINTS} 个，请检查文件。"})
        return None, errors
    if not points:
        if not errors:
            errors.append({"row": 2, "field": "", "column": "", "message": "表格中没有任何能力点（第 2 行起为空）。"})
        return None, errors
    return _catalog(catalog_id, title, points), errors


def _catalog(catalog_id: str, title: str, points: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": catalog_id,
        "title": title,
        "uploaded": True,
        "count": len(points),
        "environments": [dict(e) for e in _name('ENVIRONMENTS')],
        "dimensions": [dict(d) for d in _name('DIMENSIONS')],
        "points": points,
    }


# ---------------------------------------------------------------- an inline catalog sent with a request


def _status(raw: Any, value: Any) -> dict[str, str]:
    status = raw if isinstance(raw, dict) else {}
    out: dict[str, str] = {}
    for part in ("name", "dimension"):
        given = status.get(part)
        if value[part] is None:
            out[part] = "unknown"
        elif isinstance(given, str) and given in _name('STATUSES') and given != "unknown":
            out[part] = given
        else:
            out[part] = "uploaded"
    return out


def _read_point(
    i: int, raw: Any, field: str, seen: dict[str, int]
) -> tuple[dict[str, Any] | None, list[dict[str, str]]]:
    where = f"{field}.points[{i}]"
    if not isinstance(raw, dict):
        return None, [{"field": where, "message": f"目录第 {i + 1} 项不是能力点（应有 code、name、env、dimension）。"}]
    problems: list[dict[str, str]] = []
    code = norm_code(raw.get("code"))
    label = f"目录第 {i + 1} 项" + (f"（{code}）" if code else "")
    if problem := code_problem(code):
        problems.append({"field": f"{where}.code", "message": f"{label}：{problem}。"})
    elif code in seen:
        problems.append({"field": f"{where}.code", "message": f"{label}：编号与第 {seen[code] + 1} 项重复。"})
    else:
        seen[code] = i
    env = env_id(raw.get("env"))
    if env is None:
        problems.append({"field": f"{where}.env",
                         "message": f"{label}：环境“{text(raw.get('env'))[:20]}”无法识别，应为 {_name('ENV_HINT')}。"})
    dim_raw = raw.get("dimension")
    dim = dimension_id(dim_raw) if text(dim_raw) else None
    if text(dim_raw) and dim is None:
        problems.append({"field": f"{where}.dimension",
                         "message": f"{label}：维度“{text(dim_raw)[:20]}”无法识别，应为 {_name('DIM_HINT')}。"})
    name = text(raw.get("name"))
    if len(name) > MAX_NAME:
        problems.append({"field": f"{where}.name", "message": f"{label}：名称太长（最多 {MAX_NAME} 个字）。"})
    if problems:
        return None, problems
    value = {"code": code, "name": name or None, "env": env, "dimension": dim}
    return {**value, "status": _status(raw.get("status"), value)}, []


def read_catalog(obj: Any, field: str = "input.catalog") -> tuple[dict[str, Any] | None, list[dict[str, str]]]:
    """Validate an inline catalog. Any problem rejects it (a request must not run on half a catalog)."""
    if not isinstance(obj, dict):
        return None, [{"field": field, "message": "上传的目录格式不对：应为包含 points 列表的对象（与 data/catalogs/*.yaml 相同）。"}]
    raw_points = obj.get("points")
    if not isinstance(raw_points, list) or not raw_points:
        return None, [{"field": f"{field}.points", "message": "上传的目录没有能力点（points 为空）。"}]
    if len(raw_points) > MAX_POINTS:
        return None, [{"field": f"{field}.points", "message": f"上传的目录超过 {MAX_POINTS} 个能力点。"}]
    errors: list[dict[str, str]] = []
    points: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(raw_points):
        point, problems = _read_point(i, raw, field, seen)
        errors.extend(problems)
        if point is not None:
            points.append(point)
    if errors:
        return None, errors
    title = text(obj.get("title"))[:80] or "本校上传的能力点目录"
    catalog_id = text(obj.get("id"))[:40] or "uploaded"
    return _catalog(catalog_id, title, points), []


def profile_catalog(profile: dict[str, Any]) -> dict[str, Any] | None:
    """The catalog a profile names, from the snapshot."""
    catalog_id = profile.get("catalog")
    if not isinstance(catalog_id, str):
        return None
    found: dict[str, Any] | None = (snapshot.load().get("catalogs") or {}).get(catalog_id)
    return found
