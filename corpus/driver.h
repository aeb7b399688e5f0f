/*
 * main() of the wrapped libraries' C programs (liburcu, libxdp, liburing), included after the program
 * defines run(N), which prints what the helpers return, and bench(N), the benchmark's hot loop:
 * `PROGRAM run N` and `PROGRAM bench N` (prints "<ns> ns checksum <sum>"), as driver.rs does for Rust.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
	uint64_t n = argc > 2 ? strtoull(argv[2], NULL, 10) : 1000;

	if (argc > 1 && strcmp(argv[1], "bench") == 0) {
		struct timespec start, end;
		uint64_t checksum;

		clock_gettime(CLOCK_MONOTONIC, &start);
		checksum = bench(n);
		clock_gettime(CLOCK_MONOTONIC, &end);
		printf("%lld ns checksum %lu\n", (end.tv_sec - start.tv_sec) * 1000000000LL + end.tv_nsec - start.tv_nsec,
		       (unsigned long)checksum);
		return 0;
	}
	run(n);
	return 0;
}
