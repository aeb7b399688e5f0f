/*
 * A small "kernel API" in the style of Linux's headers, written for graft's demo: everything is a
 * static inline function or a macro, which Rust cannot call. It needs no libc header, so it also
 * compiles with kernel flags (-nostdinc, -ffreestanding).
 */
#ifndef KHELPERS_H
#define KHELPERS_H

typedef _Bool bool;
#define true 1
#define false 0
typedef __SIZE_TYPE__ size_t;
typedef __UINTPTR_TYPE__ uintptr_t;

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

/* ---- refcount ---------------------------------------------------------------------------- */

typedef struct { int refs; } refcount_t;

static inline void refcount_set(refcount_t *r, int n) { __atomic_store_n(&r->refs, n, __ATOMIC_RELAXED); }
static inline int refcount_read(const refcount_t *r) { return __atomic_load_n(&r->refs, __ATOMIC_RELAXED); }
static inline void refcount_inc(refcount_t *r) { __atomic_fetch_add(&r->refs, 1, __ATOMIC_RELAXED); }

/* True when the count dropped to zero: the caller then owns the object's release. */
static inline bool refcount_dec_and_test(refcount_t *r)
{
	return __atomic_sub_fetch(&r->refs, 1, __ATOMIC_ACQ_REL) == 0;
}

/* ---- error pointers ---------------------------------------------------------------------- */

#define MAX_ERRNO 4095
#define IS_ERR_VALUE(x) unlikely((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)

static inline void *ERR_PTR(long error) { return (void *)error; }
static inline long PTR_ERR(const void *ptr) { return (long)ptr; }
static inline bool IS_ERR(const void *ptr) { return IS_ERR_VALUE((unsigned long)ptr); }
static inline bool IS_ERR_OR_NULL(const void *ptr) { return unlikely(!ptr) || IS_ERR_VALUE((unsigned long)ptr); }

/* ---- doubly linked lists ----------------------------------------------------------------- */

struct list_head {
	struct list_head *next, *prev;
};

static inline void INIT_LIST_HEAD(struct list_head *list)
{
	list->next = list;
	list->prev = list;
}

static inline void __list_add(struct list_head *new, struct list_head *prev, struct list_head *next)
{
	next->prev = new;
	new->next = next;
	new->prev = prev;
	prev->next = new;
}

static inline void list_add(struct list_head *new, struct list_head *head) { __list_add(new, head, head->next); }
static inline void list_add_tail(struct list_head *new, struct list_head *head) { __list_add(new, head->prev, head); }

static inline void list_del(struct list_head *entry)
{
	entry->next->prev = entry->prev;
	entry->prev->next = entry->next;
	entry->next = (struct list_head *)0x100;	/* poison, as the kernel does */
	entry->prev = (struct list_head *)0x122;
}

static inline bool list_empty(const struct list_head *head) { return head->next == head; }

/* ---- bit operations ---------------------------------------------------------------------- */

#define BITS_PER_LONG (8 * sizeof(unsigned long))
#define BIT_WORD(nr) ((nr) / BITS_PER_LONG)
#define BIT_MASK(nr) (1UL << ((nr) % BITS_PER_LONG))

static inline void set_bit(unsigned long nr, unsigned long *addr)
{
	__atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_RELAXED);
}

static inline void clear_bit(unsigned long nr, unsigned long *addr)
{
	__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_RELAXED);
}

static inline bool test_bit(unsigned long nr, const unsigned long *addr)
{
	return (__atomic_load_n(&addr[BIT_WORD(nr)], __ATOMIC_RELAXED) >> (nr % BITS_PER_LONG)) & 1;
}

static inline unsigned long __ffs(unsigned long word) { return __builtin_ctzl(word); }

/* ---- a spinlock (test-and-set; uncontended in the demo) --------------------------------- */

typedef struct { int locked; } spinlock_t;

static inline void spin_lock_init(spinlock_t *lock) { __atomic_store_n(&lock->locked, 0, __ATOMIC_RELAXED); }

static inline bool spin_trylock(spinlock_t *lock)
{
	return !__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE);
}

static inline void spin_lock(spinlock_t *lock)
{
	while (unlikely(!spin_trylock(lock)))
		while (__atomic_load_n(&lock->locked, __ATOMIC_RELAXED))
			__builtin_ia32_pause();
}

static inline void spin_unlock(spinlock_t *lock) { __atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE); }

/* ---- container_of ------------------------------------------------------------------------ */

#define container_of(ptr, type, member) ((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

/* An object embedding a list node, as kernel structures do. */
struct kobj {
	long id;
	refcount_t ref;
	struct list_head node;
};

#endif
