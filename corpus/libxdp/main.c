/*
 * The libxdp corpus program in C: the work of crate/lib.rs, calling <xdp/xsk.h>'s inline ring
 * functions directly over rings in plain memory (no socket). `run N` prints what the Rust program
 * prints; `bench N` times the same hot loop. Built with `pkg-config --cflags --libs libxdp libbpf`, -O2.
 */
#include <xdp/xsk.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FRAMES 64
#define FRAME_SIZE 2048

/* The memory behind one ring, shared by its producer and consumer views. */
struct ring_memory {
	__u32 producer, consumer, flags;
	void *slots;
	__u32 size;
};

static void ring_memory_init(struct ring_memory *m, __u32 size, size_t slot)
{
	m->producer = m->consumer = m->flags = 0;
	m->slots = calloc(size, slot);
	m->size = size;
}

/* As xsk_socket__create sets up a ring: a producer's cached consumer index is one ring size ahead. */
#define RING_VIEW(m, producer_side) { \
	.cached_prod = (m).producer, \
	.cached_cons = (m).consumer + ((producer_side) ? (m).size : 0), \
	.mask = (m).size - 1, .size = (m).size, \
	.producer = &(m).producer, .consumer = &(m).consumer, \
	.ring = (m).slots, .flags = &(m).flags }

struct tally {
	uint64_t filled, completed, sent, received, cancelled, dropped, bytes, checksum, wakeups, free_seen,
		avail_seen, unaligned;
};

static void run(uint64_t rounds)
{
	uint8_t *umem = calloc(FRAMES, FRAME_SIZE);
	struct ring_memory fill_mem, tx_mem;
	struct tally t = { 0 };

	ring_memory_init(&fill_mem, 32, sizeof(__u64));
	ring_memory_init(&tx_mem, 16, sizeof(struct xdp_desc));
	struct xsk_ring_prod fill = RING_VIEW(fill_mem, 1), tx = RING_VIEW(tx_mem, 1);
	struct xsk_ring_cons comp = RING_VIEW(fill_mem, 0), rx = RING_VIEW(tx_mem, 0);

	for (uint64_t round = 0; round < rounds; round++) {
		__u32 batch = 1 + round % 8, idx = 0, cidx = 0, ridx = 0, reserved, completed, received, keep;

		*fill.flags = round % 4 == 0 ? XDP_RING_NEED_WAKEUP : 0;
		t.wakeups += xsk_ring_prod__needs_wakeup(&fill) != 0;
		t.free_seen += xsk_prod_nb_free(&fill, batch);
		reserved = xsk_ring_prod__reserve(&fill, batch, &idx);
		for (__u32 i = 0; i < reserved; i++)
			*xsk_ring_prod__fill_addr(&fill, idx + i) = (round * 8 + i) % FRAMES * FRAME_SIZE;
		xsk_ring_prod__submit(&fill, reserved);
		t.filled += reserved;

		t.avail_seen += xsk_cons_nb_avail(&comp, 8);
		completed = xsk_ring_cons__peek(&comp, 8, &cidx);
		for (__u32 i = 0; i < completed; i++) {
			__u64 addr = *xsk_ring_cons__comp_addr(&comp, cidx + i);
			__u32 len = 60 + (round + i) % 64, tidx = 0;
			/* every third packet in unaligned-chunk form: its offset in the frame rides in the high bits */
			__u64 offset = i % 3 == 0 ? 4 : 0;
			uint8_t *data = xsk_umem__get_data(umem, addr + offset);

			for (__u32 b = 0; b < len; b++)
				data[b] = (uint8_t)((__u32)round * 31 + b);
			if (xsk_ring_prod__reserve(&tx, 1, &tidx) == 1) {
				struct xdp_desc *desc = xsk_ring_prod__tx_desc(&tx, tidx);

				desc->addr = addr | (offset << XSK_UNALIGNED_BUF_OFFSET_SHIFT);
				desc->len = len;
				desc->options = i;
				xsk_ring_prod__submit(&tx, 1);
				t.sent++;
			} else {
				t.dropped++;
			}
		}
		xsk_ring_cons__release(&comp, completed);
		t.completed += completed;

		received = xsk_ring_cons__peek(&rx, 6, &ridx);
		keep = round % 5 == 4 && received > 0 ? received - 1 : received;
		for (__u32 i = 0; i < keep; i++) {
			const struct xdp_desc *desc = xsk_ring_cons__rx_desc(&rx, ridx + i);
			__u64 raw = desc->addr;
			__u64 addr, base;
			const uint8_t *data;

			if (xsk_umem__extract_offset(raw) != 0)
				t.unaligned++;
			addr = xsk_umem__add_offset_to_addr(raw);
			base = xsk_umem__extract_addr(raw);
			data = xsk_umem__get_data(umem, addr);
			for (__u32 b = 0; b < desc->len; b++)
				t.checksum = t.checksum * 33 + data[b];
			t.checksum += base % FRAME_SIZE + desc->options;
			t.bytes += desc->len;
		}
		xsk_ring_cons__cancel(&rx, received - keep);
		xsk_ring_cons__release(&rx, keep);
		t.cancelled += received - keep;
		t.received += keep;
	}
	printf("rings: filled=%lu completed=%lu sent=%lu dropped=%lu received=%lu cancelled=%lu unaligned=%lu\n",
	       t.filled, t.completed, t.sent, t.dropped, t.received, t.cancelled, t.unaligned);
	printf("data: bytes=%lu checksum=%lu wakeups=%lu free_seen=%lu avail_seen=%lu\n", t.bytes, t.checksum,
	       t.wakeups, t.free_seen, t.avail_seen);
	printf("indices: fill %u/%u tx %u/%u\n", fill_mem.producer, fill_mem.consumer, tx_mem.producer,
	       tx_mem.consumer);
	free(fill_mem.slots);
	free(tx_mem.slots);
	free(umem);
}

static uint64_t bench(uint64_t rounds)
{
	enum { BATCH = 16 };
	struct ring_memory fill_mem, tx_mem;
	uint64_t sum = 0;

	ring_memory_init(&fill_mem, 64, sizeof(__u64));
	ring_memory_init(&tx_mem, 64, sizeof(struct xdp_desc));
	struct xsk_ring_prod fill = RING_VIEW(fill_mem, 1), tx = RING_VIEW(tx_mem, 1);
	struct xsk_ring_cons comp = RING_VIEW(fill_mem, 0), rx = RING_VIEW(tx_mem, 0);

	for (uint64_t round = 0; round < rounds; round++) {
		__u32 idx = 0, cidx = 0, tidx = 0, ridx = 0, n, done, room, got;

		n = xsk_ring_prod__reserve(&fill, BATCH, &idx);
		for (__u32 i = 0; i < n; i++)
			*xsk_ring_prod__fill_addr(&fill, idx + i) = (round + i) % FRAMES * FRAME_SIZE;
		xsk_ring_prod__submit(&fill, n);
		done = xsk_ring_cons__peek(&comp, BATCH, &cidx);
		room = xsk_ring_prod__reserve(&tx, done, &tidx);
		for (__u32 i = 0; i < room; i++) {
			struct xdp_desc *desc = xsk_ring_prod__tx_desc(&tx, tidx + i);

			desc->addr = *xsk_ring_cons__comp_addr(&comp, cidx + i);
			desc->len = 64 + i;
			desc->options = 0;
		}
		xsk_ring_prod__submit(&tx, room);
		xsk_ring_cons__release(&comp, done);
		got = xsk_ring_cons__peek(&rx, BATCH, &ridx);
		for (__u32 i = 0; i < got; i++) {
			const struct xdp_desc *desc = xsk_ring_cons__rx_desc(&rx, ridx + i);

			sum += xsk_umem__add_offset_to_addr(desc->addr) + desc->len;
		}
		xsk_ring_cons__release(&rx, got);
	}
	free(fill_mem.slots);
	free(tx_mem.slots);
	return sum;
}

#include "../driver.h"
