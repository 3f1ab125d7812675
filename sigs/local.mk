# sigs: parts added to the top-level build.

# ClamAV signatures (top level of sigs/), installed where the binary
# looks for them (scanner/run/scan.c: $(pkgdatadir)/sigs) and shipped in the
# tarball. Plain data: nothing is compiled in.
sigsdir = $(pkgdatadir)/sigs
dist_sigs_DATA = sigs/spamsweep.ldb
# The readable source of spamsweep.ldb, and the script that makes the
# tables of doc/heuristics.md and doc/signatures.md from the rules
# (maintainers only; see the files). tests/t/t2300-rules-doc.sh checks
# that the tables are what mkdoc.py makes of the rules.
EXTRA_DIST += sigs/mkldb.py sigs/mkdoc.py

# Heuristic indicator rules (YARA), loaded from <sigdir>/yara/*.yar.
sigsyaradir = $(pkgdatadir)/sigs/yara
dist_sigsyara_DATA = \
	sigs/yara/context.yar \
	sigs/yara/hiding.yar \
	sigs/yara/sending.yar \
	sigs/yara/webshell.yar
