# doc/: man pages (installed) and the documentation pages (shipped).
dist_man_MANS += doc/spamsweep.1 doc/spamsweep.conf.5
EXTRA_DIST += doc/report-schema.md doc/signatures.md doc/quarantine.md \
	doc/heuristics.md doc/techniques.md
