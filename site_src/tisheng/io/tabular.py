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

from . import text as inputs
from . import xlsxread

try:  # the command line's fast reader; the browser has no calamine and reads with the standard library
    from . import xlsxfast as _fast
except ImportError:
    _fast = None  # type: ignore[assignment]

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 1_048_576  # Excel's own sheet limit; the page stops earlier, at what a tab can hold
HEADER_SCAN_ROWS = 15
MAX_CELL_CHARS = xlsxread.MAX_CELL_CHARS
# Invisible characters that a copy from a web page or WeChat leaves in a cell ("25\u200b" must read as 25) are
# dropped; a bidirectional control (U+202E turns a line around) is shown as a mark, never passed on raw.
CELL = {**inputs.INVISIBLE, **inputs.SHOW_BIDI}


@dataclass
class Table:
    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (row number in the file, cells)
    header_row: int = 0
    sheet: str | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The caller's row limit and what to say past it (the browser's page stops at what a tab can hold)
    limit: int = MAX_ROWS
    too_many: str = ""
    hidden: int = 0  # invisible characters dropped or marked


UNCOMPUTED_TEXT = "（公式，无计算结果）"


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if value is xlsxread.UNCOMPUTED:
        return UNCOMPUTED_TEXT
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def clean(text: str) -> str:
    """A cell's text as a reader compares it: invisible characters dropped or marked, spaces trimmed."""
    return text.translate(CELL).strip()


def cleaned(cells: list[str], table: Table | None) -> list[str]:
    """A row's cells cleaned, counting the invisible characters in ``table.hidden`` (one C-level length check a
    row; the characters are counted only in a row that has some)."""
    moved = [c.translate(CELL) for c in cells]
    if table is not None and sum(map(len, moved)) != sum(map(len, cells)):
        table.hidden += sum(len(inputs.HIDDEN.findall(c)) for c in cells)
    return [c.strip() for c in moved]


def hidden_warning(table: Table) -> None:
    if table.hidden:
        table.warnings.append(f"名单里有 {table.hidden:,} 个看不见的字符（零宽空格、文字方向控制符等，常见于从网页或微信复制的"
                              f"内容）：零宽空格读取时已去掉，方向控制符显示为“{inputs.SHOWN}”。")


def decode(data: bytes) -> tuple[str | None, str]:
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if even + odd >= 2 and min(even, odd) * 10 <= max(even, odd):  # UTF-16 saved without its byte-order mark:
        enc = "utf-16-le" if odd > even else "utf-16-be"              # ASCII (commas, digits) leaves NULs on one side
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            text = ""
        if "\n" in text[:2048] or "," in text[:2048] or "\t" in text[:2048]:
            return text, enc
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    return None, ""


def find_header(rows: Iterable[tuple[int, list[str]]], is_header: Any) -> tuple[int, list[str]] | None:
    count = 0
    for number, cells in rows:
        if not any(cells):  # a blank row (Excel keeps formatted empty ones) is not one of the rows scanned
            continue
        if count >= HEADER_SCAN_ROWS:
            break
        count += 1
        if is_header(cells):
            return number, cells
    return None


def read(data: bytes, filename: str, is_header: Any, limit: int = MAX_ROWS, too_many: str = "") -> Table:
    """``is_header(cells) -> bool`` recognises the header row (a title or merged cells may stand above it).
    Past ``limit`` rows reading stops, with ``too_many`` as the message (or Excel's own limit's)."""
    table = Table(limit=min(limit, MAX_ROWS), too_many=too_many if limit < MAX_ROWS else "")
    name = filename.lower()
    if not data:
        table.errors.append("文件是空的，请检查是否选对了文件。")
    elif len(data) > MAX_BYTES:
        table.errors.append(f"文件有 {len(data) / 1024 / 1024:.1f} MB，超过 50 MB 的上限。请删去无关的工作表或列后再上传。")
    elif data[:4] == b"\xd0\xcf\x11\xe0":
        table.errors.append("这是旧版 Excel（.xls）文件。请在 Excel 或 WPS 中“另存为” .xlsx 或 .csv 后再上传。")
    elif data[:4] == b"PK\x03\x04" or name.endswith((".xlsx", ".xlsm")):
        _read_xlsx(data, table, is_header)
    else:
        _read_csv(data, table, is_header)
    hidden_warning(table)
    return table


def sniff_delimiter(text: str) -> str:
    sample = text[:8192]
    return max(",\t;，", key=sample.count) if any(c in sample for c in ",\t;，") else ","


NOT_A_TABLE = "无法识别这个文件：它不是 CSV 文本，也不是 Excel（.xlsx）文件。"


def csv_text(data: bytes, table: Table) -> str | None:
    """The text of a CSV upload, or None with the reason in ``table.errors``. A stray NUL byte is dropped."""
    text, encoding = decode(data)
    if text is None or text[:4096].count("\x00") > 8 or _binary(text[:4096]):
        table.errors.append(NOT_A_TABLE)
        return None
    if "\x00" in text:
        text = text.replace("\x00", "")
        table.warnings.append("文件中有不可见的空字符（NUL），已忽略。")
    if encoding == "gb18030":
        table.warnings.append("文件是 GBK/GB18030 编码（WPS 或旧版 Excel 的默认格式），已自动识别。")
    return text


def _binary(head: str) -> bool:
    """Control characters other than tab and line breaks: a renamed picture, PDF or archive, not text."""
    odd = sum(1 for ch in head if ch < " " and ch not in "\t\r\n\x00")
    return odd > max(8, len(head) // 100)


def csv_rows(text: str, table: Table) -> Iterable[tuple[int, list[str]]]:
    """(row number, cells) of CSV text; a broken quote or an over-long cell ends it with a Chinese error."""
    delimiter = sniff_delimiter(text)
    if delimiter == "，":
        table.warnings.append("文件用中文逗号“，”分隔各列，已按此读取。")
    buf = io.StringIO(text, newline="")
    reader = csv.reader(buf, delimiter=delimiter)
    number = 0
    while True:
        start, at = reader.line_num + 1, buf.tell()
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field larger" in str(exc):
                table.errors.append(f"CSV 文件从第 {start} 行起有一个单元格超过 {csv.field_size_limit():,} 个字符，"
                                    "通常是某个英文双引号（\"）没有配对。请删去或补齐这个引号，或在 Excel/WPS 中打开后重新另存为 CSV。")
            else:
                table.errors.append(f"CSV 文件第 {start} 行的格式有误，请在 Excel/WPS 中打开后重新另存为 CSV。")
            return
        number += 1
        if reader.line_num > start and buf.tell() >= len(text) and _open_quote(text[at:], delimiter):
            table.errors.append(f"CSV 文件第 {start} 行有一个英文双引号（\"）没有配对，从这里到文件末尾的 "
                                f"{reader.line_num - start + 1} 行都被读成了一个单元格。请删去或补齐这个引号，"
                                "或在 Excel/WPS 中打开后重新另存为 CSV。")
            return
        yield number, cleaned([_capped(c, table) for c in cells], table)


def _open_quote(rest: str, delimiter: str) -> bool:
    """Whether the last record of a file is a quote that is never closed (it then runs to the end of the file)."""
    try:
        list(csv.reader(io.StringIO(rest, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        return "unexpected end" in str(exc)
    return False


def _capped(cell: str, table: Table) -> str:
    if len(cell) > MAX_CELL_CHARS:
        if not any("超过 Excel" in w for w in table.warnings):
            table.warnings.append(f"有单元格超过 {MAX_CELL_CHARS:,} 个字符（Excel 一个单元格的上限），已截断。")
        return cell[:MAX_CELL_CHARS]
    return cell


def _read_csv(data: bytes, table: Table, is_header: Any) -> None:
    text = csv_text(data, table)
    if text is None:
        return
    _collect(csv_rows(text, table), table, is_header)


XLSX_UNREADABLE = "这个文件无法作为 Excel 打开：它可能已损坏，或只是改了扩展名。请在 Excel/WPS 中重新另存为 .xlsx。"
XLSX_DAMAGED = xlsxread.DAMAGED


def open_book(data: bytes, table: Table) -> xlsxread.Workbook | None:
    try:
        return xlsxread.Workbook(data)
    except xlsxread.XlsxError as exc:
        table.errors.append(exc.said or XLSX_UNREADABLE)
        return None


def sheet_rows(book: xlsxread.Workbook, path: str, table: Table | None = None) -> Iterable[tuple[int, list[str]]]:
    return ((i, cleaned([cell_text(v) for v in values], table)) for i, values in book.rows(path))


def sheet_warnings(book: xlsxread.Workbook, title: str, table: Table) -> None:
    """Say which sheet was read when there was a choice, and that hidden sheets were left out."""
    hidden = len(book.sheets) - len(book.visible())
    if len(book.sheets) > 1:
        note = f"（{hidden} 个隐藏的工作表未读取）" if hidden else ""
        table.warnings.insert(0, f"工作簿有 {len(book.sheets)} 个工作表，已读取“{title}”{note}。")
    if book.cut:
        table.warnings.append(f"有 {book.cut} 个单元格超过 {MAX_CELL_CHARS:,} 个字符（Excel 一个单元格的上限），已截断。")
    if book.uncomputed:
        table.warnings.append(
            f"有 {book.uncomputed} 个单元格是公式，但文件里没有保存公式的计算结果（不计算公式的程序生成或导出的文件常这样），"
            f"这些单元格显示为“{UNCOMPUTED_TEXT}”。请在 Excel 或 WPS 中打开这个文件，保存一次后再上传。")


def _read_xlsx(data: bytes, table: Table, is_header: Any) -> None:
    if _fast is not None:
        try:  # a file calamine cannot read (or reads only in part) is read again by xlsxread, which says why
            book = _fast.Workbook(data)
            attempt = Table(limit=table.limit, too_many=table.too_many)
            if _read_book(book, attempt, is_header):
                table.__dict__.update(attempt.__dict__)
                return
        except xlsxread.XlsxError:
            pass
    book = open_book(data, table)
    if book is None:
        return
    try:
        if _read_book(book, table, is_header):
            return
    except xlsxread.XlsxError as exc:
        table.errors.append(exc.said or XLSX_DAMAGED)
        return
    table.errors.append("在任何一个工作表的前 15 行里都没有找到表头（例如“姓名”一列）。请使用网站提供的模板。")


def _read_book(book: Any, table: Table, is_header: Any) -> bool:
    """The first visible sheet with a header, into ``table``; False when no sheet has one."""
    for title, path in book.visible():
        attempt = Table(limit=table.limit, too_many=table.too_many)
        _collect(sheet_rows(book, path, attempt), attempt, is_header)
        if attempt.header:
            table.header, table.rows, table.header_row = attempt.header, attempt.rows, attempt.header_row
            table.hidden = attempt.hidden
            table.sheet = title
            table.errors.extend(attempt.errors)
            table.warnings.extend(attempt.warnings)
            sheet_warnings(book, title, table)
            return True
    return False


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
        if len(table.rows) >= table.limit:
            table.errors.append(table.too_many or f"名单超过 {MAX_ROWS:,} 行（Excel 一个工作表的上限），请分成几个文件。")
            return
        table.rows.append((number, cells))
    if not table.rows and not table.errors:
        table.errors.append(f"找到了表头（第 {table.header_row} 行），但下面没有任何一行数据。请检查是否选对了文件或工作表。")
