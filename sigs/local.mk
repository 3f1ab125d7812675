# sigs: parts added to the top-level build.

# Heuristic indicator rules (YARA), loaded from <sigdir>/yara/*.yar.
sigsyaradir = $(pkgdatadir)/sigs/yara
dist_sigsyara_DATA = \
	sigs/yara/context.yar \
	sigs/yara/hiding.yar \
	sigs/yara/sending.yar \
	sigs/yara/webshell.yar
