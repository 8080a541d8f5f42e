"""The engine's core: the policy snapshot, the vocabulary, the rule-kind registry, readings, findings and inputs.
Nothing here imports a tool, a reader or the door (``tisheng.api``)."""
