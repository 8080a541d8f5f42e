"""The grading rules, one kind a module (found by ``tisheng.core.registry``): ``SECTION = "grading"``, ``KEY``, the
type of its value (``VALUE``) or its own checks (``validate(c, key, value, section)``, for the build and a user's own file), and
how the rules page asks for it (``ASK``). The grade tool (``tisheng.tools.grade``) computes with them."""
