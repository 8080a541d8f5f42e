"""学时自查: does a teacher's training time meet a profile's hour rules? (``answer``; ``batch`` for a staff list)."""

from __future__ import annotations

from .answer import evaluate

__all__ = ["evaluate"]
