/*
 * pool.c: worker threads and their queue (a ring of job pointers under one
 * mutex; a job costs far more than the lock).
 */
#include "scanner/walk/pool.h"
#include "common/util.h"

#include <pthread.h>
#include <stdlib.h>

#define QUEUE_CAP 1024

struct pool {
	pthread_mutex_t lock;
	pthread_cond_t not_empty, not_full;
	struct job *q[QUEUE_CAP];
	size_t head, count;
	int closing;
	int nthreads;
	pthread_t *threads;
	pool_work_fn fn;
	void *ctx;
};

static struct job *
take(struct pool *p)
{
	struct job *j = NULL;

	pthread_mutex_lock(&p->lock);
	while (p->count == 0 && !p->closing)
		pthread_cond_wait(&p->not_empty, &p->lock);
	if (p->count > 0) {
		j = p->q[p->head];
		p->head = (p->head + 1) % QUEUE_CAP;
		p->count--;
		pthread_cond_signal(&p->not_full);
	}
	pthread_mutex_unlock(&p->lock);
	return j;
}

static void *
worker(void *arg)
{
	struct pool *p = arg;
	struct job *j;

	while ((j = take(p)) != NULL)
		p->fn(p->ctx, j);
	return NULL;
}

struct pool *
pool_new(int nthreads, pool_work_fn fn, void *ctx)
{
	struct pool *p = xcalloc(1, sizeof(*p));

	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->not_empty, NULL);
	pthread_cond_init(&p->not_full, NULL);
	p->fn = fn;
	p->ctx = ctx;
	p->threads = xcalloc((size_t)nthreads, sizeof(*p->threads));
	for (int i = 0; i < nthreads; i++) {
		if (pthread_create(&p->threads[i], NULL, worker, p) != 0)
			break;
		p->nthreads++;
	}
	if (p->nthreads == 0) {
		ss_error("cannot start worker threads");
		exit(2);
	}
	return p;
}

void
pool_push(struct pool *p, struct job *job)
{
	pthread_mutex_lock(&p->lock);
	while (p->count == QUEUE_CAP)
		pthread_cond_wait(&p->not_full, &p->lock);
	p->q[(p->head + p->count) % QUEUE_CAP] = job;
	p->count++;
	pthread_cond_signal(&p->not_empty);
	pthread_mutex_unlock(&p->lock);
}

void
pool_finish(struct pool *p)
{
	pthread_mutex_lock(&p->lock);
	p->closing = 1;
	pthread_cond_broadcast(&p->not_empty);
	pthread_mutex_unlock(&p->lock);
	for (int i = 0; i < p->nthreads; i++)
		pthread_join(p->threads[i], NULL);
	pthread_cond_destroy(&p->not_empty);
	pthread_cond_destroy(&p->not_full);
	pthread_mutex_destroy(&p->lock);
	free(p->threads);
	free(p);
}
