# doc/: man pages (installed) and the documentation pages (shipped).
dist_man_MANS += doc/spamsweep.1
EXTRA_DIST += doc/report-schema.md doc/signatures.md doc/quarantine.md
