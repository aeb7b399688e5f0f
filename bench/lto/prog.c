/*
 * The LTO benchmark's program: SQLite (the Debian source package, >= 100k lines of C) with a Rust
 * crate that calls the kernel-helpers and SQLite. Prints what the crate computes, so every variant's
 * binary can be checked against the others.  Usage: prog [N]  (default N = 100000).
 */
#include <stdio.h>
#include <stdlib.h>
#include "sqlite3.h"

long bench_helpers(unsigned long n);
long long bench_sqlite(long long n);
int bench_edit_marker(void);

int main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000;
	printf("sqlite %s\n", sqlite3_libversion());
	printf("helpers(%lu) = %ld\n", n, bench_helpers(n));
	long long q = bench_sqlite((long long)n);
	printf("sqlite(%lu) = %lld\n", n, q);
	return q < 0 || bench_edit_marker() < 0;
}
