"""我的考核进度: one teacher's hours, points, evidence and grade on one page (see evidence/overview.py)."""

from .evidence.overview import evaluate

__all__ = ["evaluate"]
