/*
 * The liburing corpus program in C: the work of crate/lib.rs, calling <liburing.h>'s inline functions
 * directly, without the io_uring syscalls. SQEs are prepared in memory this program owns and printed
 * word by word; the rings are a struct io_uring over memory it allocated, with the kernel's side (consume
 * the queued SQEs, post one CQE each) played by the program. `run N` prints what the Rust program
 * prints; `bench N` times the same hot loop. Built with `pkg-config --cflags --libs liburing`, -O2.
 */
#include <liburing.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ENTRIES 8
#define CQ_ENTRIES (2 * ENTRIES)
#define PREPS 73
#define ARENA 4096

/* What the prepared SQEs point at: their pointers are printed as offsets in here, the same in Rust. */
static unsigned char arena[ARENA] __attribute__((aligned(64)));
#define P(n) ((void *)(arena + (n)))

/* A word of an SQE or CQE as both programs see it: a pointer into the arena becomes its offset. */
static uint64_t normal(uint64_t w)
{
	uint64_t base = (uintptr_t)arena;

	return w >= base && w < base + ARENA ? w - base : w;
}

static uint64_t mix(uint64_t h, uint64_t w)
{
	return (h ^ normal(w)) * 0x100000001b3ULL;
}

static uint64_t sqe_word(const struct io_uring_sqe *s, int i)
{
	uint64_t w;

	memcpy(&w, (const char *)s + 8 * i, 8);
	return w;
}

/* Prep helper number `which` (header order) on `s`, its arguments varied by `k`. */
static void prep_one(struct io_uring_sqe *s, unsigned which, unsigned k)
{
	int fd = 3 + k % 61;
	unsigned n = 64 + k % 512;
	__u64 off = (__u64)k * 4096;

	switch (which) {
	case 0: io_uring_prep_rw(k % 48, s, fd, P(0), n, off); break;
	case 1: io_uring_prep_splice(s, fd, (int64_t)off, fd + 1, -1, n, k % 4); break;
	case 2: io_uring_prep_tee(s, fd, fd + 1, n, k % 4); break;
	case 3: io_uring_prep_readv(s, fd, P(64), 1 + k % 4, off); break;
	case 4: io_uring_prep_readv2(s, fd, P(64), 1 + k % 4, off, k % 8); break;
	case 5: io_uring_prep_read_fixed(s, fd, P(128), n, off, k % 16); break;
	case 6: io_uring_prep_writev(s, fd, P(64), 1 + k % 4, off); break;
	case 7: io_uring_prep_writev2(s, fd, P(64), 1 + k % 4, off, k % 8); break;
	case 8: io_uring_prep_write_fixed(s, fd, P(128), n, off, k % 16); break;
	case 9: io_uring_prep_recvmsg(s, fd, P(256), k % 8); break;
	case 10: io_uring_prep_recvmsg_multishot(s, fd, P(256), k % 8); break;
	case 11: io_uring_prep_sendmsg(s, fd, P(256), k % 8); break;
	case 12: io_uring_prep_poll_add(s, fd, 1 + k % 64); break;
	case 13: io_uring_prep_poll_multishot(s, fd, 1 + k % 64); break;
	case 14: io_uring_prep_poll_remove(s, 1000 + k); break;
	case 15: io_uring_prep_poll_update(s, 1000 + k, 2000 + k, 1 + k % 64, k % 4); break;
	case 16: io_uring_prep_fsync(s, fd, k % 2); break;
	case 17: io_uring_prep_nop(s); break;
	case 18: io_uring_prep_timeout(s, P(320), k % 4, k % 8); break;
	case 19: io_uring_prep_timeout_remove(s, 1000 + k, k % 8); break;
	case 20: io_uring_prep_timeout_update(s, P(320), 1000 + k, k % 8); break;
	case 21: io_uring_prep_accept(s, fd, P(384), P(448), k % 8); break;
	case 22: io_uring_prep_accept_direct(s, fd, P(384), P(448), k % 8, k % 32); break;
	case 23: io_uring_prep_multishot_accept(s, fd, P(384), P(448), k % 8); break;
	case 24: io_uring_prep_multishot_accept_direct(s, fd, P(384), P(448), k % 8); break;
	case 25: io_uring_prep_cancel64(s, 1000 + k, k % 8); break;
	case 26: io_uring_prep_cancel(s, P(512), k % 8); break;
	case 27: io_uring_prep_cancel_fd(s, fd, k % 8); break;
	case 28: io_uring_prep_link_timeout(s, P(320), k % 8); break;
	case 29: io_uring_prep_connect(s, fd, P(384), 16 + k % 16); break;
	case 30: io_uring_prep_files_update(s, P(576), 1 + k % 8, k % 32); break;
	case 31: io_uring_prep_fallocate(s, fd, k % 4, (off_t)off, 4096 + k); break;
	case 32: io_uring_prep_openat(s, fd, P(640), k % 8, 0644); break;
	case 33: io_uring_prep_openat_direct(s, fd, P(640), k % 8, 0644, k % 32); break;
	case 34: io_uring_prep_close(s, fd); break;
	case 35: io_uring_prep_close_direct(s, k % 32); break;
	case 36: io_uring_prep_read(s, fd, P(128), n, off); break;
	case 37: io_uring_prep_write(s, fd, P(128), n, off); break;
	case 38: io_uring_prep_statx(s, fd, P(640), k % 8, 0x7ff, P(704)); break;
	case 39: io_uring_prep_fadvise(s, fd, off, 4096 + k, k % 6); break;
	case 40: io_uring_prep_madvise(s, P(1024), 4096 + k, k % 6); break;
	case 41: io_uring_prep_send(s, fd, P(128), n, k % 8); break;
	case 42: io_uring_prep_send_zc(s, fd, P(128), n, k % 8, k % 4); break;
	case 43: io_uring_prep_send_zc_fixed(s, fd, P(128), n, k % 8, k % 4, k % 16); break;
	case 44: io_uring_prep_sendmsg_zc(s, fd, P(256), k % 8); break;
	case 45: io_uring_prep_send_set_addr(s, P(384), 16 + k % 16); break;
	case 46: io_uring_prep_recv(s, fd, P(128), n, k % 8); break;
	case 47: io_uring_prep_recv_multishot(s, fd, P(128), n, k % 8); break;
	case 48: io_uring_prep_openat2(s, fd, P(640), P(768)); break;
	case 49: io_uring_prep_openat2_direct(s, fd, P(640), P(768), k % 32); break;
	case 50: io_uring_prep_epoll_ctl(s, fd, fd + 1, 1 + k % 3, P(832)); break;
	case 51: io_uring_prep_provide_buffers(s, P(1024), n, 1 + k % 8, k % 4, k % 16); break;
	case 52: io_uring_prep_remove_buffers(s, 1 + k % 8, k % 4); break;
	case 53: io_uring_prep_shutdown(s, fd, k % 3); break;
	case 54: io_uring_prep_unlinkat(s, fd, P(640), k % 2 ? 0x200 : 0); break;
	case 55: io_uring_prep_unlink(s, P(640), k % 2 ? 0x200 : 0); break;
	case 56: io_uring_prep_renameat(s, fd, P(640), fd + 1, P(896), k % 4); break;
	case 57: io_uring_prep_rename(s, P(640), P(896)); break;
	case 58: io_uring_prep_sync_file_range(s, fd, n, off, k % 8); break;
	case 59: io_uring_prep_mkdirat(s, fd, P(640), 0755); break;
	case 60: io_uring_prep_mkdir(s, P(640), 0755); break;
	case 61: io_uring_prep_symlinkat(s, P(640), fd, P(896)); break;
	case 62: io_uring_prep_symlink(s, P(640), P(896)); break;
	case 63: io_uring_prep_linkat(s, fd, P(640), fd + 1, P(896), k % 2); break;
	case 64: io_uring_prep_link(s, P(640), P(896), k % 2); break;
	case 65: io_uring_prep_msg_ring(s, fd, n, 1000 + k, k % 2); break;
	case 66: io_uring_prep_getxattr(s, P(960), P(1024), P(640), n); break;
	case 67: io_uring_prep_setxattr(s, P(960), P(1024), P(640), k % 3, n); break;
	case 68: io_uring_prep_fgetxattr(s, fd, P(960), P(1024), n); break;
	case 69: io_uring_prep_fsetxattr(s, fd, P(960), P(1024), k % 3, n); break;
	case 70: io_uring_prep_socket(s, 2 + k % 9, 1 + k % 2, 0, k % 4); break;
	case 71: io_uring_prep_socket_direct(s, 2 + k % 9, 1 + k % 2, 0, k % 32, k % 4); break;
	case 72: io_uring_prep_socket_direct_alloc(s, 2 + k % 9, 1 + k % 2, 0, k % 4); break;
	}
}

/* The memory the kernel shares with a ring: indices, flags, SQEs and CQEs, all the program's. */
struct ring_memory {
	unsigned sq_head, sq_tail, sq_flags, sq_dropped, sq_mask, sq_entries, array[ENTRIES];
	unsigned cq_head, cq_tail, cq_flags, cq_overflow, cq_mask, cq_entries;
	struct io_uring_sqe sqes[ENTRIES];
	struct io_uring_cqe cqes[CQ_ENTRIES];
};

/* As io_uring_queue_init maps a ring (features 0: a CQE with LIBURING_UDATA_TIMEOUT is liburing's own). */
static void ring_init(struct io_uring *ring, struct ring_memory *m)
{
	memset(ring, 0, sizeof(*ring));
	memset(m, 0, sizeof(*m));
	m->sq_mask = ENTRIES - 1;
	m->sq_entries = ENTRIES;
	m->cq_mask = CQ_ENTRIES - 1;
	m->cq_entries = CQ_ENTRIES;
	ring->sq.khead = &m->sq_head;
	ring->sq.ktail = &m->sq_tail;
	ring->sq.kring_mask = &m->sq_mask;
	ring->sq.kring_entries = &m->sq_entries;
	ring->sq.kflags = &m->sq_flags;
	ring->sq.kdropped = &m->sq_dropped;
	ring->sq.array = m->array;
	ring->sq.sqes = m->sqes;
	ring->sq.ring_mask = ENTRIES - 1;
	ring->sq.ring_entries = ENTRIES;
	ring->cq.khead = &m->cq_head;
	ring->cq.ktail = &m->cq_tail;
	ring->cq.kring_mask = &m->cq_mask;
	ring->cq.kring_entries = &m->cq_entries;
	ring->cq.kflags = &m->cq_flags;
	ring->cq.koverflow = &m->cq_overflow;
	ring->cq.cqes = m->cqes;
	ring->cq.ring_mask = CQ_ENTRIES - 1;
	ring->cq.ring_entries = CQ_ENTRIES;
	ring->ring_fd = -1;
	ring->enter_ring_fd = -1;
}

static void post_cqe(struct ring_memory *m, uint64_t user_data, int res, unsigned flags)
{
	struct io_uring_cqe *c = &m->cqes[m->cq_tail & (CQ_ENTRIES - 1)];

	c->user_data = user_data;
	c->res = res;
	c->flags = flags;
	m->cq_tail++;
}

/* The kernel's side: consume every SQE queued since the last call, post a CQE for each. */
static void kernel_complete(struct ring_memory *m, const struct io_uring *ring)
{
	for (unsigned head = m->sq_head; head != ring->sq.sqe_tail; head++) {
		const struct io_uring_sqe *s = &m->sqes[head & (ENTRIES - 1)];

		post_cqe(m, s->user_data, (int)(s->len + s->opcode), s->flags);
	}
	m->sq_head = ring->sq.sqe_tail;
}

struct tally {
	uint64_t queued, full, space, ready, sqwait, reaped, cq_ready, again, overflow, eventfd, toggles, checksum;
};

static void run(uint64_t rounds)
{
	struct io_uring_sqe one;
	struct ring_memory *m = calloc(1, sizeof(*m));
	struct io_uring ring;
	uint64_t bufs[2 * ENTRIES] = { 0 };
	struct io_uring_buf_ring *br = (struct io_uring_buf_ring *)bufs;
	struct tally t = { 0 };

	for (unsigned i = 0; i < PREPS; i++) {
		memset(&one, 0xa5, sizeof(one));
		prep_one(&one, i, 7);
		printf("prep %2u:", i);
		for (int w = 0; w < 8; w++)
			printf(" %016lx", normal(sqe_word(&one, w)));
		printf("\n");
	}

	ring_init(&ring, m);
	io_uring_buf_ring_init(br);
	for (uint64_t round = 0; round < rounds; round++) {
		unsigned batch = 1 + round % ENTRIES, n, mode = round % 3;
		int mask = io_uring_buf_ring_mask(ENTRIES);

		t.space += io_uring_sq_space_left(&ring);
		for (unsigned i = 0; i < batch; i++) {
			struct io_uring_sqe *s = io_uring_get_sqe(&ring);

			if (!s) {
				t.full++;
				break;
			}
			prep_one(s, (round * 7 + i) % PREPS, round + i);
			if (i % 2)
				io_uring_sqe_set_data64(s, round << 8 | i);
			else
				io_uring_sqe_set_data(s, P(round % 64 * 8));
			io_uring_sqe_set_flags(s, (round + i) % 4 ? 0 : IOSQE_IO_LINK);
			for (int w = 0; w < 8; w++)
				t.checksum = mix(t.checksum, sqe_word(s, w));
			t.queued++;
		}
		t.ready += io_uring_sq_ready(&ring);
		t.sqwait += io_uring_sqring_wait(&ring);
		/* liburing skips a CQE of its own timeouts (while it has no EXT_ARG), reporting an error one */
		if (round % 5 == 0 && mode != 2)
			post_cqe(m, LIBURING_UDATA_TIMEOUT, round % 10 == 0 ? -62 : 0, 0);
		kernel_complete(m, &ring);

		m->sq_flags = round % 11 == 0 ? IORING_SQ_CQ_OVERFLOW : 0;
		t.overflow += io_uring_cq_has_overflow(&ring);
		m->sq_flags = 0;
		t.eventfd += io_uring_cq_eventfd_enabled(&ring);
		t.toggles += io_uring_cq_eventfd_toggle(&ring, round % 2) == 0;

		for (unsigned i = 0; i < 2; i++)
			io_uring_buf_ring_add(br, P(1024 + (round % 8) * 64), 64 + i, (unsigned short)(round + i), mask, i);
		io_uring_buf_ring_advance(br, 2);

		n = io_uring_cq_ready(&ring);
		t.cq_ready += n;
		if (mode == 0) {
			/* as io_uring_for_each_cqe walks them, then one advance for all */
			for (unsigned j = 0; j < n; j++) {
				const struct io_uring_cqe *c = &m->cqes[(m->cq_head + j) & (CQ_ENTRIES - 1)];

				t.checksum = mix(t.checksum, io_uring_cqe_get_data64(c));
				t.checksum = mix(t.checksum, (uint64_t)(int64_t)c->res);
			}
			if (round % 6 == 0)
				io_uring_buf_ring_cq_advance(&ring, br, n);
			else
				io_uring_cq_advance(&ring, n);
			t.reaped += n;
		} else {
			for (;;) {
				struct io_uring_cqe *c = NULL;
				int ret = mode == 1 || io_uring_cq_ready(&ring) == 0 ? io_uring_peek_cqe(&ring, &c)
										   : io_uring_wait_cqe(&ring, &c);

				if (ret < 0) {
					t.again += ret == -EAGAIN;
					break;
				}
				t.checksum = mix(t.checksum, (uintptr_t)io_uring_cqe_get_data(c));
				t.checksum = mix(t.checksum, (uint64_t)(int64_t)c->res + c->flags);
				io_uring_cqe_seen(&ring, c);
				t.reaped++;
			}
		}
	}
	printf("sq: queued=%lu full=%lu space=%lu ready=%lu sqwait=%lu\n", t.queued, t.full, t.space, t.ready,
	       t.sqwait);
	printf("cq: reaped=%lu ready=%lu again=%lu overflow=%lu eventfd=%lu toggles=%lu\n", t.reaped, t.cq_ready,
	       t.again, t.overflow, t.eventfd, t.toggles);
	printf("checksum=%lu\n", t.checksum);
	printf("indices: sq %u/%u cq %u/%u cq flags %u buf tail %u\n", m->sq_head, ring.sq.sqe_tail, m->cq_head,
	       m->cq_tail, m->cq_flags, (unsigned)br->tail);
	free(m);
}

/* The hot loop: queue a batch of reads, let the kernel's side complete them, reap every CQE. */
static uint64_t bench(uint64_t rounds)
{
	struct ring_memory *m = calloc(1, sizeof(*m));
	struct io_uring ring;
	uint64_t sum = 0;

	ring_init(&ring, m);
	for (uint64_t round = 0; round < rounds; round++) {
		unsigned n;

		for (unsigned i = 0; i < ENTRIES; i++) {
			struct io_uring_sqe *s = io_uring_get_sqe(&ring);

			if (!s)
				break;
			io_uring_prep_read(s, 3 + i, P(128), 4096, round * 4096);
			io_uring_sqe_set_data64(s, round * ENTRIES + i);
		}
		kernel_complete(m, &ring);
		n = io_uring_cq_ready(&ring);
		for (unsigned j = 0; j < n; j++) {
			struct io_uring_cqe *c = NULL;

			if (io_uring_peek_cqe(&ring, &c) != 0)
				break;
			sum += io_uring_cqe_get_data64(c) + (uint64_t)c->res;
			io_uring_cqe_seen(&ring, c);
		}
	}
	free(m);
	return sum;
}

#include "../driver.h"
