# doc: parts added to the top-level build.
EXTRA_DIST += doc/deobfuscation.md
