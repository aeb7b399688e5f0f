#include <stdio.h>
#include <stdlib.h>

int sum_to(int n);
int bump(int *cell, int times);

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 100;
    int cell = 5;
    printf("sum_to(%d) = %d\n", n, sum_to(n));
    printf("bump(5, %d) = %d\n", n, bump(&cell, n));
    return 0;
}
