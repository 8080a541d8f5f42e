"""The point rules, one kind a module (found by ``tisheng.core.registry``). A kind declares ``SECTION = "points"``
and ``KEY``, and any of:

``require(need, value, ctx)``
    put the number its rule asks (``value``, under the reading in use) into the ``Need``.
``requirement(need)``
    that number again, as the answer's ``requirements[KEY]``.
``ORDER`` and ``finding(ctx, need, codes, scope) -> Finding | None``
    its finding in the teacher check (scope "teacher") and the school check ("school"), placed by ``ORDER[scope]``.
``fits(ctx, need, codes, counted) -> bool``
    whether a teacher's choice meets it: the predicate the search for her smallest fix uses.
``target(need, t)``
    what a school's range must allow for it (the school-range builder's ``Target``).
``want(need) -> str | None``
    what it asks, in a few words, for the answer that no choice can meet it.
"""
