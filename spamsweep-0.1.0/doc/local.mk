# doc/: man pages (installed) and the JSON report schema (shipped).
dist_man_MANS += doc/spamsweep.1
EXTRA_DIST += doc/report-schema.md
