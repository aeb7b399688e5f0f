#include <stdio.h>

unsigned mix_all(unsigned n);
unsigned bits_all(unsigned n);
unsigned crc_all(unsigned n);

int main(void)
{
	printf("mix %u bits %u crc %u\n", mix_all(100000), bits_all(100000), crc_all(100000));
	return 0;
}
