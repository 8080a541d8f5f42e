"""Downloads built from an engine's answer: each module takes a successful response and returns (bytes, filename).

The rule modules never write files; a page or the CLI asks ``tisheng.api`` for an export, and it calls these.
"""
