/*
 * Runs each of the demo crate's entry points and checks it against the same loop written in C on
 * the inline API itself (khelpers.h), so a result is checked, not merely recorded.
 * Usage: main [N]   (default N = 1000). Exits 1 if any result differs from the C reference.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <khelpers.h>

long demo_refcount(unsigned long n);
long demo_err_ptr(unsigned long n);
long demo_list(unsigned long n);
long demo_bitmap(unsigned long n);
long demo_spinlock(unsigned long n);

static long c_refcount(unsigned long n)
{
	refcount_t r;
	long early = 0;
	refcount_set(&r, 1);
	for (unsigned long i = 0; i < n; i++)
		refcount_inc(&r);
	for (unsigned long i = 0; i < n; i++)
		early += refcount_dec_and_test(&r);
	long before = refcount_read(&r);
	long last = refcount_dec_and_test(&r);
	return before * 1000 + last + early;
}

static long c_err_ptr(unsigned long n)
{
	long target = 0, sum = 0, err_or_null = 0;
	for (unsigned long i = 0; i < n; i++) {
		void *p = i % 3 == 0 ? ERR_PTR(-(long)((i % 4095) + 1)) : i % 3 == 1 ? NULL : (void *)&target;
		if (IS_ERR(p))
			sum += PTR_ERR(p);
		err_or_null += IS_ERR_OR_NULL(p);
	}
	return sum * 10 - err_or_null;
}

static long c_list(unsigned long n)
{
	struct list_head head;
	struct kobj objs[8];
	bool on_list[8] = { 0 };
	long empties = 0, checksum = 0;
	memset(objs, 0, sizeof(objs));
	INIT_LIST_HEAD(&head);
	for (int k = 0; k < 8; k++)
		objs[k].id = k + 1;
	for (unsigned long i = 0; i < n; i++) {
		unsigned long k = (i * 5) % 8;
		if (on_list[k]) {
			list_del(&objs[k].node);
			on_list[k] = false;
		} else if (i % 2 == 0) {
			list_add(&objs[k].node, &head);
			on_list[k] = true;
		} else {
			list_add_tail(&objs[k].node, &head);
			on_list[k] = true;
		}
		empties += list_empty(&head);
	}
	for (struct list_head *pos = head.next; pos != &head; pos = pos->next)
		checksum = checksum * 31 + container_of(pos, struct kobj, node)->id;
	return checksum * 1000 + empties;
}

static long c_bitmap(unsigned long n)
{
	unsigned long map[4] = { 0 };
	long count = 0, first = -1;
	for (unsigned long i = 0; i < n; i++) {
		unsigned long nr = (i * 7) % 256;
		if (test_bit(nr, map))
			clear_bit(nr, map);
		else
			set_bit(nr, map);
	}
	for (unsigned long nr = 0; nr < 256; nr++)
		count += test_bit(nr, map);
	for (int w = 0; w < 4; w++)
		if (map[w]) {
			first = w * 64 + (long)__ffs(map[w]);
			break;
		}
	return count * 1000 + first;
}

static long c_spinlock(unsigned long n)
{
	spinlock_t lock;
	long sections = 0, trylocks = 0;
	spin_lock_init(&lock);
	for (unsigned long i = 0; i < n; i++) {
		spin_lock(&lock);
		sections++;
		if (i % 4 == 0 && spin_trylock(&lock))
			trylocks++;
		spin_unlock(&lock);
		if (i % 4 == 1 && spin_trylock(&lock)) {
			trylocks++;
			spin_unlock(&lock);
		}
	}
	return sections * 10 + trylocks;
}

static int check(const char *name, unsigned long n, long rust, long c)
{
	printf("%s(%lu) = %ld%s\n", name, n, rust, rust == c ? "" : "   MISMATCH with the C reference");
	return rust == c;
}

int main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000;
	int ok = 1;
	ok &= check("demo_refcount", n, demo_refcount(n), c_refcount(n));
	ok &= check("demo_err_ptr", n, demo_err_ptr(n), c_err_ptr(n));
	ok &= check("demo_list", n, demo_list(n), c_list(n));
	ok &= check("demo_bitmap", n, demo_bitmap(n), c_bitmap(n));
	ok &= check("demo_spinlock", n, demo_spinlock(n), c_spinlock(n));
	return ok ? 0 : 1;
}
