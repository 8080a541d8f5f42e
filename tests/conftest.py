"""Fixtures shared by the engine tests and the browser tests."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.helpers import build_copy

# A host's contact as a deployment sets it (docs/about/deploy.md); the "<b>" must come out as text, never markup.
CONTACT = {"name": "某某学校师训专干", "phone": "0000-1234567", "note": "工作日 8:00-17:00 <b>"}


@pytest.fixture(scope="session")
def site_with_contact():
    """A copy of the site built with a config that INHERITs mkdocs.yml and sets ``extra.contact``, as the deployment
    page tells a host to do; built once for every test that needs it. Not under pytest's own temporary directory,
    which only its owner may read: nginx's workers serve this copy."""
    work = Path(tempfile.mkdtemp(prefix="tisheng-contact-"))
    os.chmod(work, 0o755)
    try:
        done = build_copy(work, lambda repo: (repo / "mkdocs.local.yml").write_text(
            "INHERIT: mkdocs.yml\nextra:\n  contact: " + json.dumps(CONTACT, ensure_ascii=False) + "\n",
            encoding="utf-8"), "-f", "mkdocs.local.yml")
        assert done.returncode == 0, done.stderr[-3000:]
        yield work / "site"
    finally:
        shutil.rmtree(work, ignore_errors=True)
