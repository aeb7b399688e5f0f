#include <stdio.h>

const int *table_a(void);
const int *table_b(void);
int weight_a(int i);
int weight_b(int i);

int main(void)
{
	printf("same table: %d, third entry: %d, weights: %d %d\n", table_a() == table_b(), table_b()[2],
	       weight_a(2), weight_b(3));
	return 0;
}
