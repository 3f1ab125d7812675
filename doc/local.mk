# doc: parts added to the top-level build.
dist_man_MANS += doc/spamsweep.conf.5
EXTRA_DIST += doc/quarantine.md
