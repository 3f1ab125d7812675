# doc: parts added to the top-level build.

# Heuristics: rules, scoring, writing your own (rules branch).
EXTRA_DIST += doc/heuristics.md
