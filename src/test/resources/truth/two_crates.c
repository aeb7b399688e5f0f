/* Calls the helper once through crate a and twice through crate b: a shared counter ends at 3. */
#include <stdio.h>

int a_next(void);
int b_next(void);

int main(void)
{
	a_next();
	b_next();
	printf("%d\n", b_next());
	return 0;
}
