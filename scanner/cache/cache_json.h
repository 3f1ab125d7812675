/*
 * cache_json.h: findings to and from the JSON the cache stores
 * (cache_json.c).
 */
#ifndef SS_CACHE_JSON_H
#define SS_CACHE_JSON_H

struct scan_result;

/* The signature name, score and evidence of r, malloc'd ("{}" if JSON
 * cannot be had). */
char *cache_findings_encode(const struct scan_result *r);
/* Sets r's signature name and score and adds the evidence s holds. */
void cache_findings_decode(const char *s, struct scan_result *r);

#endif
