"""Every golden answer (each case in data/cases/, the batch runs, the exports) is byte-identical to its digest.

A change meant to alter answers rewrites the digests with `python scripts/golden.py --write`, and the diff of
tests/golden.sha256 names every answer it altered; `--dump DIR` on two revisions shows how.
"""

from __future__ import annotations

import hashlib

import pytest

from tests import helpers  # noqa: F401  (puts scripts/ on sys.path)
import golden  # noqa: E402

EXPECTED = dict(reversed(line.split("  ", 1)) for line in golden.DIGESTS.read_text(encoding="utf-8").splitlines())
ANSWERS = dict(golden.answers())


def test_the_same_answers_exist():
    assert sorted(ANSWERS) == sorted(EXPECTED), "answers added or gone: run scripts/golden.py --write and review"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_answer_is_unchanged(name):
    assert name in ANSWERS, f"{name}: no longer produced"
    body = golden.canonical(ANSWERS[name]())
    assert hashlib.sha256(body).hexdigest() == EXPECTED[name], f"{name} changed: diff `scripts/golden.py --dump`"
