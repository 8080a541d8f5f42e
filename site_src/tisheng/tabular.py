"""Read a staff list (CSV or XLSX) into rows of text, with every problem explained in Chinese.

CSV is read with the standard library in any encoding Chinese offices produce (UTF-8 with or without BOM,
GBK/GB18030 from WPS and old Excel, UTF-16 "Unicode text"). XLSX is read with the standard library
(``xlsxread``), so the browser needs nothing beyond the engine. Nothing here raises on a bad file: problems come back in ``Table.errors``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from . import xlsxread

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
HEADER_SCAN_ROWS = 15


@dataclass
class Table:
    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (row number in the file, cells)
    header_row: int = 0
    sheet: str | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def decode(data: bytes) -> tuple[str | None, str]:
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    return None, ""


def find_header(rows: Iterable[tuple[int, list[str]]], is_header: Any) -> tuple[int, list[str]] | None:
    for count, (number, cells) in enumerate(rows):
        if count >= HEADER_SCAN_ROWS:
            break
        if is_header(cells):
            return number, cells
    return None


def read(data: bytes, filename: str, is_header: Any) -> Table:
    """``is_header(cells) -> bool`` recognises the header row (a title or merged cells may stand above it)."""
    table = Table()
    name = filename.lower()
    if not data:
        table.errors.append("文件是空的，请检查是否选对了文件。")
    elif len(data) > MAX_BYTES:
        table.errors.append(f"文件有 {len(data) / 1024 / 1024:.0f} MB，超过 50 MB 的上限。请删去无关的工作表或列后再上传。")
    elif data[:4] == b"\xd0\xcf\x11\xe0":
        table.errors.append("这是旧版 Excel（.xls）文件。请在 Excel 或 WPS 中“另存为” .xlsx 或 .csv 后再上传。")
    elif data[:4] == b"PK\x03\x04" or name.endswith((".xlsx", ".xlsm")):
        _read_xlsx(data, table, is_header)
    else:
        _read_csv(data, table, is_header)
    return table


def sniff_delimiter(text: str) -> str:
    sample = text[:8192]
    return max(",\t;，", key=sample.count) if any(c in sample for c in ",\t;，") else ","


def _read_csv(data: bytes, table: Table, is_header: Any) -> None:
    text, encoding = decode(data)
    if text is None or "\x00" in text[:4096]:
        table.errors.append("无法识别这个文件：它不是 CSV 文本，也不是 Excel（.xlsx）文件。")
        return
    delimiter = sniff_delimiter(text)
    if delimiter == "，":
        table.warnings.append("文件用中文逗号“，”分隔各列，已按此读取。")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = enumerate(reader, start=1)  # cells are stripped by whoever reads them
    try:
        _collect(rows, table, is_header)
    except csv.Error:
        table.errors.append(f"CSV 文件第 {reader.line_num} 行的格式有误（引号或换行不成对），请在 Excel/WPS 中打开后重新另存为 CSV。")
    if encoding == "gb18030" and not table.errors:
        table.warnings.append("文件是 GBK/GB18030 编码（WPS 或旧版 Excel 的默认格式），已自动识别。")


def _read_xlsx(data: bytes, table: Table, is_header: Any) -> None:
    try:
        book = xlsxread.Workbook(data)
    except xlsxread.XlsxError:
        table.errors.append("这个文件无法作为 Excel 打开：它可能已损坏，或只是改了扩展名。请在 Excel/WPS 中重新另存为 .xlsx。")
        return
    try:
        for title, path in book.sheets:
            rows = ((i, [cell_text(v) for v in values]) for i, values in book.rows(path))
            attempt = Table()
            _collect(rows, attempt, is_header)
            if attempt.header:
                table.header, table.rows, table.header_row = attempt.header, attempt.rows, attempt.header_row
                table.sheet = title
                if len(book.sheets) > 1:
                    table.warnings.append(f"工作簿有 {len(book.sheets)} 个工作表，已读取“{title}”。")
                table.errors.extend(attempt.errors)
                table.warnings.extend(attempt.warnings)
                return
    except xlsxread.XlsxError:
        table.errors.append("这个 Excel 文件的内容已损坏，无法读完。请在 Excel/WPS 中打开并重新另存为 .xlsx。")
        return
    table.errors.append("在任何一个工作表的前 15 行里都没有找到表头（例如“姓名”一列）。请使用网站提供的模板。")


def _collect(rows: Iterable[tuple[int, list[str]]], table: Table, is_header: Any) -> None:
    iterator = iter(rows)
    found = find_header(iterator, is_header)
    if found is None:
        table.errors.append("前 15 行里没有找到表头（例如“姓名”一列）。请使用网站提供的模板，或检查第一行是否为列名。")
        return
    table.header_row, table.header = found
    for number, cells in iterator:
        if not any(cells):
            continue
        if len(table.rows) >= MAX_ROWS:
            table.errors.append(f"名单超过 {MAX_ROWS} 行，请分成几个文件上传。")
            return
        table.rows.append((number, cells))
