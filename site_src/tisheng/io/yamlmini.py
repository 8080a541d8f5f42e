"""A YAML writer for profiles and a reader for exactly the subset it writes (stdlib only, so it runs on Pyodide,
whose core has no PyYAML).

Written: block mappings and lists, ``- key: value`` items, strings always in double quotes (JSON escapes, which
YAML reads the same way, so PyYAML and the build read the file as written), integers, decimals, ``true``,
``false``, ``null``, ``[]`` and ``{}``. Comment lines start with ``#``. ``loads(dumps(x)) == x`` and
``dumps(loads(text)) == text`` for any text ``dumps`` wrote.
"""

from __future__ import annotations

import json
import re
from typing import Any

KEY_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
INT_RE = re.compile(r"^-?(0|[1-9][0-9]*)$")
FLOAT_RE = re.compile(r"^-?(0|[1-9][0-9]*)\.[0-9]+([eE][-+]?[0-9]+)?$")


class YamlError(ValueError):
    """``line`` is 1-based; the message is Chinese."""

    def __init__(self, line: int, message: str):
        super().__init__(f"第 {line} 行：{message}")
        self.line = line


def _key(k: Any) -> str:
    k = str(k)
    return k if KEY_RE.match(k) and k not in ("null", "true", "false") else json.dumps(k, ensure_ascii=False)


def _scalar(v: Any) -> str:
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        text = repr(v)
        if not FLOAT_RE.match(text):  # 1e-07, inf, nan: YAML 1.1 readers need a dot; non-finite is no number
            if v != v or v in (float("inf"), float("-inf")):
                raise ValueError("not a finite number")
            text = f"{v:.20f}".rstrip("0")
            text += "0" if text.endswith(".") else ""
        return text
    return json.dumps(str(v), ensure_ascii=False)


def _lines(node: Any, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, (dict, list)) and v:
                out.append(f"{pad}{_key(k)}:")
                _lines(v, indent + 2, out)
            else:
                out.append(f"{pad}{_key(k)}: {_empty(v)}")
    else:
        for v in node:
            if isinstance(v, dict) and v:
                sub: list[str] = []
                _lines(v, indent + 2, sub)
                out.append(f"{pad}- {sub[0][indent + 2:]}")
                out.extend(sub[1:])
            elif isinstance(v, list) and v:
                raise ValueError("lists of lists are not part of the profile format")
            else:
                out.append(f"{pad}- {_empty(v)}")


def _empty(v: Any) -> str:
    if isinstance(v, dict):
        return "{}"
    if isinstance(v, list):
        return "[]"
    return _scalar(v)


def dumps(data: dict[str, Any], header: str = "") -> str:
    out = [f"# {line}" if line else "#" for line in header.splitlines()]
    _lines(data, 0, out)
    return "\n".join(out) + "\n"


def _parse_scalar(text: str, line: int) -> Any:
    if text == "null" or text == "~":
        return None
    if text in ("true", "false"):
        return text == "true"
    if text == "[]":
        return []
    if text == "{}":
        return {}
    if INT_RE.match(text):
        return int(text)
    if FLOAT_RE.match(text):
        return float(text)
    if text.startswith('"'):
        try:
            value = json.loads(text)
        except ValueError:
            raise YamlError(line, "引号没有配对，或引号里有不能识别的写法") from None
        if not isinstance(value, str):
            raise YamlError(line, "引号没有配对")
        return value
    raise YamlError(line, f"“{text[:20]}”须写在双引号里")


def _split_key(text: str, line: int) -> tuple[str, str]:
    if text.startswith('"'):
        end = text.find('":')
        if end < 0:
            raise YamlError(line, "键后面缺少冒号")
        try:
            key = json.loads(text[:end + 1])
        except ValueError:
            raise YamlError(line, "键的引号没有配对") from None
        return str(key), text[end + 2:].strip()
    key, colon, rest = text.partition(":")
    if not colon or not KEY_RE.match(key):
        raise YamlError(line, "应写成“名称: 值”")
    return key, rest.strip()


class _Reader:
    def __init__(self, text: str):
        self.rows: list[tuple[int, int, str]] = []  # (line number, indent, content)
        for n, raw in enumerate(text.split("\n"), 1):
            body = raw.rstrip("\r")
            stripped = body.lstrip(" ")
            if not stripped or stripped.startswith("#"):
                continue
            if "\t" in body[: len(body) - len(stripped) + 1]:
                raise YamlError(n, "缩进只能用空格，不能用制表符")
            self.rows.append((n, len(body) - len(stripped), stripped.rstrip()))
        self.i = 0

    def block(self, indent: int) -> Any:
        n, ind, text = self.rows[self.i]
        if ind != indent:
            raise YamlError(n, "缩进不对")
        return self.seq(indent) if text == "-" or text.startswith("- ") else self.mapping(indent)

    def mapping(self, indent: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        while self.i < len(self.rows):
            n, ind, text = self.rows[self.i]
            if ind < indent:
                break
            if ind > indent or text.startswith("- "):
                raise YamlError(n, "缩进不对")
            key, rest = _split_key(text, n)
            if key in out:
                raise YamlError(n, f"“{key}”重复出现")
            self.i += 1
            out[key] = self.value(rest, indent, n)
        return out

    def value(self, rest: str, indent: int, n: int) -> Any:
        if rest:
            return _parse_scalar(rest, n)
        if self.i < len(self.rows) and self.rows[self.i][1] > indent:
            return self.block(self.rows[self.i][1])
        if self.i < len(self.rows) and self.rows[self.i][1] == indent and self.rows[self.i][2].startswith("- "):
            return self.seq(indent)
        raise YamlError(n, "冒号后面缺少值")

    def seq(self, indent: int) -> list[Any]:
        out: list[Any] = []
        while self.i < len(self.rows):
            n, ind, text = self.rows[self.i]
            if ind != indent or not text.startswith("- "):
                if ind > indent:
                    raise YamlError(n, "缩进不对")
                break
            item = text[2:].strip()
            if item.startswith('"') and not re.match(r'^"(?:[^"\\]|\\.)*":', item) or not (
                    ":" in item and (item.startswith('"') or KEY_RE.match(item.partition(":")[0]))):
                self.i += 1
                out.append(_parse_scalar(item, n))
                continue
            # "- key: value" opens a mapping whose keys sit two columns further in
            self.rows[self.i] = (n, indent + 2, item)
            out.append(self.mapping(indent + 2))
        return out


def loads(text: str) -> Any:
    """The document ``text`` holds; raises YamlError (Chinese, with the line) on anything outside the subset."""
    reader = _Reader(text)
    if not reader.rows:
        return None
    data = reader.block(0)
    if reader.i < len(reader.rows):
        raise YamlError(reader.rows[reader.i][0], "缩进不对")
    return data
