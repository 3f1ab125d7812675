# scanner/nightly.mk: configuration, docroot discovery, lock, cache, nightly (issue 5).
