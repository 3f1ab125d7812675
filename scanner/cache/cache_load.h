/*
 * cache_load.h: loading an open cache's database into its tables
 * (cache_load.c).
 */
#ifndef SS_CACHE_LOAD_H
#define SS_CACHE_LOAD_H

struct cache;

/* Reads every file and content row into c's tables; 0, or -1 when the
 * database cannot be read (the caller rebuilds it). */
int cache_load(struct cache *c);

#endif
