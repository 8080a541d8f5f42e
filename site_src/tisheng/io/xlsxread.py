"""Read the cell values of an .xlsx workbook with the standard library (zipfile + ElementTree).

Staff lists need values only (no styles, formulas or charts), so this reads the shared strings once and streams
each sheet's rows. In the browser it is several times faster than openpyxl and needs no extra download.
Numbers come back as Python numbers, text as str, booleans as bool; dates stay Excel serial numbers unless the
cell is stored as text (staff lists hold names and hours, not dates).

Hidden sheets are listed in ``hidden`` (readers skip them); a text longer than Excel's own cell limit is cut to it
(``cut`` counts such cells), and a row or column reference past Excel's grid is a damaged file, not a huge row.
A part that inflates past ``MAX_PART_BYTES`` or ``MAX_RATIO`` times its packed size (a zip bomb) and an XML part
with a document type declaration (entity expansion: Excel writes none) are damaged files too, refused before they
are inflated or parsed. A formula cell saved without its computed value reads as ``UNCOMPUTED`` (``uncomputed``
counts them): a program that writes formulas without computing them leaves such cells, not an empty one.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree as ET

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships"


MAX_CELL_CHARS = 32_767  # Excel's own limit on the text of one cell
MAX_ROW = 1_048_576
MAX_COL = 16_384  # column XFD
MAX_PART_BYTES = 1024 * 1024 * 1024  # one part of the package, inflated (a full sheet of a 1,048,576-row list is less)
MAX_RATIO = 100  # Excel's and WPS's sheets pack 6 to 15 times; a zip bomb over a thousand
RATIO_FROM = 64 * 1024 * 1024  # smaller parts may pack as tightly as they like (one 10-million-character cell: 30 MB)
DTD = re.compile(rb"<!(?i:doctype|entity)")

DAMAGED = "这个 Excel 文件的内容已损坏，无法读完。请在 Excel/WPS 中打开并重新另存为 .xlsx。"


class XlsxError(ValueError):
    """``said``: the Chinese sentence for the user when the reader knows more than "cannot be opened"."""

    def __init__(self, reason: str, said: str | None = None):
        super().__init__(reason)
        self.said = said


class Uncomputed:
    """A formula cell whose file holds no computed value."""

    def __repr__(self) -> str:
        return "UNCOMPUTED"


UNCOMPUTED = Uncomputed()


def check_package(zf: zipfile.ZipFile) -> None:
    """Refuse a part that would inflate past the limits before anything reads it (the sizes are the zip's own:
    ``zipfile`` never inflates past a part's stated size)."""
    for info in zf.infolist():
        size, packed = info.file_size, max(1, info.compress_size)
        if size > MAX_PART_BYTES or (size > RATIO_FROM and size > MAX_RATIO * packed):
            raise XlsxError("part too large", "这个 Excel 文件的内容已损坏：其中一部分压缩时只有 "
                            f"{_mb(packed)}，解压后却有 {_mb(size)}，Excel 和 WPS 不会这样保存。"
                            "请在 Excel/WPS 中打开并重新另存为 .xlsx。")


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.1f} MB" if n >= 102_400 else f"{n / 1024:,.1f} KB"


def xml(raw: bytes) -> ET.Element:
    """A part's XML, refused when it declares a document type (what entity expansion needs)."""
    if DTD.search(raw):
        raise XlsxError("document type declaration", DAMAGED)
    return ET.fromstring(raw)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _col(ref: str) -> int:
    """'C12' → 2 (zero-based column); XlsxError past column XFD."""
    n = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            n = n * 26 + ord(ch) - 64
        elif "a" <= ch <= "z":
            n = n * 26 + ord(ch) - 96
        else:
            break
        if n > MAX_COL:
            raise XlsxError("column out of range")
    return n - 1


class Workbook:
    def __init__(self, data: bytes):
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            check_package(self.zip)
            self.cut = self.uncomputed = 0
            self.sheets, self.hidden = sheets_of(self.zip)
            self.strings = self._shared_strings()
        except XlsxError:
            raise
        except (zipfile.BadZipFile, KeyError, ET.ParseError, OSError, EOFError, ValueError) as exc:
            raise XlsxError(str(exc)) from None

    def _shared_strings(self) -> list[str]:
        try:
            raw = self.zip.read("xl/sharedStrings.xml")
        except KeyError:
            return []
        strings = []
        for si in xml(raw):
            # plain <t>, or rich-text runs <r><t>; phonetic guides (<rPh>) are not part of the value
            strings.append(self._cap("".join(t.text or "" for t in si.iter()
                                             if _local(t.tag) == "t" and not _in_rph(si, t))))
        return strings

    def _cap(self, text: str) -> str:
        if len(text) > MAX_CELL_CHARS:
            self.cut += 1
            return text[:MAX_CELL_CHARS]
        return text

    def visible(self) -> list[tuple[str, str]]:
        """The sheets a user sees in Excel, in order (all of them if a damaged book hides every one)."""
        shown = [s for s in self.sheets if s[1] not in self.hidden]
        return shown or list(self.sheets)

    def rows(self, path: str) -> Iterator[tuple[int, list[Any]]]:
        """(row number, values) for each row that has a cell; missing cells are None."""
        try:
            root = xml(self.zip.read(path))  # one C-speed parse; check_package bounds the size
        except (zipfile.BadZipFile, KeyError, ET.ParseError, OSError, EOFError) as exc:
            raise XlsxError(str(exc)) from None
        ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
        v_tag, is_tag, t_tag, f_tag = ns + "v", ns + "is", ns + "t", ns + "f"
        strings = self.strings
        columns: dict[str, int] = {}
        data = root.find(ns + "sheetData")
        if data is None:
            return
        number = 0
        for row_el in data:
            r = row_el.get("r")
            if r is None:
                number += 1
            elif r.isdigit() and 0 < len(r) <= 7 and int(r) <= MAX_ROW:
                number = int(r)
            else:
                raise XlsxError("bad row number")
            row: list[Any] = []
            for c in row_el:
                ref = c.get("r")
                if ref:
                    letters = ref.rstrip("0123456789")
                    at = columns.get(letters)
                    if at is None:
                        at = columns[letters] = _col(letters)
                    if at > len(row):
                        row.extend([None] * (at - len(row)))
                kind = c.get("t")
                v = c.find(v_tag)
                if (v is None or v.text is None) and kind not in ("str", "inlineStr") and c.find(f_tag) is not None:
                    self.uncomputed += 1
                    row.append(UNCOMPUTED)
                elif v is not None:
                    text = v.text
                    if kind == "s":
                        try:
                            row.append(strings[int(text or "")])
                        except (ValueError, IndexError):
                            row.append(None)
                    elif kind is None or kind == "n":
                        row.append(_number(text))
                    elif kind == "b":
                        row.append(text == "1")
                    else:  # str (formula result), e (error), d (ISO date)
                        row.append(self._cap(text) if text else text)
                elif kind == "inlineStr":
                    inline = c.find(is_tag)
                    row.append(self._cap("".join(t.text or "" for t in inline.iter(t_tag))) if inline is not None else None)
                else:
                    row.append(None)
            yield number, row


def sheets_of(zf: zipfile.ZipFile) -> tuple[list[tuple[str, str]], set[str]]:
    """(title, path in the zip) of each sheet in workbook order, and the paths of the hidden ones."""
    book = xml(zf.read("xl/workbook.xml"))
    rels = xml(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    out, hidden = [], set()
    for el in book.iter():
        if _local(el.tag) != "sheet":
            continue
        rid = el.get(f"{{{REL_NS}}}id") or el.get(f"{{{STRICT_REL_NS}}}id")
        target = targets.get(rid, "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        out.append((el.get("name", ""), path))
        if el.get("state") in ("hidden", "veryHidden"):
            hidden.add(path)
    if not out:
        raise XlsxError("no sheets")
    return out, hidden


def _number(text: str | None) -> Any:
    if not text:
        return None
    if len(text) > 64:  # no number Excel writes is this long; float() of 7,000 digits is slow and meaningless
        return text[:MAX_CELL_CHARS]
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _in_rph(si: ET.Element, t: ET.Element) -> bool:
    return any(_local(r.tag) == "rPh" and t in list(r.iter()) for r in si)
