/*
 * Helpers for Rust, in the style of Linux's rust/helpers/ directory: one exported wrapper per static
 * inline function or macro that Rust code cannot call. Without graft each Rust use is a call into
 * these; with graft they are inlined into the Rust code.
 */
#include <khelpers.h>

void rust_helper_refcount_set(refcount_t *r, int n) { refcount_set(r, n); }
int rust_helper_refcount_read(const refcount_t *r) { return refcount_read(r); }
void rust_helper_refcount_inc(refcount_t *r) { refcount_inc(r); }
bool rust_helper_refcount_dec_and_test(refcount_t *r) { return refcount_dec_and_test(r); }

void *rust_helper_ERR_PTR(long error) { return ERR_PTR(error); }
long rust_helper_PTR_ERR(const void *ptr) { return PTR_ERR(ptr); }
bool rust_helper_IS_ERR(const void *ptr) { return IS_ERR(ptr); }
bool rust_helper_IS_ERR_OR_NULL(const void *ptr) { return IS_ERR_OR_NULL(ptr); }

void rust_helper_INIT_LIST_HEAD(struct list_head *list) { INIT_LIST_HEAD(list); }
void rust_helper_list_add(struct list_head *new, struct list_head *head) { list_add(new, head); }
void rust_helper_list_add_tail(struct list_head *new, struct list_head *head) { list_add_tail(new, head); }
void rust_helper_list_del(struct list_head *entry) { list_del(entry); }
bool rust_helper_list_empty(const struct list_head *head) { return list_empty(head); }

void rust_helper_set_bit(unsigned long nr, unsigned long *addr) { set_bit(nr, addr); }
void rust_helper_clear_bit(unsigned long nr, unsigned long *addr) { clear_bit(nr, addr); }
bool rust_helper_test_bit(unsigned long nr, const unsigned long *addr) { return test_bit(nr, addr); }
unsigned long rust_helper___ffs(unsigned long word) { return __ffs(word); }

void rust_helper_spin_lock_init(spinlock_t *lock) { spin_lock_init(lock); }
void rust_helper_spin_lock(spinlock_t *lock) { spin_lock(lock); }
void rust_helper_spin_unlock(spinlock_t *lock) { spin_unlock(lock); }
bool rust_helper_spin_trylock(spinlock_t *lock) { return spin_trylock(lock); }

struct kobj *rust_helper_kobj_from_node(struct list_head *node) { return container_of(node, struct kobj, node); }
