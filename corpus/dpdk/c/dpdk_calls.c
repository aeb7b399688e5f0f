/*
 * The C reference for ../crate/dpdk_calls.rs: the same two entry points, calling DPDK's inline functions
 * directly (no wrappers), so the compiler inlines them as every DPDK program does. Linked into the same
 * driver (../crate/main.rs), its output must equal the Rust crate's, built plain or through graft.
 * Nothing here needs DPDK's EAL: rings live in memory this file allocates (rte_ring_init, a library
 * function), mbufs are attached to an external buffer, locks and counters are plain variables.
 */
#include <rte_ring.h>
#include <rte_mbuf.h>
#include <rte_spinlock.h>
#include <rte_atomic.h>
#include <rte_memcpy.h>
#include <rte_pause.h>
#include <rte_cycles.h>
#include <stdio.h>
#include <stdlib.h>

_Static_assert(sizeof(struct rte_mbuf) == 128, "the Rust crate allocates 128-byte mbufs");

enum { RING_SIZE = 1024, BUF_LEN = 2048, COPY_LEN = 2048 };

static void no_free(void *addr, void *opaque) { (void)addr; (void)opaque; }

static struct rte_ring *new_ring(const char *name, unsigned flags) {
    struct rte_ring *r = aligned_alloc(128, (size_t)rte_ring_get_memsize(RING_SIZE));
    if (r == NULL || rte_ring_init(r, name, RING_SIZE, flags) != 0) {
        printf("ring init failed\n");
        exit(1);
    }
    return r;
}

static unsigned long sum(const uint64_t *objs, unsigned n) {
    unsigned long s = 0;
    for (unsigned i = 0; i < n; i++) s += objs[i];
    return s;
}

static void exercise_rings(void) {
    struct rte_ring *r = new_ring("mpmc", 0), *s = new_ring("spsc", RING_F_SP_ENQ | RING_F_SC_DEQ);
    /* DPDK's rings copy the pointers as uint64_t: tables of uint64_t keep strict aliasing intact. */
    uint64_t objs_[64], out_[64];
    void **objs = (void **)objs_, **out = (void **)out_;
    unsigned room = 0, avail = 0, n;
    for (unsigned i = 0; i < 64; i++) objs_[i] = i + 1;
    n = rte_ring_enqueue_bulk(r, objs, 32, &room);
    printf("enqueue_bulk %u free %u\n", n, room);
    n = rte_ring_enqueue_burst(r, objs + 32, 16, &room);
    printf("enqueue_burst %u free %u\n", n, room);
    n = rte_ring_mp_enqueue_burst(r, objs + 48, 16, &room);
    printf("mp_enqueue_burst %u free %u\n", n, room);
    printf("enqueue %d\n", rte_ring_enqueue(r, (void *)(uintptr_t)objs_[5]));
    printf("count %u free_count %u empty %d full %d\n", rte_ring_count(r), rte_ring_free_count(r),
           rte_ring_empty(r), rte_ring_full(r));
    n = rte_ring_dequeue_bulk(r, out, 8, &avail);
    printf("dequeue_bulk %u available %u sum %lu\n", n, avail, sum(out_, n));
    n = rte_ring_dequeue_bulk(r, out, 100, &avail);
    printf("dequeue_bulk(too many) %u available %u\n", n, avail);
    n = rte_ring_dequeue_burst(r, out, 40, &avail);
    printf("dequeue_burst %u available %u sum %lu\n", n, avail, sum(out_, n));
    n = rte_ring_mc_dequeue_burst(r, out, 64, &avail);
    printf("mc_dequeue_burst %u available %u sum %lu\n", n, avail, sum(out_, n));
    uint64_t one = 0;
    int got = rte_ring_dequeue(r, (void **)&one);
    printf("dequeue %d %lu\n", got, (unsigned long)one);
    got = rte_ring_dequeue(r, (void **)&one);
    printf("dequeue(empty) %d empty %d\n", got, rte_ring_empty(r));
    unsigned total = 0;
    while (rte_ring_sp_enqueue_bulk(s, objs, 64, &room) == 64) total += 64;
    printf("sp_enqueue_bulk until full %u free %u full %d\n", total, room, rte_ring_full(s));
    unsigned long drained = 0;
    while ((n = rte_ring_sc_dequeue_bulk(s, out, 64, &avail)) == 64) drained += sum(out_, n);
    printf("sc_dequeue_bulk drained %lu available %u\n", drained, avail);
    free(r);
    free(s);
}

static void exercise_mbuf(void) {
    struct rte_mbuf *m = aligned_alloc(64, 128);
    char *buf = aligned_alloc(64, BUF_LEN);
    memset(m, 0, 128);
    uint16_t len = BUF_LEN;
    struct rte_mbuf_ext_shared_info *shinfo = rte_pktmbuf_ext_shinfo_init_helper(buf, &len, no_free, NULL);
    printf("shinfo at %ld buf_len %u ext_refcnt %u\n", (long)((char *)shinfo - buf), len,
           rte_mbuf_ext_refcnt_read(shinfo));
    rte_pktmbuf_attach_extbuf(m, buf, 0, len, shinfo);
    rte_pktmbuf_reset(m);
    rte_mbuf_refcnt_set(m, 1);
    printf("headroom %u tailroom %u contiguous %d\n", rte_pktmbuf_headroom(m), rte_pktmbuf_tailroom(m),
           rte_pktmbuf_is_contiguous(m));
    char *tail = rte_pktmbuf_append(m, 100);
    printf("append at %ld tailroom %u\n", (long)(tail - buf), rte_pktmbuf_tailroom(m));
    char *head = rte_pktmbuf_prepend(m, 14);
    printf("prepend at %ld headroom %u\n", (long)(head - buf), rte_pktmbuf_headroom(m));
    char *adj = rte_pktmbuf_adj(m, 20);
    printf("adj at %ld headroom %u\n", (long)(adj - buf), rte_pktmbuf_headroom(m));
    printf("trim %d tailroom %u\n", rte_pktmbuf_trim(m, 30), rte_pktmbuf_tailroom(m));
    printf("append(too much) %d prepend(too much) %d\n", rte_pktmbuf_append(m, 4000) == NULL,
           rte_pktmbuf_prepend(m, 4000) == NULL);
    printf("lastseg self %d\n", rte_pktmbuf_lastseg(m) == m);
    printf("refcnt %u update %u read %u\n", rte_mbuf_refcnt_read(m), rte_mbuf_refcnt_update(m, 2),
           rte_mbuf_refcnt_read(m));
    free(m);
    free(buf);
}

static void exercise_locks_and_atomics(void) {
    rte_spinlock_t lock;
    rte_spinlock_init(&lock);
    int first = rte_spinlock_trylock(&lock);
    int locked = rte_spinlock_is_locked(&lock);
    int second = rte_spinlock_trylock(&lock);
    rte_spinlock_unlock(&lock);
    printf("trylock %d is_locked %d trylock again %d after unlock %d\n", first, locked, second,
           rte_spinlock_is_locked(&lock));
    rte_spinlock_lock(&lock);
    rte_spinlock_unlock(&lock);
    rte_atomic16_t a16 = {0};
    rte_atomic32_t a32;
    rte_atomic64_t a64;
    rte_atomic32_init(&a32);
    rte_atomic64_init(&a64);
    rte_atomic16_add(&a16, 7);
    rte_atomic32_add(&a32, 41);
    rte_atomic32_inc(&a32);
    int zero = rte_atomic32_dec_and_test(&a32);
    int64_t r64 = rte_atomic64_add_return(&a64, 1000);
    rte_smp_mb();
    volatile uint32_t u32 = 5;
    volatile uint64_t u64 = 9;
    int c1 = rte_atomic32_cmpset(&u32, 5, 6), c2 = rte_atomic32_cmpset(&u32, 5, 7);
    int c3 = rte_atomic64_cmpset(&u64, 9, 10);
    printf("a16 %d a32 %d dec_and_test %d a64 %ld add_return %ld cmpset %d %d %d -> %u %lu\n", a16.cnt,
           rte_atomic32_read(&a32), zero, (long)rte_atomic64_read(&a64), (long)r64, c1, c2, c3, u32,
           (unsigned long)u64);
}

static void exercise_memcpy_and_time(void) {
    unsigned char *src = malloc(COPY_LEN + 64), *dst = malloc(COPY_LEN + 64);
    for (unsigned i = 0; i < COPY_LEN + 64; i++) src[i] = (unsigned char)(i * 7 + 3);
    static const unsigned sizes[] = {0, 1, 7, 16, 17, 33, 64, 100, 129, 255, 256, 300, 512, 1000, 1500, 2048};
    unsigned long check = 0;
    for (unsigned s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        for (unsigned off = 0; off < 3; off++) {
            memset(dst, 0, COPY_LEN + 64);
            void *ret = rte_memcpy(dst + off, src + 2 * off, sizes[s]);
            check += (ret == dst + off);
            for (unsigned i = 0; i < COPY_LEN + 64; i++) check = check * 31 + dst[i];
        }
    }
    printf("memcpy checksum %lu\n", check);
    free(src);
    free(dst);
    uint64_t t1 = rte_rdtsc();
    for (int i = 0; i < 10; i++) rte_pause();
    uint64_t t2 = rte_rdtsc_precise();
    printf("tsc advances %d\n", t2 > t1);
}

int dpdk_exercise(void) {
    exercise_rings();
    exercise_mbuf();
    exercise_locks_and_atomics();
    exercise_memcpy_and_time();
    return fflush(stdout);
}

/* The benchmark's hot loop (bench/corpus/dpdk/run): a ring round trip, a lock, counters, mbuf accessors
 * and a small copy per iteration, each a helper call in the plain Rust build. */
uint64_t dpdk_hot_loop(uint64_t iterations) {
    struct rte_ring *r = new_ring("hot", RING_F_SP_ENQ | RING_F_SC_DEQ);
    struct rte_mbuf *m = aligned_alloc(64, 128);
    char *buf = aligned_alloc(64, BUF_LEN);
    memset(m, 0, 128);
    uint16_t len = BUF_LEN;
    struct rte_mbuf_ext_shared_info *shinfo = rte_pktmbuf_ext_shinfo_init_helper(buf, &len, no_free, NULL);
    rte_pktmbuf_attach_extbuf(m, buf, 0, len, shinfo);
    rte_mbuf_refcnt_set(m, 1);
    rte_spinlock_t lock;
    rte_spinlock_init(&lock);
    rte_atomic32_t a32;
    rte_atomic64_t a64;
    rte_atomic32_init(&a32);
    rte_atomic64_init(&a64);
    uint64_t objs_[8], out_[8];
    unsigned char src[64], dst[64];
    for (unsigned i = 0; i < 8; i++) objs_[i] = i + 1;
    for (unsigned i = 0; i < 64; i++) src[i] = (unsigned char)i;
    uint64_t acc = 0;
    for (uint64_t i = 0; i < iterations; i++) {
        rte_ring_enqueue_burst(r, (void **)objs_, 8, NULL);
        acc += rte_ring_dequeue_burst(r, (void **)out_, 8, NULL) + out_[i & 7];
        rte_spinlock_lock(&lock);
        rte_atomic32_inc(&a32);
        rte_spinlock_unlock(&lock);
        acc += (uint64_t)rte_atomic64_add_return(&a64, 1);
        rte_pktmbuf_reset(m);
        rte_pktmbuf_append(m, 64);
        rte_pktmbuf_prepend(m, 14);
        rte_pktmbuf_adj(m, 14);
        acc += rte_pktmbuf_headroom(m) + rte_pktmbuf_tailroom(m);
        rte_mbuf_refcnt_update(m, 1);
        acc += rte_mbuf_refcnt_update(m, -1);
        src[i & 63] = (unsigned char)i;
        rte_memcpy(dst, src, 64);
        acc += ((volatile unsigned char *)dst)[(i * 7) & 63];
    }
    acc += (uint64_t)rte_atomic32_read(&a32);
    free(r);
    free(m);
    free(buf);
    return acc;
}
