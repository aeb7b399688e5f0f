// FunctionRemovalTest: a C program whose static and global functions are replaced, with a jump table the
// global one owns and a constructor that must still run. No headers: it compiles for any target.
int printf(const char *format, ...);
int puts(const char *text);

int table_base;

__attribute__((constructor)) static void set_base(void) {
    table_base = 100;
    puts("set_base ran");
}

__attribute__((noinline)) static int scale(int x) { return x * 3 + table_base; }

// Private state and a private function the replaced dispatch keeps using: reached through hidden aliases.
static int calls[8];

__attribute__((noinline)) static void count(int op) { calls[op & 7] += op + 1; }

__attribute__((noinline)) int dispatch(int op, int x) {
    count(op);
    switch (op) {
    case 0: return scale(x) + 1;
    case 1: return x * 7;
    case 2: return x - 13;
    case 3: return x ^ 0x55;
    case 4: return x << 2;
    case 5: return scale(x) / 2;
    case 6: return -x;
    default: return 0;
    }
}

// Another name of dispatch, in the same section: it goes with dispatch or not at all.
int dispatch_again(int op, int x) __attribute__((alias("dispatch")));

int main(int argc, char **argv) {
    (void) argv;
    long acc = 0;
    for (int i = 0; i < 1000; i++) {
        acc += dispatch((i + argc) % 8, i);
    }
    acc += dispatch_again(1, argc);
    count(7);
    printf("%ld %d %d %d\n", acc, scale(argc), calls[0], calls[7]);
    return 0;
}
