/*
 * result_json.h: a scan result as a JSON object, and file names as JSON
 * strings that keep their exact bytes. The json_t type stays opaque here.
 */
#ifndef SS_RESULT_JSON_H
#define SS_RESULT_JSON_H

#include "common/result.h"

struct json_t;

/* The result's object (path, verdict, name, score, lang, sha256, stat
 * fields, evidence, action). */
struct json_t *json_result(const struct scan_result *r);
/* Adds "key" (and "key_base64" when the bytes are not UTF-8) to obj. */
void json_set_bytes(struct json_t *obj, const char *key, const char *s);
/* The same, or null when s is NULL. */
void json_set_opt_bytes(struct json_t *obj, const char *key, const char *s);

#endif
