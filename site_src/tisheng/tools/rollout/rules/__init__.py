"""The rollout rules, one kind a module (found by ``tisheng.core.registry``): ``SECTION = "rollout"``, ``KEY``, its
checks (``validate(c, key, value, section)``) and how the rules page asks for it (``ASK``)."""
