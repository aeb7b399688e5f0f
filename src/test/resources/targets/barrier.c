/*
 * An AF_XDP ring's consumer side as libbpf 0.8's xsk.h writes it (wrapped for Rust by the libbpf-sys crate,
 * built for another CPU when a user's CFLAGS say -march=native): integer code whose acquire load and release
 * store are ordered by libbpf's x86 barrier, inline assembly with an empty template, as the kernel's
 * barrier() is. And one helper with a real instruction in its inline assembly.
 */
struct ring {
	unsigned cached_prod, cached_cons, mask, size;
	unsigned *producer, *consumer;
	unsigned long long *ring;
};

#define barrier() __asm__ __volatile__("" ::: "memory")

unsigned rust_helper_ring_peek(struct ring *r, unsigned nb, unsigned *idx)
{
	unsigned entries = r->cached_prod - r->cached_cons;

	if (entries == 0) {
		r->cached_prod = *(volatile unsigned *)r->producer;
		barrier();
		entries = r->cached_prod - r->cached_cons;
	}
	if (entries > nb)
		entries = nb;
	*idx = r->cached_cons;
	r->cached_cons += entries;
	return entries;
}

void rust_helper_ring_release(struct ring *r, unsigned nb)
{
	barrier();
	*(volatile unsigned *)r->consumer = *r->consumer + nb;
}

unsigned rust_helper_ring_fence(unsigned v)
{
	__asm__ __volatile__("mfence" ::: "memory");
	return v;
}
