/*
 * Benchmark driver: `driver WORKLOAD ITERATIONS` runs one workload once untimed (warm-up, a tenth of
 * the iterations), then once timed, and prints "ns_per_op checksum". Built with -DC_VARIANT it runs
 * the same loops written in C on the inline API (khelpers.h): the limit graft aims for. Otherwise it
 * calls the Rust workloads (bench/workloads/workloads.rs), built plain, through graft, or with LTO.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <khelpers.h>

#define PTRS 64

#ifdef C_VARIANT
__attribute__((noinline)) unsigned long wl_refcount_inc(unsigned long iters, refcount_t *r)
{
	refcount_set(r, 0);
	for (unsigned long i = 0; i < iters; i++)
		refcount_inc(r);
	return refcount_read(r);
}

__attribute__((noinline)) unsigned long wl_refcount_dec_and_test(unsigned long iters, refcount_t *r)
{
	unsigned long zeros = 0;
	for (unsigned long i = 0; i < iters; i++) {
		refcount_inc(r);
		zeros += refcount_dec_and_test(r);
	}
	return zeros + refcount_read(r);
}

__attribute__((noinline)) unsigned long wl_is_err(unsigned long iters, void *const *ptrs)
{
	long sum = 0;
	for (unsigned long i = 0; i < iters; i++) {
		void *p = ptrs[i & (PTRS - 1)];
		if (IS_ERR(p))
			sum += PTR_ERR(p);
	}
	return sum;
}

__attribute__((noinline)) void wl_make_err_ptrs(void **ptrs, void *valid)
{
	for (unsigned long i = 0; i < PTRS; i++)
		ptrs[i] = i % 4 == 0 ? ERR_PTR(-(long)(i % 4095) - 1) : valid;
}

__attribute__((noinline)) unsigned long wl_list_churn(unsigned long iters, struct list_head *head, struct list_head *nodes)
{
	unsigned long non_empty = 0;
	INIT_LIST_HEAD(head);
	for (unsigned long i = 0; i < iters; i++) {
		struct list_head *node = &nodes[i % 16];
		list_add(node, head);
		non_empty += !list_empty(head);
		list_del(node);
	}
	return non_empty;
}

__attribute__((noinline)) unsigned long wl_bitops(unsigned long iters, unsigned long *map)
{
	unsigned long seen = 0;
	for (unsigned long i = 0; i < iters; i++) {
		unsigned long nr = (i * 7) % 1024;
		set_bit(nr, map);
		seen += test_bit((nr + 1) % 1024, map);
		clear_bit((nr + 512) % 1024, map);
	}
	return seen;
}

__attribute__((noinline)) unsigned long wl_spinlock(unsigned long iters, spinlock_t *lock)
{
	unsigned long counter = 0;
	for (unsigned long i = 0; i < iters; i++) {
		spin_lock(lock);
		counter++;
		spin_unlock(lock);
	}
	return counter;
}

__attribute__((noinline)) unsigned long wl_mixed(unsigned long iters, refcount_t *r, spinlock_t *lock, unsigned long *map,
			      void *const *ptrs)
{
	unsigned long acc = 0;
	for (unsigned long i = 0; i < iters; i++) {
		spin_lock(lock);
		refcount_inc(r);
		if (!IS_ERR(ptrs[i & (PTRS - 1)]))
			set_bit(i % 1024, map);
		acc += test_bit((i + 3) % 1024, map);
		spin_unlock(lock);
	}
	return acc + refcount_read(r);
}
#else
unsigned long wl_refcount_inc(unsigned long iters, refcount_t *r);
unsigned long wl_refcount_dec_and_test(unsigned long iters, refcount_t *r);
unsigned long wl_is_err(unsigned long iters, void *const *ptrs);
void wl_make_err_ptrs(void **ptrs, void *valid);
unsigned long wl_list_churn(unsigned long iters, struct list_head *head, struct list_head *nodes);
unsigned long wl_bitops(unsigned long iters, unsigned long *map);
unsigned long wl_spinlock(unsigned long iters, spinlock_t *lock);
unsigned long wl_mixed(unsigned long iters, refcount_t *r, spinlock_t *lock, unsigned long *map,
		       void *const *ptrs);
#endif

static refcount_t ref;
static spinlock_t lock;
static unsigned long bitmap[1024 / (8 * sizeof(unsigned long))];
static struct list_head head, nodes[16];
static void *ptrs[PTRS];
static long valid_target;

/*
 * Every workload gets its pointers through a volatile load, so no variant can specialise a workload to
 * the addresses of these globals (C could, and LTO could after inlining the workload into this file):
 * the comparison is about the helper calls inside the loops, in equal code shapes.
 */
#define OPAQUE(p) ((__typeof__(p))launder(p))
static void *launder(void *p)
{
	void *volatile v = p;
	return v;
}

static unsigned long run(const char *name, unsigned long iters)
{
	memset(bitmap, 0, sizeof(bitmap));
	refcount_set(&ref, 1);
	spin_lock_init(&lock);
	if (!strcmp(name, "refcount_inc"))
		return wl_refcount_inc(iters, OPAQUE(&ref));
	if (!strcmp(name, "refcount_dec_and_test"))
		return wl_refcount_dec_and_test(iters, OPAQUE(&ref));
	if (!strcmp(name, "is_err"))
		return wl_is_err(iters, OPAQUE(&ptrs[0]));
	if (!strcmp(name, "list_churn"))
		return wl_list_churn(iters, OPAQUE(&head), OPAQUE(&nodes[0]));
	if (!strcmp(name, "bitops"))
		return wl_bitops(iters, OPAQUE(&bitmap[0]));
	if (!strcmp(name, "spinlock"))
		return wl_spinlock(iters, OPAQUE(&lock));
	if (!strcmp(name, "mixed"))
		return wl_mixed(iters, OPAQUE(&ref), OPAQUE(&lock), OPAQUE(&bitmap[0]), OPAQUE(&ptrs[0]));
	fprintf(stderr, "unknown workload %s\n", name);
	exit(2);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s WORKLOAD ITERATIONS\n", argv[0]);
		return 2;
	}
	unsigned long iters = strtoul(argv[2], NULL, 10);
	wl_make_err_ptrs(ptrs, &valid_target);
	run(argv[1], iters / 10 + 1);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	unsigned long checksum = run(argv[1], iters);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ns = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
	printf("%.4f %lu\n", ns / iters, checksum);
	return 0;
}
