"""The hour rules, one kind a module (found by ``tisheng.core.registry``). A kind declares ``SECTION = "hours"`` and
``KEY``, and any of:

``compile(rule, section, options) -> Check | None``
    a rule that counts hours (``tools/hours/check.py``); ``options["ratio_base"]`` is the reading of a share.
``window_start(rule, as_of) -> date | None`` / ``window_end(rule) -> date | None``
    where the dated records it allows begin or end.
``window_findings(rule, counted, notes) -> list[Finding]``
    findings (and reminders added to ``notes``) about dated records, ``counted`` as (day, kind, hours).
``note(rule) -> dict``
    the rule restated beside the verdict (a period, a deadline).
``deadline(rule) -> date | None``
    the day the answer's headline measures the time left against.
"""
