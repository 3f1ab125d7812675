# scanner/nightly.mk: configuration, docroot discovery, lock, cache, nightly.
# The cache's files depend one way: cache.c (open, close) -> cache_load,
# cache_write; cache_record.c (lookups, records) -> cache_write,
# cache_json; all -> cache_db, cache_table -> hashtab. sigkey (the key of
# the signature set) needs none of them, nor scan.h.
libspamsweep_a_SOURCES += \
	scanner/sigkey.c scanner/sigkey.h \
	scanner/cache.c scanner/cache.h scanner/cache_int.h \
	scanner/cache_record.c \
	scanner/cache_load.c scanner/cache_load.h \
	scanner/cache_write.c scanner/cache_write.h \
	scanner/cache_db.c scanner/cache_db.h \
	scanner/cache_json.c scanner/cache_json.h \
	scanner/cache_table.c scanner/cache_table.h \
	scanner/nightly_config.c scanner/nightly_config.h \
	scanner/roots.c scanner/roots.h \
	scanner/lock.c scanner/lock.h \
	scanner/action.c scanner/action.h \
	scanner/cmd_nightly.c
