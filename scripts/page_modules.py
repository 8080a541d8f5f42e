"""The page scripts (site_src/js, ES modules split by job) as the pages load them: each page's own module joined with
the modules it imports into one file, each module in a function of its own (its names stay its own), run in the
order the browser runs modules (an import before the module that imports it).

Measured on the hours page, interleaved with the build before the modules (on a loaded two-core machine): loading
its fifteen modules one by one, each a fetch and a compile of its own, the page created its engine worker 50 to 170 ms
later (median of paired runs); joined, it is at par. Every module is still copied as it is beside the joined pages:
the worker imports table.js.

The modules keep to the forms of import and export this joins; anything else stops the build:
    import { a, b as c } from "./x.js";   import * as x from "./x.js";   import "./x.js";
    export function | class | var | let | const name …  (an exported variable is never assigned again)"""

from __future__ import annotations

import re

# Not page modules: the worker (templated by the build) and the classic scripts of every page or of the catalog.
NOT_PAGE_MODULES = ("worker.js", "hover.js", "prefetch.js", "catalog.js")
IMPORT = re.compile(r'^import\s+(?:(\{[^}]*\}|\*\s+as\s+[\w$]+)\s+from\s+)?"\./([^"]+)";[^\n]*\n', re.M)
EXPORT = re.compile(r"^export\s+(?:function|class|var|let|const)\s+([\w$]+)", re.M)
EXPORTED_VAR = re.compile(r"^export\s+(?:var|let)\s+([\w$]+)", re.M)
SYNTAX = re.compile(r"^(?:import|export)\b.*", re.M)


class ModuleError(ValueError):
    pass


def imports(text: str) -> list[tuple[str, str]]:
    """(what is imported, "{ a, b as c }" or "* as x" or "", the module's file name) in the order written."""
    return [(what, name) for what, name in IMPORT.findall(text)]


def _check(name: str, text: str, modules: dict[str, str]) -> None:
    rest = SYNTAX.findall(EXPORT.sub("", IMPORT.sub("", text)))
    if rest:
        raise ModuleError(f"site_src/js/{name}：这种 import/export 写法不能合并：{rest[0][:80]}")
    for _, dep in imports(text):
        if dep not in modules:
            raise ModuleError(f"site_src/js/{name}：引用的 {dep} 不在 site_src/js 中。")
    for var in EXPORTED_VAR.findall(text):
        if len(re.findall(r"(?<![\w$.])" + re.escape(var) + r"\s*=(?!=)", text)) > 1:
            raise ModuleError(f"site_src/js/{name}：导出的变量 {var} 又被赋值，合并后引用它的模块看不到新值。")


def _order(entry: str, modules: dict[str, str]) -> list[str]:
    order: list[str] = []
    visiting: list[str] = []

    def visit(name: str) -> None:
        if name in order:
            return
        if name in visiting:
            raise ModuleError(f"site_src/js/{name}：模块互相引用（{' → '.join(visiting + [name])}）。")
        visiting.append(name)
        for _, dep in imports(modules[name]):
            visit(dep)
        visiting.pop()
        order.append(name)

    visit(entry)
    return order


def _var(name: str) -> str:
    return "__module_" + re.sub(r"\W", "_", name[:-3])


def _bindings(what: str, dep: str) -> str:
    if not what:
        return ""
    if what.startswith("*"):
        return f"const {what.split()[-1]} = {_var(dep)};\n"
    pairs = [part.split(" as ") for part in (p.strip() for p in what.strip("{} ").split(",")) if part]
    names = ", ".join(p[0].strip() if len(p) == 1 else f"{p[0].strip()}: {p[1].strip()}" for p in pairs)
    return f"const {{ {names} }} = {_var(dep)};\n"


def joined(entry: str, modules: dict[str, str]) -> str:
    """`entry` with every module it imports, as one module script."""
    order = _order(entry, modules)
    parts = [f"/* {entry} joined with the modules it imports (scripts/page_modules.py; the sources are "
             f"site_src/js/*.js): {', '.join(order[:-1])} */\n"]
    for name in order:
        text = modules[name]
        head = "".join(_bindings(what, dep) for what, dep in imports(text))
        body = EXPORT.sub(lambda m: m.group(0)[len("export "):], IMPORT.sub("", text))
        exports = ", ".join(EXPORT.findall(text))
        into = "" if name == entry else f"const {_var(name)} = "
        parts.append(f"// ---- {name}\n{into}(() => {{\n{head}{body}" + (f"return {{ {exports} }};\n" if into else "")
                     + "})();\n")
    return "".join(parts)


def join_pages(files: dict[str, bytes]) -> None:
    """Each page's own module (one no other module imports) becomes its joined file, in place in `files`."""
    modules = {name: body.decode("utf-8") for name, body in files.items()
               if name.endswith(".js") and name not in NOT_PAGE_MODULES}
    for name, text in modules.items():
        _check(name, text, modules)
    imported = {dep for text in modules.values() for _, dep in imports(text)}
    for entry in sorted(set(modules) - imported):
        files[entry] = joined(entry, modules).encode("utf-8")
