#include <stdio.h>
#include <stdlib.h>

int build_kind(int x);

int main(int argc, char **argv)
{
	int x = argc > 1 ? atoi(argv[1]) : 1;
	printf("build_kind(%d) = %d\n", x, build_kind(x));
	return 0;
}
