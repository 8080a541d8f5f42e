"""An uploaded catalog file (the browser's catalog upload, ``tisheng catalog`` on the command line): a CSV or XLSX
read by the same reader as the staff lists, then checked row by row by ``catalogs.parse_catalog_rows``.
"""

from __future__ import annotations

import re
from typing import Any

from ...core.catalogs import HEADERS, MAX_POINTS, _key, parse_catalog_rows

MAX_UPLOAD_BYTES = 2_000_000
_HEADER_KEYS = {field: frozenset(_key(n) for n in names) for field, names in HEADERS.items()}


class UploadError(ValueError):
    """A file that cannot be read as a table at all (its message is Chinese and shown as it is)."""


def _is_header(cells: list[str]) -> bool:
    keys = {_key(c) for c in cells}
    return bool(keys & _HEADER_KEYS["code"]) or bool(keys & _HEADER_KEYS["env"])


def _as_rows(rows: Any, table: Any) -> tuple[list[dict[str, Any]], list[int]]:
    """The rows below the header as dicts of the four known columns (blank cells kept, so an all-blank 维度 column
    is still a column), with their row numbers in the file. Unknown columns are not carried: they cost time."""
    from ...io import tabular

    found = tabular.find_header(rows, _is_header)
    if found is None:
        if table.errors:
            raise UploadError(table.errors[0])
        raise UploadError("前 15 行里没有找到表头：第 1 行应为 编号、名称、环境、维度（或 code、name、env、dimension）。")
    header_row, header = found
    columns: dict[int, str] = {}
    taken: set[str] = set()
    for i, cell in enumerate(header):
        field = next((f for f, keys in _HEADER_KEYS.items() if _key(cell) in keys and f not in taken), None)
        if field:
            taken.add(field)
            columns[i] = cell
    out: list[dict[str, Any]] = []
    numbers: list[int] = []
    for number, cells in rows:
        if not any(cells):
            continue
        out.append({name: (cells[i] if i < len(cells) else "") for i, name in columns.items()})
        numbers.append(number)
        if len(out) > MAX_POINTS + 50:
            raise UploadError(f"表格超过 {MAX_POINTS} 个能力点，请检查是否选错了文件。")
    if table.errors:
        raise UploadError(table.errors[0])
    if not out:
        out.append({name: "" for name in columns.values()})  # header only: its columns stay visible to the check
        numbers.append(header_row + 1)
    return out, numbers


def read_upload_numbered(data: bytes, filename: str = "", notes: list[str] | None = None
                         ) -> tuple[list[dict[str, Any]], list[int]]:
    """An uploaded CSV or XLSX, read by the same reader as the staff lists: rows for ``parse_catalog_rows`` and
    their row numbers. UploadError when it is no table at all. ``notes`` (if given) gets the reader's warnings,
    e.g. which sheet was read."""
    from ...io import tabular, xlsxread

    if not data:
        raise UploadError("文件是空的，请选择能力点目录的 CSV 或 Excel（.xlsx）文件。")
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError(f"文件太大（{len(data) // 1024} KB），能力点目录通常不超过几十 KB，请检查是否选错了文件。")
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise UploadError("这是旧版 Excel（.xls）文件，暂不支持。请在 Excel/WPS 中“另存为” .xlsx 或 CSV 后重新上传。")
    table = tabular.Table(warnings=notes if notes is not None else [])
    if data[:2] == b"PK" or filename.lower().endswith((".xlsx", ".xlsm")):
        book = tabular.open_book(data, table)
        if book is None:  # the reader's own sentence when it knows why, else the catalog's
            said = table.errors.pop() if table.errors else tabular.XLSX_UNREADABLE
            raise UploadError(said if said != tabular.XLSX_UNREADABLE else
                              "无法读取这个 Excel 文件（文件可能已损坏或不是 .xlsx），请在 Excel/WPS 中重新另存为 .xlsx 或 CSV。")
        try:
            sheets = book.visible()
            for title, path in sheets:  # the first visible sheet that has the catalog's header
                if tabular.find_header(tabular.sheet_rows(book, path), _is_header) or (title, path) == sheets[-1]:
                    found = _as_rows(tabular.sheet_rows(book, path), table)
                    tabular.sheet_warnings(book, title, table)
                    return found
        except xlsxread.XlsxError as exc:
            raise UploadError(exc.said or tabular.XLSX_DAMAGED) from None
    text = tabular.csv_text(data, table)
    if text is None:
        raise UploadError("这个文件不是表格（CSV 或 .xlsx），请选择能力点目录文件。")
    return _as_rows(tabular.csv_rows(text, table), table)


def read_upload(data: bytes, filename: str = "") -> list[dict[str, Any]]:
    """An uploaded CSV or XLSX as rows for ``parse_catalog_rows``; UploadError when it is no table at all."""
    return read_upload_numbered(data, filename)[0]


def upload(data: bytes, filename: str = "") -> dict[str, Any]:
    """A school's catalog file in; ``{"ok", "catalog", "errors", "warnings"}`` out. Never raises.

    Any bad row rejects the whole file (a verdict must not rest on half a catalog); every bad row is listed.
    """
    try:
        notes: list[str] = []
        rows, numbers = read_upload_numbered(data, filename, notes)
    except UploadError as exc:
        return {"ok": False, "errors": [{"row": None, "message": str(exc)}]}
    except Exception:  # noqa: BLE001 - never a traceback on the page
        return {"ok": False, "errors": [{"row": None, "message": "读取这个文件时出现内部错误。请在 Excel/WPS 中"
                                         "重新另存为 .xlsx 或 CSV 后再试；若仍出错，请把文件反馈给网站管理员。"}]}
    name = re.sub(r"\.(csv|txt|xlsx|xlsm)$", "", filename.rsplit("/", 1)[-1], flags=re.I)[:40]
    catalog, errors = parse_catalog_rows(rows, title=f"本校上传的能力点目录（{name}）" if name else "本校上传的能力点目录",
                                         numbers=numbers)
    if errors or catalog is None:
        good = catalog["count"] if catalog else 0
        return {"ok": False, "errors": errors, "good_rows": good}
    return {"ok": True, "catalog": catalog, "errors": [], "warnings": notes}
