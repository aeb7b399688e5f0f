/*
 * A plain object whose code refers to memset (tail calls), to an extern function, to a constant table,
 * and to a static function in .text from another section (a relocation against .text itself).
 */
#include <string.h>

extern int ext(int x);

static const int table[8] = { 3, 1, 4, 1, 5, 9, 2, 6 };

static int __attribute__((noinline)) local(int x) { return x * 5; }

__attribute__((section(".text.other"))) int other(int x) { return local(x) + ext(x); }

void clear(char *p, unsigned long n) { memset(p, 0, n); }

void fill(char *p) { memset(p, 1, 1000); }

int pick(int i) { return table[i & 7]; }
