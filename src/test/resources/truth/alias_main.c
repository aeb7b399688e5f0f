#include <stdio.h>

int through_aliases(int n);

int main(void)
{
	printf("%d\n", through_aliases(10));
	return 0;
}
