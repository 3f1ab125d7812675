/*
 * recover.c: finishing or undoing the work the vault's journal names
 * (recover.h).
 */
#include "quarantine/recover.h"
#include "common/util.h"
#include "quarantine/qmeta.h"
#include "quarantine/restore.h"
#include "quarantine/vault.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int
has_file(struct vault *v, const char *id, const char *ext)
{
	char *name = xasprintf("%s.%s", id, ext);
	struct stat st;
	int rc = fstatat(v->fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;

	free(name);
	return rc;
}

/* Removes ID.ext from the vault; 1 when there was one. */
static int
remove_file(struct vault *v, const char *id, const char *ext)
{
	char *name = xasprintf("%s.%s", id, ext);
	int rc = unlinkat(v->fd, name, 0) == 0;

	free(name);
	return rc;
}

static int
finish_move(struct vault *v, const char *id, FILE *log)
{
	char err[512];
	json_t *m;
	int fixed = 0;

	if (remove_file(v, id, "json.tmp") && ++fixed)
		fprintf(log,
		        "spamsweep: vault: removed %s.json.tmp, debris of an "
		        "interrupted write\n",
		        id);
	if (!has_file(v, id, "json")) {
		if (remove_file(v, id, "data") && ++fixed)
			fprintf(log,
			        "spamsweep: vault: removed %s.data: content "
			        "without metadata, from a move interrupted "
			        "before the original was touched\n",
			        id);
		return fixed;
	}
	m = vault_load_meta(v, id, err, sizeof(err));
	if (m && qmeta_original_in_place(m) &&
	    vault_remove_files(v, id, err, sizeof(err)) == 0 && ++fixed)
		fprintf(log,
		        "spamsweep: vault: dropped entry %s: its original is "
		        "still in place (the move was interrupted before "
		        "removing it)\n",
		        id);
	json_decref(m);
	return fixed;
}

static int
finish_removal(struct vault *v, const char *id, FILE *log)
{
	char err[512];

	remove_file(v, id, "json.tmp");
	if (!has_file(v, id, "json") && !has_file(v, id, "data"))
		return 0;
	if (vault_remove_files(v, id, err, sizeof(err)) != 0) {
		fprintf(log, "spamsweep: vault: %s\n", err);
		return 0;
	}
	fprintf(log,
	        "spamsweep: vault: removed entry %s: its removal was "
	        "interrupted\n",
	        id);
	return 1;
}

static int
finish_restore(struct vault *v, const char *id, const char *name, FILE *log)
{
	char *path = vault_journal_note(v, name);
	int fixed = path ? restore_recover(v, id, path, log) : 0;

	free(path);
	return fixed;
}

/* One journal name, "ID.KIND": the repairs it took. */
static int
finish(struct vault *v, const char *name, FILE *log)
{
	const char *dot = strrchr(name, '.');
	char *id;
	int fixed = 0, known = 1;

	if (!dot)
		return 0;
	id = xstrndup(name, (size_t)(dot - name));
	if (!vault_id_valid(id))
		known = 0;
	else if (strcmp(dot + 1, VAULT_MOVING) == 0)
		fixed = finish_move(v, id, log);
	else if (strcmp(dot + 1, VAULT_REMOVING) == 0)
		fixed = finish_removal(v, id, log);
	else if (strcmp(dot + 1, VAULT_RESTORING) == 0)
		fixed = finish_restore(v, id, name, log);
	else
		known = 0;
	if (known)
		unlinkat(v->pending, name, 0);
	free(id);
	return fixed;
}

static int
replay(struct vault *v, FILE *log)
{
	int fd = openat(v->pending, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;
	int fixed = 0;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			fixed += finish(v, de->d_name, log);
	closedir(d);
	return fixed;
}

int
vault_recover(struct vault *v, FILE *log)
{
	int fixed = 0;

	if (vault_lock(v, 1, 1) != 0)
		return -1;
	if (v->pending >= 0) {
		fixed = replay(v, log);
		fsync(v->pending);
	}
	if (fixed)
		fsync(v->fd);
	vault_lock(v, 0, 0); /* back to shared */
	return fixed;
}
