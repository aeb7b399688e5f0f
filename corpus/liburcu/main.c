/*
 * The liburcu corpus program in C: the work of crate/lib.rs, calling liburcu's inline functions and
 * macros directly (_LGPL_SOURCE, urcu-memb flavour). `run N` prints what the Rust program prints;
 * `bench N` times the same hot loop. Built with `pkg-config --cflags --libs liburcu-memb`, -O2.
 */
#define _LGPL_SOURCE
#include <urcu/urcu-memb.h>
#include <urcu/pointer.h>
#include <urcu/uatomic.h>
#include <urcu/arch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct node {
	unsigned long value;
	unsigned long generation;
};

static struct node *node(unsigned long value, unsigned long generation)
{
	struct node *n = malloc(sizeof(*n));

	n->value = value;
	n->generation = generation;
	return n;
}

static void read_side(unsigned long n)
{
	struct node *head = NULL;
	unsigned long sum = 0, ongoing = 0, generations = 0;
	int nested, still, after;

	rcu_assign_pointer(head, node(1, 0));
	for (unsigned long i = 0; i < n; i++) {
		struct node *p;

		urcu_memb_read_lock();
		p = rcu_dereference(head);
		sum += p->value;
		generations += p->generation;
		ongoing += urcu_memb_read_ongoing() != 0;
		urcu_memb_read_unlock();
		if (i % 64 == 63) {
			struct node *old = rcu_xchg_pointer(&head, node(i + 2, i / 64 + 1));

			urcu_memb_synchronize_rcu();
			free(old);
		}
	}
	urcu_memb_read_lock();
	urcu_memb_read_lock();
	nested = urcu_memb_read_ongoing() != 0;
	urcu_memb_read_unlock();
	still = urcu_memb_read_ongoing() != 0;
	urcu_memb_read_unlock();
	after = urcu_memb_read_ongoing() != 0;
	printf("read side: sum=%lu generations=%lu ongoing=%lu nested=%d %d %d\n", sum, generations, ongoing,
	       nested, still, after);
	free(rcu_dereference(head));
}

static void pointers(void)
{
	struct node *a = node(10, 0), *b = node(20, 0), *slot = NULL, *old;
	int hit, miss, empty;
	unsigned long now, old_value;

	rcu_set_pointer(&slot, a);
	hit = rcu_cmpxchg_pointer(&slot, a, b) == a;
	miss = rcu_cmpxchg_pointer(&slot, a, NULL) == b;
	now = rcu_dereference(slot)->value;
	old = rcu_xchg_pointer(&slot, NULL);
	old_value = old->value;
	empty = rcu_dereference(slot) == NULL;
	printf("pointers: cmpxchg hit=%d miss=%d value=%lu xchg old=%lu empty=%d\n", hit, miss, now, old_value,
	       empty);
	free(a);
	free(b);
}

static void uatomics(unsigned long n)
{
	unsigned long c = 0, added, subtracted, swapped, cas_hit, cas_miss, last, total = 0;

	uatomic_set(&c, 5);
	uatomic_add(&c, 10);
	uatomic_sub(&c, 3);
	uatomic_inc(&c);
	uatomic_dec(&c);
	added = uatomic_add_return(&c, 8);
	subtracted = uatomic_sub_return(&c, 4);
	swapped = uatomic_xchg(&c, 0xff);
	cas_hit = uatomic_cmpxchg(&c, 0xff, 0x1f0);
	cas_miss = uatomic_cmpxchg(&c, 0, 1);
	uatomic_and(&c, 0x0f0);
	uatomic_or(&c, 0x3);
	last = uatomic_read(&c);
	for (unsigned long i = 0; i < n; i++) {
		total += uatomic_add_return(&c, i);
		if (i % 3 == 0)
			uatomic_dec(&c);
	}
	printf("uatomic: %lu %lu %lu %#lx %#lx %#lx total=%lu final=%lu\n", added, subtracted, swapped, cas_hit,
	       cas_miss, last, total, uatomic_read(&c));
}

static void barriers(unsigned long n)
{
	unsigned long flag = 0;

	for (unsigned long i = 0; i < n; i++) {
		uatomic_set(&flag, i);
		cmm_smp_wmb();
		cmm_smp_mb();
		cmm_smp_rmb();
		caa_cpu_relax();
	}
	printf("barriers: flag=%lu\n", uatomic_read(&flag));
}

static unsigned long bench(unsigned long n)
{
	struct node *head = NULL;
	unsigned long counter = 0, sum = 0;

	urcu_memb_register_thread();
	rcu_assign_pointer(head, node(3, 0));
	for (unsigned long i = 0; i < n; i++) {
		struct node *p;

		urcu_memb_read_lock();
		p = rcu_dereference(head);
		sum += p->value ^ i;
		urcu_memb_read_unlock();
		uatomic_inc(&counter);
	}
	free(rcu_dereference(head));
	urcu_memb_unregister_thread();
	return sum + uatomic_read(&counter);
}

static void run(unsigned long n)
{
	urcu_memb_register_thread();
	read_side(n);
	pointers();
	uatomics(n);
	barriers(n);
	urcu_memb_unregister_thread();
}

#include "../driver.h"
