"""The command line's calamine reader and the browser's standard-library reader make the same table.

Both readers get the same workbooks, written the way Excel and WPS write them (openpyxl), with what a staff list
may hold: dates and times, rich text with phonetic guides, booleans, formulas with cached values, a hidden first
sheet, a title above the header, blank rows, a cell over Excel's limit. The tables, and the batch answers, must be
identical; a file calamine cannot open must fall back to the standard reader and its messages.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from tests import adversarial
from tisheng import batch
from tisheng.io import tabular, xlsxfast

HEADER = ["姓名", "学校", "学科", "线上学时", "实践学时"]


def _is_header(cells: list[str]) -> bool:
    return "姓名" in cells


def _book(build) -> bytes:
    wb = openpyxl.Workbook()
    build(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _roster(wb: openpyxl.Workbook) -> None:
    rng = random.Random(7)
    ws = wb.active
    ws.title = "教师名单"
    ws.append(HEADER)
    for i in range(300):
        ws.append([f"教师{i:03d}", f"第{i % 5 + 1}小学", "语文", rng.randint(0, 40), rng.choice([12.5, 30, "25", None])])


def _awkward(wb: openpyxl.Workbook) -> None:
    old = wb.active
    old.title = "旧名单"
    old.append(HEADER)
    old.append(["旧老师", "一小", "语文", 1, 1])
    old.sheet_state = "hidden"
    ws = wb.create_sheet("名单")
    ws["B2"] = "某某县2024年教师学时汇总"
    ws.append([])
    ws.append([None, *HEADER, "日期", "时间", "是否完成"])
    ws.append([None, "王老师", "一小", "数学", 25, 25, dt.date(2024, 3, 1), dt.time(8, 30), True])
    ws.append([None, CellRichText(TextBlock(InlineFont(b=True), "李"), "老师"), "一小", "英语", 1e20, -0.1,
               dt.datetime(2024, 3, 1, 12, 0, 30), None, False])
    ws.append([])
    ws.append([None, "赵老师", "一小", "科学", "=1+1", "  30\u200b ", "2024-03-01", None, None])
    ws.append([None, "钱老师", "一小", "音乐", 0, 3.14159265358979, None, None, "是"])
    ws.append([None, "长" * 40_000, "一小", "美术", 10, 10])


def _patched(data: bytes, member: str, old: str, new: str) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == member:
                assert old.encode() in body
                body = body.replace(old.encode(), new.encode())
            dst.writestr(item, body)
    return out.getvalue()


def _phonetic() -> bytes:
    """A shared string with a phonetic guide (<rPh>): the guide is not part of the value."""
    return _patched(_book(_roster), "xl/sharedStrings.xml", "<t>教师000</t>",
                    '<r><t>教师</t></r><r><t>000</t></r><rPh sb="0" eb="2"><t>jiaoshi</t></rPh>')


def _too_long() -> bytes:
    """A cell longer than Excel allows (openpyxl itself stops at 32,767, so the file is patched)."""
    return _patched(_book(_awkward), "xl/worksheets/sheet2.xml", "长" * 32_767, "长" * 40_000)


BOOKS = {
    "roster": lambda: _book(_roster),
    "awkward": lambda: _book(_awkward),
    "phonetic": _phonetic,
    "too-long": _too_long,
}


def _both(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[tabular.Table, tabular.Table]:
    opened: list[bool] = []
    real = xlsxfast.Workbook

    class Counting(real):  # type: ignore[misc, valid-type]
        def __init__(self, body: bytes):
            super().__init__(body)
            opened.append(True)

    with monkeypatch.context() as m:
        m.setattr(xlsxfast, "Workbook", Counting)
        fast = tabular.read(data, "名单.xlsx", _is_header)
    assert opened, "calamine did not read the file"
    with monkeypatch.context() as m:
        m.setattr(tabular, "_fast", None)
        slow = tabular.read(data, "名单.xlsx", _is_header)
    return fast, slow


@pytest.mark.parametrize("name", sorted(BOOKS))
def test_the_two_readers_make_the_same_table(name, monkeypatch):
    fast, slow = _both(BOOKS[name](), monkeypatch)
    assert slow.header and not slow.errors, slow.errors
    assert fast.__dict__ == slow.__dict__


def test_awkward_values_read_as_the_standard_reader_reads_them(monkeypatch):
    fast, _ = _both(_too_long(), monkeypatch)
    assert fast.sheet == "名单" and fast.header_row == 4
    rows = dict((cells[1], cells) for _, cells in fast.rows)
    assert rows["王老师"][6:9] == ["45352", repr(8.5 / 24), "是"]  # a date is its serial number, as xlsxread gives it
    assert rows["李老师"][4:6] == ["100000000000000000000", "-0.1"]
    assert len(rows["长" * tabular.MAX_CELL_CHARS]) == 6
    assert any("超过" in w for w in fast.warnings)


def _grades(wb: openpyxl.Workbook) -> None:
    """100 teachers by xx-school's four parts: 学校集中培训 i (15%) and 80 in the other three, i.e. 68 + 0.15 i."""
    ws = wb.active
    ws.append(["姓名", "学校", "学科", "学校集中培训", "线上自主学习", "校本研修活动", "成果打磨展示"])
    for i in range(100):
        ws.append([f"教师{i:03d}", "一小", "语文", i, "80", 80.0, 80])


def _roster_answer() -> dict:
    """_roster's summary by national-2019's rules: 50 学时 in all, 实践应用 at least 50% of those 50 (25 学时, as the
    profile reads it); a teacher without 实践学时 is a problem row."""
    rng = random.Random(7)
    rows = [(rng.randint(0, 40), rng.choice([12.5, 30, "25", None])) for _ in range(300)]  # as _roster draws them
    given = [(online, float(practice)) for online, practice in rows if practice is not None]
    passed = sum(1 for online, practice in given if online + practice >= 50 and practice >= 25)
    return {"checked": len(given), "pass": passed, "fail": len(given) - passed, "bad": 300 - len(given),
            "pass_rate": round(passed / len(given), 4)}


@pytest.mark.parametrize(("tool", "build"), [("hours", _roster), ("grade", _roster), ("grade", _grades)])
def test_batch_answers_are_identical(tool, build, monkeypatch):
    data = _book(build)
    fast = batch.run(tool, "national-2019" if tool == "hours" else "xx-school-2022", data, "名单.xlsx")
    with monkeypatch.context() as m:
        m.setattr(tabular, "_fast", None)
        slow = batch.run(tool, "national-2019" if tool == "hours" else "xx-school-2022", data, "名单.xlsx")
    assert fast == slow
    if build is _roster and tool == "hours":
        assert fast["summary"] == _roster_answer()
    elif build is _roster:  # an hours list has none of the grade's four parts
        assert [e["message"].split("。")[0] for e in fast["errors"]] == [
            "表头缺少这些列：学校集中培训、线上自主学习、校本研修活动、成果打磨展示"]
    else:  # 68 + 0.15 i reaches 80 (优秀) at i = 80 and is never below 60
        s = fast["summary"]
        assert (s["checked"], s["excellent"], s["pass_only"], s["fail"], s["bad"]) == (100, 20, 80, 0, 0)
        assert [r[8:10] for r in fast["rows"][79:81]] == [[79.9, "合格"], [80.0, "优秀"]]


@pytest.mark.parametrize("case", [c for c in adversarial.cases() if c.filename.endswith(".xlsx")], ids=lambda c: c.id)
def test_a_file_calamine_refuses_gets_the_standard_readers_answer(case, monkeypatch):
    fast = tabular.read(case.data, case.filename, _is_header)
    with monkeypatch.context() as m:
        m.setattr(tabular, "_fast", None)
        slow = tabular.read(case.data, case.filename, _is_header)
    assert fast.__dict__ == slow.__dict__


def test_formulas_saved_without_values_are_named_in_both_readers(monkeypatch):
    """openpyxl writes "=1+1" with no computed value: both readers read "缺少线上学时" for it; now the cell and a
    warning say that the file was saved without computing its formulas, and what to do."""
    fast, slow = _both(_book(_awkward), monkeypatch)
    assert fast.__dict__ == slow.__dict__
    rows = {cells[1]: cells for _, cells in fast.rows}
    assert rows["赵老师"][4] == tabular.UNCOMPUTED_TEXT == "（公式，无计算结果）"
    assert any("有 1 个单元格是公式，但文件里没有保存公式的计算结果" in w and "Excel 或 WPS" in w for w in fast.warnings)
    result = batch.run("hours", "national-2019", _book(_awkward), "名单.xlsx")
    bad = next(b for b in result["bad_rows"] if b["name"] == "赵老师")
    assert bad["problems"] == ["线上学时“（公式，无计算结果）”不是数字"]


def test_formulas_with_their_values_are_read_by_calamine(monkeypatch):
    data = _patched(_book(_awkward), "xl/worksheets/sheet2.xml", "<f>1+1</f><v /></c>", "<f>1+1</f><v>2</v></c>")
    fast, slow = _both(data, monkeypatch)
    assert fast.__dict__ == slow.__dict__
    assert not [w for w in fast.warnings if "公式" in w]
    assert {cells[1]: cells for _, cells in fast.rows}["赵老师"][4] == "2"
    book = xlsxfast.Workbook(data)
    assert xlsxfast.sheet_fits(book.zip, "xl/worksheets/sheet2.xml")  # calamine itself read it


@pytest.mark.parametrize("sheet, fits", [
    ('<row r="1"><c r="A1"><v>1</v></c></row>', True),
    ('<row r="1"><c r="AF1048576"><v>1</v></c></row>', True),  # a whole sheet A–AF: the most calamine is given
    ('<row r="1"><c r="AG1048576"><v>1</v></c></row>', False),
    ('<row r="1"><c r="XFD1"><v>1</v></c></row><row r="2000"><c r="A2000"><v>1</v></c></row>', True),
    ('<row r="1"><c r="XFD1"><v>1</v></c></row><row r="3000"><c r="A3000"><v>1</v></c></row>', False),
    ('<row r="1"><c r="A1048577"><v>1</v></c></row>', False),
    ('<row r="1"><c><v>1</v></c></row>', False),  # no address: left to the standard reader
    ('<row r="1"><c r="a1"><v>1</v></c></row>', False),
    ('<row r="1"><c  r="A1"><v>1</v></c></row>', False),
    ('<row r="1"><x:c r="A1"><v>1</v></x:c></row>', False),
    ('<row><c r="A1"><v>1</v></c></row>', False),
])
def test_what_calamine_is_given(sheet, fits):
    xml = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           + sheet + "</sheetData></worksheet>")
    book = xlsxfast.Workbook(adversarial.xlsx([("名单", xml, None)]))
    assert xlsxfast.sheet_fits(book.zip, "xl/worksheets/sheet1.xml") is fits


def test_the_guard_reads_a_sheet_in_chunks(monkeypatch):
    """A cell address cut by a chunk's end is read whole from the next chunk, never taken as odd."""
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c><c r="B{i}" t="inlineStr"><is><t>x</t></is></c></row>'
                   for i in range(1, 3000))
    xml = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           + rows + "</sheetData></worksheet>")
    book = xlsxfast.Workbook(adversarial.xlsx([("名单", xml, None)]))
    for size in (1500, 1501, 1777, 4096):
        monkeypatch.setattr(xlsxfast, "CHUNK", size)
        assert xlsxfast.sheet_fits(book.zip, "xl/worksheets/sheet1.xml"), size
    bad = xml.replace('<c r="A2500">', '<c r="AAAA2500">')
    book = xlsxfast.Workbook(adversarial.xlsx([("名单", bad, None)]))
    monkeypatch.setattr(xlsxfast, "CHUNK", 1500)
    assert not xlsxfast.sheet_fits(book.zip, "xl/worksheets/sheet1.xml")
