/*
 * cache_load.h: loading an open cache's database into its tables
 * (cache_load.c).
 */
#ifndef SS_CACHE_LOAD_H
#define SS_CACHE_LOAD_H

struct cache;

/* Reads every file and content row into c's tables; 0, or -1 when the
 * database cannot be read, with the SQLite code in c->load_rc when it
 * came from a connection or statement of the load's own (the caller
 * rebuilds a corrupt database, and keeps one it could not read). */
int cache_load(struct cache *c);

#endif
