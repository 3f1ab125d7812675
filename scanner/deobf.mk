# scanner/deobf.mk: the normalizer/deobfuscator. Dependencies run one way:
# deobf.c (deobfuscate) -> deobf_php.c (the pass, PHP and Perl) ->
# deobf_php_emit -> deobf_php_eval -> deobf_php_vars; the lexers
# deobf_php_lex, deobf_perl_lex -> deobf_lex; all of them -> deobf_tail,
# deobf_ctx, deobf_text, deobf_buf, decoders; deobf_ctx -> deobf_layers
# (the bounds and the layers, which deobf.h also offers).
libspamsweep_a_SOURCES += \
	scanner/deobf.c scanner/deobf.h \
	scanner/deobf_php.c scanner/deobf_php.h scanner/deobf_php_pass.h \
	scanner/deobf_php_emit.c scanner/deobf_php_emit.h \
	scanner/deobf_php_eval.c scanner/deobf_php_eval.h \
	scanner/deobf_php_vars.c scanner/deobf_php_vars.h \
	scanner/deobf_php_lex.c scanner/deobf_php_lex.h \
	scanner/deobf_perl_lex.c scanner/deobf_perl_lex.h \
	scanner/deobf_lex.c scanner/deobf_lex.h \
	scanner/deobf_tail.c scanner/deobf_tail.h \
	scanner/deobf_ctx.c scanner/deobf_ctx.h \
	scanner/deobf_text.c scanner/deobf_text.h \
	scanner/deobf_buf.c scanner/deobf_buf.h \
	scanner/deobf_layers.c scanner/deobf_layers.h \
	scanner/decoders.c scanner/decoders.h
EXTRA_DIST += doc/deobfuscation.md
