"""Read the cell values of an .xlsx workbook with the standard library (zipfile + ElementTree).

Staff lists need values only (no styles, formulas or charts), so this reads the shared strings once and streams
each sheet's rows. In the browser it is several times faster than openpyxl and needs no extra download.
Numbers come back as Python numbers, text as str, booleans as bool; dates stay Excel serial numbers unless the
cell is stored as text (staff lists hold names and hours, not dates).

Hidden sheets are listed in ``hidden`` (readers skip them); a text longer than Excel's own cell limit is cut to it
(``cut`` counts such cells), and a row or column reference past Excel's grid is a damaged file, not a huge row.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree as ET

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships"


MAX_CELL_CHARS = 32_767  # Excel's own limit on the text of one cell
MAX_ROW = 1_048_576
MAX_COL = 16_384  # column XFD


class XlsxError(ValueError):
    pass


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
            self.hidden: set[str] = set()
            self.cut = 0
            self.sheets = self._sheets()
            self.strings = self._shared_strings()
        except (zipfile.BadZipFile, KeyError, ET.ParseError, OSError, EOFError, ValueError) as exc:
            raise XlsxError(str(exc)) from None

    def _sheets(self) -> list[tuple[str, str]]:
        """(title, path in the zip) in workbook order."""
        book = ET.fromstring(self.zip.read("xl/workbook.xml"))
        rels = ET.fromstring(self.zip.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target", "") for r in rels}
        out = []
        for el in book.iter():
            if _local(el.tag) != "sheet":
                continue
            rid = el.get(f"{{{REL_NS}}}id") or el.get(f"{{{STRICT_REL_NS}}}id")
            target = targets.get(rid, "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            out.append((el.get("name", ""), path))
            if el.get("state") in ("hidden", "veryHidden"):
                self.hidden.add(path)
        if not out:
            raise XlsxError("no sheets")
        return out

    def _shared_strings(self) -> list[str]:
        try:
            raw = self.zip.read("xl/sharedStrings.xml")
        except KeyError:
            return []
        strings = []
        for si in ET.fromstring(raw):
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
            root = ET.fromstring(self.zip.read(path))  # one C-speed parse; a 50 MB upload limit bounds the size
        except (zipfile.BadZipFile, KeyError, ET.ParseError, OSError, EOFError) as exc:
            raise XlsxError(str(exc)) from None
        ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
        v_tag, is_tag, t_tag = ns + "v", ns + "is", ns + "t"
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
                if v is not None:
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
