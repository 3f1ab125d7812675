# scanner/deobf.mk: the normalizer/deobfuscator (issue 3).
