// FunctionRemovalTest: an aarch64 object without a C library, linked alone with ld.lld.
__attribute__((noinline)) static int scale(int x) { return x * 3 + 1; }

__attribute__((noinline)) int dispatch(int op, int x) {
    switch (op) {
    case 0: return scale(x) + 1;
    case 1: return x * 7;
    case 2: return x - 13;
    case 3: return x ^ 0x55;
    case 4: return x << 2;
    case 5: return scale(x) / 2;
    default: return 0;
    }
}

int start(int op) { return dispatch(op, 5) + scale(op); }
