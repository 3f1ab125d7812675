# scanner/cache/: the nightly cache (SQLite), the in-run dedup of
# identical content, and the hash table they share.
# Inside, the files depend one way: cache.c (open, close) -> cache_load,
# cache_write; cache_record.c (lookups, records) -> cache_write,
# cache_json; all -> cache_db, cache_state, cache_table -> hashtab.
libspamsweep_a_SOURCES += \
	scanner/cache/cache.c scanner/cache/cache.h scanner/cache/cache_db.c \
	scanner/cache/cache_db.h scanner/cache/cache_json.c \
	scanner/cache/cache_json.h scanner/cache/cache_load.c \
	scanner/cache/cache_load.h scanner/cache/cache_record.c \
	scanner/cache/cache_state.h scanner/cache/cache_table.c \
	scanner/cache/cache_table.h scanner/cache/cache_write.c \
	scanner/cache/cache_write.h scanner/cache/dedup.c \
	scanner/cache/dedup.h scanner/cache/hashtab.c \
	scanner/cache/hashtab.h
