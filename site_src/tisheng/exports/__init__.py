"""Workbooks built from an engine response (TEMPORARY in branch h2-door: replaced by h1's package at merge)."""
