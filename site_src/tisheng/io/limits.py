"""What a user's own document file (the rules page's export, the CLI's ``--profile-file``) is held to before it is
parsed: its size, its encoding, how deep it nests and how long its numbers are. One function for both surfaces,
``check_profile_bytes``; each refusal is a Chinese sentence that names the limit.

A parser meets none of these files: a 3 GB file is refused by its size, deep nesting would exhaust the parser's
recursion (the generic 内部错误), and Python refuses to read an integer of more than 4,300 digits.
"""

from __future__ import annotations

import re
from typing import Any

MAX_PROFILE_BYTES = 1024 * 1024  # the site's own exports are a few KB; its largest document is 16 KB as JSON
MAX_DEPTH = 16  # the site's deepest document nests 7 levels
MAX_DIGITS = 20  # no rule's number has more digits; a longer run is a mistake or an attack
MAX_MESSAGES = 50  # a file's problems listed at once; the rest are counted

# A JSON string (the YAML this site writes quotes every string the same way), kept on its own line
STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
CJK = re.compile(r"[\u4e00-\u9fff]")
LONG_NUMBER = re.compile(r"(?<![A-Za-z_0-9])\d{%d,}" % (MAX_DIGITS + 1))


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:,.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:,.1f} KB"


TOO_BIG = (f"文件有 {{size}}，超过本地文件 {_size(MAX_PROFILE_BYTES)} 的上限（本站导出的文件通常只有几 KB）。"
           "请检查是否选对了文件。")


def too_big(size: int) -> dict[str, str]:
    """The size refusal, for a caller that knows the size before reading (a file on disk, a File in the page)."""
    return {"field": "file", "message": TOO_BIG.format(size=_size(size))}


def check_profile_bytes(data: bytes) -> tuple[str | None, list[dict[str, str]]]:
    """(the file's text, []) when it may be parsed; (None, [{field, message}]) when it must not be."""
    if len(data) > MAX_PROFILE_BYTES:
        return None, [too_big(len(data))]
    text, problem = _decode(data)
    if text is None:
        return None, [{"field": "file", "message": problem}]
    blanked = STRING.sub(lambda m: '"' + " " * (len(m.group()) - 2) + '"', _without_comments(text))
    problem = _depth(blanked) or _numbers(blanked)
    return (None, [{"field": "file", "message": problem}]) if problem else (text, [])


def _decode(data: bytes) -> tuple[str | None, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, "文件是 UTF-16（Unicode）编码。请使用本站导出的文件，或在记事本中“另存为”时把编码选为 UTF-8。"
    if b"\x00" in data:
        return None, "这不是文本文件。请使用本站“录入本地文件”页导出的 .yaml 或 .json 文件。"
    try:
        text = data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        text = None
    # GBK bytes can also be valid UTF-8 ("某某小学" reads as "ĳĳСѧ"): text without one Chinese character that
    # is Chinese when read as GBK was saved as GBK
    if text is not None and (text.isascii() or CJK.search(text)):
        return text, ""
    try:
        gbk = data.decode("gb18030")
    except UnicodeDecodeError:
        gbk = ""
    if CJK.search(gbk):
        return None, ("文件是 GBK（GB18030）编码，可能在记事本或 WPS 中另存过。本站的文件是 UTF-8 编码："
                      "请使用本站导出的原文件，或另存时把编码选为 UTF-8。")
    if text is None:
        return None, "文件不是 UTF-8 编码的文本。请使用本站导出的文件。"
    return text, ""


def _without_comments(text: str) -> str:
    """YAML comment lines as blank lines (line numbers kept): a comment may hold any digits or quotes."""
    if text.lstrip().startswith("{"):
        return text
    return "\n".join("" if line.lstrip().startswith("#") else line for line in text.split("\n"))


def _depth(text: str) -> str:
    """How deep the document nests, from its brackets (JSON) or its indentation (YAML)."""
    if text.lstrip().startswith("{"):
        deepest = level = 0
        for ch in re.findall(r"[\[\]{}]", text):
            level += 1 if ch in "[{" else -1
            deepest = max(deepest, level)
    else:
        stack: list[int] = []
        deepest = 0
        for line in text.split("\n"):
            body = line.lstrip(" ")
            if not body.strip():
                continue
            indent = len(line) - len(body)
            while stack and stack[-1] >= indent:
                stack.pop()
            stack.append(indent)
            if body.startswith("- "):  # a list item that opens a mapping is one level more
                stack.append(indent + 1)
            deepest = max(deepest, len(stack))
    if deepest > MAX_DEPTH:
        return (f"文件的层次太深（超过 {MAX_DEPTH} 层），不像是本站导出的文件。"
                "请使用本站“录入本地文件”页导出的文件。")
    return ""


def _numbers(text: str) -> str:
    m = LONG_NUMBER.search(text)
    if not m:
        return ""
    line = text.count("\n", 0, m.start()) + 1
    return (f"文件第 {line} 行有一个 {len(m.group()):,} 位的数字，超出了合理的范围（最多 {MAX_DIGITS} 位）。"
            "请检查这个数字。")


def capped(messages: list[Any], limit: int = MAX_MESSAGES) -> tuple[list[Any], str]:
    """The first ``limit`` messages and, when there were more, a sentence saying how many are not listed."""
    if len(messages) <= limit:
        return messages, ""
    return messages[:limit], f"……另有 {len(messages) - limit:,} 条问题未列出（共 {len(messages):,} 条）。"
