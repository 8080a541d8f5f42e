"""提升工程 2.0 自查规则引擎.

One pure-Python engine for the site, the CLI and the tests. It reads the policy from a JSON snapshot of
``data/`` built by ``scripts/build_data.py`` and never imports anything outside the standard library, so the
same code runs on CPython 3.11+ and on Pyodide in the browser.
"""

__version__ = "0.1.0"
