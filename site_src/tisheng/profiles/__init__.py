"""Profiles: a document's rules resolved from its parents, checked (the build's data and a user's own file alike),
and a user's own file read."""
