# scanner/deobf/: the PHP and Perl deobfuscator and its decoders.
# Inside, the files depend one way: deobf.c (deobfuscate) -> deobf_php.c
# (the pass, PHP and Perl) -> deobf_php_emit -> deobf_php_eval ->
# deobf_php_vars; the lexers deobf_php_lex, deobf_perl_lex -> deobf_lex;
# all of them -> deobf_tail, deobf_ctx, deobf_text, deobf_buf, decoders;
# deobf_ctx -> deobf_layers.
libspamsweep_a_SOURCES += \
	scanner/deobf/decoders.c scanner/deobf/decoders.h \
	scanner/deobf/deobf.c scanner/deobf/deobf.h \
	scanner/deobf/deobf_buf.c scanner/deobf/deobf_buf.h \
	scanner/deobf/deobf_ctx.c scanner/deobf/deobf_ctx.h \
	scanner/deobf/deobf_layers.c scanner/deobf/deobf_layers.h \
	scanner/deobf/deobf_lex.c scanner/deobf/deobf_lex.h \
	scanner/deobf/deobf_perl_lex.c scanner/deobf/deobf_perl_lex.h \
	scanner/deobf/deobf_php.c scanner/deobf/deobf_php.h \
	scanner/deobf/deobf_php_emit.c scanner/deobf/deobf_php_emit.h \
	scanner/deobf/deobf_php_eval.c scanner/deobf/deobf_php_eval.h \
	scanner/deobf/deobf_php_lex.c scanner/deobf/deobf_php_lex.h \
	scanner/deobf/deobf_php_pass.h scanner/deobf/deobf_php_vars.c \
	scanner/deobf/deobf_php_vars.h scanner/deobf/deobf_tail.c \
	scanner/deobf/deobf_tail.h scanner/deobf/deobf_text.c \
	scanner/deobf/deobf_text.h
EXTRA_DIST += doc/deobfuscation.md
