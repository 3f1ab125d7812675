/*
 * pool.h: a fixed set of worker threads fed through a bounded queue. The
 * producer (the walk) blocks when the queue is full, so memory stays
 * bounded however large the tree.
 */
#ifndef SS_POOL_H
#define SS_POOL_H

struct job;
struct pool;

typedef void (*pool_work_fn)(void *ctx, struct job *job);

struct pool *pool_new(int nthreads, pool_work_fn fn, void *ctx);
/* Queues a job (the pool takes ownership; work fn must free it). */
void pool_push(struct pool *p, struct job *job);
/* Waits until every queued job is done, stops the threads, frees. */
void pool_finish(struct pool *p);

#endif
