"""Adversarial uploads, kept: every kind of bad (and awkward but valid) file that a review tried, made on demand.

Each case says what every reader must answer for it: the CLI, the engine the browser runs, and the pages
(tests/test_adversarial.py, tests/e2e/test_adversarial_page.py). ``expect`` is either ``("error", fragment)``, the
file is refused with a Chinese message containing ``fragment``, or ``(status, checked, bad)`` with a verdict.
"""

from __future__ import annotations

import functools
import io
import json
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

from tisheng.io.tabular import MAX_ROWS

HEADER = "姓名,学校,线上学时,实践学时"
GOOD_ROWS = ["王老师,一小,25,25", "李老师,一小,30,20"]
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
BOOK_TYPE = XLSX_MIME + ".main+xml"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


@dataclass(frozen=True)
class Case:
    id: str
    tool: str  # hours | grade | catalog (uploaded lists) | profile (a user's own document) | clip (a video)
    filename: str
    data: bytes
    expect: tuple
    browser: bool = True  # also uploaded in the browser (a few big ones only go through the engine and the CLI)
    why: str = ""


def csv(*lines: str, encoding: str = "utf-8") -> bytes:
    return ("\n".join(lines) + "\n").encode(encoding)


def _cell(ref: str, value: object, style: int | None = None) -> str:
    s = f' s="{style}"' if style is not None else ""
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"{s}><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"{s}><is><t>{escape(str(value))}</t></is></c>'


def sheet_xml(rows: list[list[object]], row_refs: list[str] | None = None, col_letters: str = "ABCDEFGH") -> str:
    out = []
    for i, row in enumerate(rows, start=1):
        r = row_refs[i - 1] if row_refs else str(i)
        cells = "".join(_cell(f"{col_letters[j]}{r}", v) for j, v in enumerate(row) if v is not None)
        out.append(f'<row r="{r}">{cells}</row>')
    return ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + "".join(out) + "</sheetData></worksheet>")


def xlsx(sheets: list[tuple[str, str, str | None]], shared: list[str] | None = None, styles: str | None = None) -> bytes:
    """A workbook from raw sheet XML: [(name, xml, state)], state None, "hidden" or "veryHidden"."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        # A whole package, as Excel writes one (calamine, the command line's reader, opens nothing less)
        parts = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{SHEET_TYPE}"/>'
                        for i in range(1, len(sheets) + 1))
        z.writestr("[Content_Types].xml",
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   f'<Override PartName="/xl/workbook.xml" ContentType="{BOOK_TYPE}"/>{parts}</Types>')
        z.writestr("_rels/.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        entries = "".join(
            f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"' + (f' state="{state}"' if state else "") + "/>"
            for i, (name, _, state) in enumerate(sheets, start=1))
        z.writestr("xl/workbook.xml",
                   '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                   f"<sheets>{entries}</sheets></workbook>")
        rels = "".join(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                       for i in range(1, len(sheets) + 1))
        z.writestr("xl/_rels/workbook.xml.rels",
                   f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}'
                   "</Relationships>")
        for i, (_, xml, _) in enumerate(sheets, start=1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", xml)
        if shared is not None:
            items = "".join(f"<si><t>{escape(s)}</t></si>" for s in shared)
            z.writestr("xl/sharedStrings.xml",
                       f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{items}</sst>')
        if styles:
            z.writestr("xl/styles.xml", styles)
    return buf.getvalue()


STAFF = [["姓名", "学校", "线上学时", "实践学时"], ["王老师", "一小", 25, 25], ["李老师", "一小", 30, 20]]
DATE_STYLES = ('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2">'
               '<xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>')
LONG = 10_000_000  # characters in one shared string (Excel itself stops at 32,767)


@functools.cache
def zip_bomb() -> bytes:
    """100 KB that inflate to 100 MB: the list, then blanks no Excel writes."""
    return xlsx([("名单", sheet_xml(STAFF).replace("</sheetData>", " " * (100 << 20) + "</sheetData>"), None)])


def entity_bomb() -> bytes:
    """Nine nested entities make the page header a billion characters: expat refuses to expand them, and calamine,
    which stops reading at the end of the cells, read the list as good rows."""
    ents = '<!ENTITY e0 "老师老师老师老师老师">' + "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    xml = sheet_xml(STAFF).replace("<worksheet", f"<!DOCTYPE worksheet [{ents}]><worksheet", 1)
    return xlsx([("名单", xml.replace("</sheetData>", "</sheetData><headerFooter><oddHeader>&e9;</oddHeader>"
                                                    "</headerFooter>"), None)])


def uncomputed() -> bytes:
    """Formulas saved without their values, as a program that does not compute them writes (openpyxl, scripts)."""
    xml = sheet_xml(STAFF).replace('<c r="C2"><v>25</v></c>', '<c r="C2"><f>SUM(10,15)</f></c>')
    return xlsx([("名单", xml.replace('<c r="D2"><v>25</v></c>', '<c r="D2"><f>SUM(10,15)</f><v></v></c>'), None)])


def hours_cases() -> list[Case]:
    good = csv(HEADER, *GOOD_ROWS)
    long_sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                  + '<row r="1">' + "".join(_cell(f"{c}1", v) for c, v in zip("ABCD", STAFF[0])) + "</row>"
                  + '<row r="2"><c r="A2" t="s"><v>0</v></c>' + _cell("B2", "一小") + _cell("C2", 25) + _cell("D2", 25)
                  + "</row></sheetData></worksheet>")
    dated = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + '<row r="1">' + "".join(_cell(f"{c}1", v) for c, v in zip("ABCD", STAFF[0])) + "</row>"
             + '<row r="2">' + _cell("A2", "王老师") + _cell("B2", "一小") + _cell("C2", 25, 1) + _cell("D2", 25, 1)
             + "</row></sheetData></worksheet>")
    return [
        Case("good-csv", "hours", "名单.csv", good, ("fail", 2, 0), why="a plain list: one passes, one is 5 short"),
        Case("good-xlsx", "hours", "名单.xlsx", xlsx([("名单", sheet_xml(STAFF), None)]), ("fail", 2, 0)),
        Case("gbk", "hours", "名单.csv", csv(HEADER, *GOOD_ROWS, encoding="gb18030"), ("fail", 2, 0)),
        Case("utf16-bom", "hours", "名单.csv", csv(HEADER, *GOOD_ROWS, encoding="utf-16"), ("fail", 2, 0)),
        Case("utf16-no-bom", "hours", "名单.csv", csv(HEADER, *GOOD_ROWS, encoding="utf-16-le"), ("fail", 2, 0)),
        Case("tab-separated", "hours", "名单.txt", csv(*(l.replace(",", "\t") for l in (HEADER, *GOOD_ROWS))),
             ("fail", 2, 0)),
        Case("line-break-in-cell", "hours", "名单.csv", csv(HEADER, '"王\n老师",一小,25,25', GOOD_ROWS[1]), ("fail", 2, 0)),
        Case("names-na-none", "hours", "名单.csv", csv(HEADER, "NA,一小,25,25", "None,一小,25,25", "null,一小,25,25"),
             ("pass", 3, 0), why="pandas read these names as missing"),
        Case("nul-byte", "hours", "名单.csv", csv(HEADER, "王老\x00师,一小,25,25", GOOD_ROWS[1]), ("fail", 2, 0),
             why="one stray NUL used to reject the whole file"),
        Case("zero-width-space", "hours", "名单.csv", csv(HEADER, "王老师,一小,25\u200b,25", GOOD_ROWS[1]), ("fail", 2, 0),
             why="dropped without a word; now a warning counts them"),
        Case("right-to-left-override", "hours", "名单.csv", csv(HEADER, "王老师\u202e,一小,25,25", "李老师,一小,3\u202e0,20"),
             ("fail", 1, 1), why="U+202E was echoed into messages, turning the rest of the line around"),
        Case("underscore-number", "hours", "名单.csv", csv(HEADER, "王老师,一小,2_5,25", GOOD_ROWS[1]), ("fail", 1, 1),
             why="Python's float() reads 2_5 as 25"),
        Case("seven-thousand-digits", "hours", "名单.csv", csv(HEADER, "王老师,一小," + "9" * 7000 + ",25", GOOD_ROWS[1]),
             ("fail", 1, 1)),
        Case("bad-values-kept-good-rows", "hours", "名单.csv",
             csv(HEADER, "王老师,一小,25,25", ",一小,25,25", "钱老师,一小,二十五,25", "孙老师,一小,25,-1"), ("fail", 1, 3)),
        Case("header-only", "hours", "名单.csv", csv(HEADER), ("error", "没有任何一行数据"),
             why="used to say 有教师未达标 with 0 people"),
        Case("unbalanced-quote", "hours", "名单.csv", csv(HEADER, GOOD_ROWS[0], '"李老师,一小,30,20', "赵老师,一小,25,25"),
             ("error", "第 3 行有一个英文双引号"), why="the quote swallowed the rest of the file into one name"),
        Case("no-header", "hours", "名单.csv", csv("a,b,c", "1,2,3"), ("error", "没有找到表头")),
        Case("missing-column", "hours", "名单.csv", csv("姓名,学校,线上学时", "王老师,一小,25"), ("error", "表头缺少")),
        Case("empty", "hours", "名单.csv", b"", ("error", "文件是空的")),
        Case("binary", "hours", "名单.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, ("error", "无法识别")),
        Case("old-xls", "hours", "名单.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, ("error", ".xls")),
        Case("renamed-csv", "hours", "名单.xlsx", good, ("error", "无法作为 Excel 打开"),
             why="the CLI (pandas) used to take it while the browser refused"),
        Case("row-r-abc", "hours", "名单.xlsx", xlsx([("名单", sheet_xml(STAFF, row_refs=["1", "abc", "3"]), None)]),
             ("error", "已损坏"), why="used to be a ValueError traceback"),
        Case("column-zzzzzzz", "hours", "名单.xlsx",
             xlsx([("名单", sheet_xml(STAFF).replace('r="D2"', 'r="ZZZZZZZ2"'), None)]),
             ("error", "已损坏"), why="an OverflowError traceback; then calamine aborted the CLI (exit 134)"),
        Case("hidden-first-sheet", "hours", "名单.xlsx",
             xlsx([("旧名单", sheet_xml([STAFF[0], ["旧老师", "一小", 1, 1]]), "hidden"),
                   ("名单", sheet_xml(STAFF), None)]), ("fail", 2, 0), why="the hidden old list used to be read"),
        Case("date-formatted-hours", "hours", "名单.xlsx",
             xlsx([("名单", dated, None)], styles=DATE_STYLES), ("pass", 1, 0),
             why="pandas showed 1900-01-25 00:00:00 不是数字"),
        Case("over-the-row-limit", "hours", "名单.csv", csv(HEADER, *(["王老师,一小,25,25"] * (MAX_ROWS + 1))),
             ("error", f"超过 {MAX_ROWS:,} 行"), browser=False, why="the CLI took lists the browser refused"),
        Case("over-50-mb", "hours", "名单.csv", HEADER.encode() + b"\n" + b"a" * (50 * 1024 * 1024), ("error", "超过 50 MB"),
             browser=False, why="the CLI took files the browser refused"),
        Case("ten-million-char-cell", "hours", "名单.xlsx", xlsx([("名单", long_sheet, None)], shared=["名" * LONG]),
             ("pass", 1, 0), why="12 KB on disk; laying the cell out froze the tab for 142 s"),
    ]


def crafted_workbook_cases() -> list[Case]:
    """Small workbooks made to exhaust a reader: the CLI's calamine aborted or read them as good rows."""
    return [
        Case("row-30-million", "hours", "名单.xlsx", xlsx([("名单", sheet_xml(STAFF, row_refs=["1", "2", "30000000"]), None)]),
             ("error", "已损坏"), why="1.5 KB: calamine laid out 30 million rows until the CLI ran out of memory"),
        Case("far-corner", "hours", "名单.xlsx",
             xlsx([("名单", sheet_xml(STAFF).replace("</sheetData>", '<row r="1048576"><c r="XFD1048576"><v>1</v></c>'
                                                     "</row></sheetData>"), None)]), ("fail", 2, 1),
             why="within Excel's grid, but calamine would lay out 17 billion cells: read by the standard reader"),
        Case("zip-bomb", "hours", "名单.xlsx", zip_bomb(), ("error", "解压后却有 100.0 MB"),
             why="the CLI read it as good rows where the browser called it damaged"),
        Case("entity-bomb", "hours", "名单.xlsx", entity_bomb(), ("error", "已损坏"),
             why="the CLI read it as good rows where the browser called it damaged"),
        Case("formula-without-value", "hours", "名单.xlsx", uncomputed(), ("fail", 1, 1),
             why="read as 缺少线上学时; now the cell and a warning say the file was saved without computed values"),
    ]


def grade_cases() -> list[Case]:
    rows = [["姓名", "学校", "学校集中培训", "线上自主学习", "校本研修活动", "成果打磨展示"],
            ["王老师", "一小", 90, 85, 80, 88], ["李老师", "一小", 60, 50, 40, 30]]
    return [
        Case("grade-good", "grade", "成绩.xlsx", xlsx([("成绩", sheet_xml(rows), None)]), ("fail", 2, 0)),
        Case("grade-row-r-abc", "grade", "成绩.xlsx", xlsx([("成绩", sheet_xml(rows, row_refs=["1", "2", "x3"]), None)]),
             ("error", "已损坏")),
        Case("grade-column-zzzzzzz", "grade", "成绩.xlsx",
             xlsx([("成绩", sheet_xml(rows).replace('r="F3"', 'r="ZZZZZZZ3"'), None)]), ("error", "已损坏")),
        Case("grade-row-30-million", "grade", "成绩.xlsx",
             xlsx([("成绩", sheet_xml(rows, row_refs=["1", "2", "30000000"]), None)]), ("error", "已损坏")),
    ]


def catalog_cases() -> list[Case]:
    head = "编号,名称,环境,维度"
    wide = "".join(f'<row r="{i}">' + _cell(f"XFD{i}", "x") + "</row>" for i in range(2, 70))
    return [
        Case("catalog-good", "catalog", "目录.csv", csv(head, "1-1,技术支持的学情分析,多媒体,学情分析"), ("ok", 1, 0)),
        Case("catalog-blank-dimension", "catalog", "目录.xlsx",
             xlsx([("目录", sheet_xml([["编号", "名称", "环境", "维度"], ["1-1", "学情分析", "多媒体"],
                                       ["1-2", "演示文稿", "混合"]]), None)]), ("ok", 2, 0),
             why="an all-blank 维度 column, which the page says may be blank, used to be 'missing'"),
        Case("catalog-utf16", "catalog", "目录.csv", csv(head, "1-1,学情分析,多媒体,学情分析", encoding="utf-16"),
             ("ok", 1, 0)),
        Case("catalog-sheet-2", "catalog", "目录.xlsx",
             xlsx([("说明", sheet_xml([["本工作簿第二个工作表是目录"]]), None),
                   ("目录", sheet_xml([["编号", "名称", "环境", "维度"], ["1-1", "学情分析", "多媒体", "学情分析"]]), None)]),
             ("ok", 1, 0)),
        Case("catalog-200k-field", "catalog", "目录.csv", csv(head, "1-1," + "长" * 200_000 + ",多媒体,学情分析"),
             ("error", "超过")),
        Case("catalog-wide-rows", "catalog", "目录.xlsx",
             xlsx([("目录", sheet_xml([["编号", "名称", "环境", "维度"], ["1-1", "学情分析", "多媒体", "学情分析"]])
                    .replace("</sheetData>", wide + "</sheetData>"), None)]), ("ok", 1, 0),
             why="1.5 KB of cells in column XFD kept the worker busy for 20 s"),
        Case("catalog-row-r-abc", "catalog", "目录.xlsx",
             xlsx([("目录", sheet_xml([["编号", "名称", "环境", "维度"], ["1-1", "x", "多媒体", ""]], row_refs=["1", "abc"]),
                    None)]), ("error", "已损坏")),
        Case("catalog-formula-name", "catalog", "目录.csv", csv(head, "1-1,=cmd|' /C calc'!A0,多媒体,学情分析"), ("ok", 1, 0)),
    ]


def profile_cases() -> list[Case]:
    """A user's own document: --profile-file and the rules page's import read it through one door (read_local_file)."""
    from tests.local_profile import SAMPLE
    from tisheng.profiles import local

    text = local.export(SAMPLE)
    many = json.dumps({**SAMPLE, **{f"extra_{i}": 1 for i in range(120)}}, ensure_ascii=False)
    deep_yaml = "".join(" " * (2 * i) + f"k{i}:\n" for i in range(40)) + " " * 80 + "x: 1\n"
    return [
        Case("profile-good", "profile", "本校方案.yaml", text.encode(), ("ok",)),
        Case("profile-deep-json", "profile", "本校方案.json", ('{"a":' + "[" * 100_000 + "]" * 100_000 + "}").encode(),
             ("error", "层次太深"), browser=False, why="内部错误 (the parser's recursion)"),
        Case("profile-deep-yaml", "profile", "本校方案.yaml", deep_yaml.encode(), ("error", "层次太深"), browser=False),
        Case("profile-5000-digits", "profile", "本校方案.json", ('{"format_version": 1' + "0" * 4999 + "}").encode(),
             ("error", "5,000 位的数字"), browser=False, why="Python reads no integer over 4,300 digits"),
        Case("profile-5000-digits-yaml", "profile", "本校方案.yaml", text.replace("format_version: 1", "format_version: 1"
             + "0" * 4999).encode(), ("error", "第 3 行有一个 5,000 位的数字"), browser=False, why="内部错误"),
        Case("profile-gbk", "profile", "本校方案.yaml", text.encode("gb18030"), ("error", "GBK"), browser=False,
             why="read as mojibake and declared valid"),
        Case("profile-utf16", "profile", "本校方案.yaml", text.encode("utf-16"), ("error", "UTF-16"), browser=False),
        Case("profile-over-1-mb", "profile", "本校方案.yaml", (text + "#\n" * 600_000).encode(),
             ("error", "超过本地文件 1.0 MB 的上限"), browser=False, why="a 3 GB file: 26 s, then 内部错误"),
        Case("profile-nul", "profile", "本校方案.yaml", b"\x00" * 4096, ("error", "不是文本文件"), browser=False,
             why="what /dev/zero holds"),
        Case("profile-120-unknown-keys", "profile", "本校方案.json", many.encode(), ("invalid", 120), browser=False,
             why="a million unknown keys printed 1,000,001 lines"),
    ]


def clip_cases() -> list[Case]:
    """Classroom clips read on the evidence page (tisheng.media through the worker's slice reads)."""
    from tests import mediafiles as mf

    boxes = mf.box(b"ftyp", b"isom\x00\x00\x02\x00isommp41") + mf.box(b"free", b"") * 1_000_000
    return [
        Case("clip-good", "clip", "课堂实录.mp4", mf.mp4(372.5), ("ok", 372.5)),
        Case("clip-million-boxes", "clip", "课堂实录.mp4", boxes, ("error", "结构异常"),
             why="8 MB: each box one slice read, 73-90 s of a busy engine in the browser"),
        Case("clip-136-years", "clip", "课堂实录.mp4", mf.mp4(0xFFFF_FFFE, timescale=1), ("error", "文件头已损坏"),
             why="read as 71582788 分 14 秒, then blamed on her typing (请检查是否多输了位数)"),
        Case("clip-webm-11-days", "clip", "课堂实录.webm", mf.webm(11 * 86400.0), ("error", "文件头已损坏")),
    ]


def cases() -> list[Case]:
    return hours_cases() + crafted_workbook_cases() + grade_cases() + catalog_cases() + profile_cases() + clip_cases()


def good_file(tool: str) -> Case:
    """The second file a page must still take after any bad one."""
    return next(c for c in cases() if c.tool == tool and c.expect[0] != "error")
