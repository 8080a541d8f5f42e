"""The same workbook interface as ``xlsxread.Workbook``, read by calamine (Rust) where it is installed.

The command line runs on CPython with python-calamine pinned, and reads a 323,100-row list about eight times
faster than the standard-library reader (``make bench`` prints both). The browser has no calamine and uses
``xlsxread``. Values come back as ``xlsxread`` gives them, so both readers make the same table: dates as Excel
serial numbers (``xlsxread`` does not read number formats), whole numbers as int, blank rows left out.

calamine lays a sheet out as one block from A1 to its last cell and aborts the process when that block does not
fit in memory (a 1.5 KB file with a cell at column ZZZZZZZ). So nothing reaches it before ``sheet_fits`` has read
the sheet's XML: the package's sizes and ratios (``xlsxread.check_package``), no document type declaration, every
cell addressed plainly within ``MAX_CELLS``, and no formula without its computed value. A sheet that does not pass
raises ``XlsxError`` and is read by ``xlsxread``, whose verdict (often "damaged") is then the browser's own.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import python_calamine as calamine

from . import xlsxread
from .xlsxread import MAX_CELL_CHARS, XlsxError

EPOCH = dt.datetime(1899, 12, 30)
LEAP_BUG = dt.datetime(1900, 3, 1)  # Excel counts a 29 February 1900: calamine's dates before it are a day late


class Workbook:
    def __init__(self, data: bytes):
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            xlsxread.check_package(self.zip)
            self.parts = {name: path for name, path in xlsxread.sheets_of(self.zip)[0]}
            sheets = set(self.parts.values())
            for info in self.zip.infolist():  # the small parts calamine reads on opening: no entity expansion
                if (info.filename.endswith((".xml", ".rels")) and info.filename not in sheets
                        and xlsxread.DTD.search(self.zip.read(info))):
                    raise XlsxError("document type declaration")
            self.book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
            meta = self.book.sheets_metadata
        except Exception as exc:  # noqa: BLE001 - calamine raises its own and Rust panics as several types
            raise XlsxError(str(exc)) from None
        sheets = [m for m in meta if m.typ == calamine.SheetTypeEnum.WorkSheet]
        if not sheets:
            raise XlsxError("no sheets")
        self.sheets = [(m.name, m.name) for m in sheets]
        self.hidden = {m.name for m in sheets if m.visible != calamine.SheetVisibleEnum.Visible}
        self.cut = self.uncomputed = 0  # a sheet with uncomputed formulas is left to xlsxread, which counts them

    def visible(self) -> list[tuple[str, str]]:
        shown = [s for s in self.sheets if s[1] not in self.hidden]
        return shown or list(self.sheets)

    def rows(self, path: str) -> Iterator[tuple[int, list[Any]]]:
        part = self.parts.get(path)
        if part is None or not sheet_fits(self.zip, part):
            raise XlsxError("left to the standard reader")
        try:  # from A1, so that row numbers and column positions are the file's own
            values = self.book.get_sheet_by_name(path).to_python(skip_empty_area=False)
        except Exception as exc:  # noqa: BLE001
            raise XlsxError(str(exc)) from None
        for number, raw in enumerate(values, start=1):
            row = [self._value(v) for v in raw]
            while row and row[-1] is None:
                row.pop()
            if row:
                yield number, row

    def _value(self, v: Any) -> Any:
        if v == "" or v is None:
            return None
        if isinstance(v, str):
            if len(v) > MAX_CELL_CHARS:
                self.cut += 1
                return v[:MAX_CELL_CHARS]
            return v
        if isinstance(v, bool):
            return v
        if isinstance(v, float):
            return int(v) if v.is_integer() and abs(v) < 2**53 else v
        if isinstance(v, dt.datetime):
            return _serial(_since_epoch(v))
        if isinstance(v, dt.date):
            return _since_epoch(dt.datetime(v.year, v.month, v.day)).days
        if isinstance(v, dt.time):
            return _serial(dt.timedelta(hours=v.hour, minutes=v.minute, seconds=v.second, microseconds=v.microsecond))
        if isinstance(v, dt.timedelta):
            return _serial(v)
        return v


# ---- the guard: what a sheet's XML must be before calamine lays it out

MAX_CELLS = xlsxread.MAX_ROW * 32  # rows × columns from A1 (a whole sheet A–AF, about 1 GB in calamine)
CHUNK, OVERLAP = 8 << 20, 1024
PREFIXED = re.compile(rb":(?:c|row)[\s/>]")  # calamine reads <x:c> as a cell: such a file is left to xlsxread
ODD_CELL = re.compile(rb'<c(?! r="[A-Z][0-9]{1,6}")[\s/>]')  # fast path: columns A–Z, rows below 1,000,000
ODD_ROW = re.compile(rb'<row(?! r="[0-9]{1,6}")[\s/>]')
BAD_CELL = re.compile(rb'<c(?! r="[A-Z]{1,3}[0-9]{1,7}")[\s/>]')  # no plain address at all
BAD_ROW = re.compile(rb'<row(?! r="[0-9]{1,7}")[\s/>]')
COLUMNS = re.compile(rb'<c r="([A-Z]{2,3})[0-9]')
CELL_ROWS = re.compile(rb'<c r="[A-Z]{1,3}([0-9]+)"')
ROW_ROWS = re.compile(rb'<row r="([0-9]{7})"')
UNCOMPUTED = (re.compile(rb"</f>\s{0,64}(?:</c>|<v\s{0,64}/>|<v>\s{0,64}</v>)"),
              re.compile(rb"<f\b[^>]{0,256}/>\s{0,64}(?:</c>|<v\s{0,64}/>|<v>\s{0,64}</v>)"))


class _Extent:
    """The last row and column a sheet's cells reach, from the chunks of its XML."""

    def __init__(self) -> None:
        self.rows = self.cols = 0

    def chunk(self, buf: bytes, final: bool) -> bool:
        """False when this part of the sheet is not for calamine; matches in the overlap wait for the next chunk."""
        edge = len(buf) if final else len(buf) - OVERLAP

        def found(pattern: re.Pattern[bytes]) -> bool:
            m = pattern.search(buf)
            return m is not None and m.start() < edge

        if xlsxread.DTD.search(buf) or found(PREFIXED):
            return False
        if b"<f" in buf and any(found(p) for p in UNCOMPUTED):
            return False
        if not found(ODD_CELL) and not found(ODD_ROW):
            if buf.find(b"<c ", 0, edge) >= 0:
                self.rows, self.cols = max(self.rows, 999_999), max(self.cols, 26)
            return True
        if found(BAD_CELL) or found(BAD_ROW):
            return False
        cols = set(COLUMNS.findall(buf))
        self.cols = max(self.cols, max(map(_column, cols), default=26))
        rows = set(CELL_ROWS.findall(buf)) | set(ROW_ROWS.findall(buf))
        self.rows = max(self.rows, max(map(int, rows), default=0))
        return True

    def fits(self) -> bool:
        return self.rows <= xlsxread.MAX_ROW and self.cols <= xlsxread.MAX_COL and self.rows * self.cols <= MAX_CELLS


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def sheet_fits(zf: zipfile.ZipFile, part: str) -> bool:
    """Whether calamine may read this sheet: read in chunks, never whole (check_package bounds its size)."""
    extent = _Extent()
    try:
        with zf.open(part) as fh:
            tail = b""
            while True:
                chunk = fh.read(CHUNK)
                buf = tail + chunk
                if not extent.chunk(buf, final=not chunk):
                    return False
                if not chunk:
                    return extent.fits()
                tail = buf[-OVERLAP:]
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        return False


def _since_epoch(v: dt.datetime) -> dt.timedelta:
    if v >= LEAP_BUG:
        return v - EPOCH
    if v.date() == dt.date(1900, 2, 28):  # serial 59 or the 29th (60): only xlsxread can tell
        raise XlsxError("ambiguous date")
    return v - EPOCH - dt.timedelta(days=1)


def _serial(delta: dt.timedelta) -> int | float:
    days = delta.days + (delta.seconds + delta.microseconds / 1_000_000) / 86400
    return int(days) if days.is_integer() else days
