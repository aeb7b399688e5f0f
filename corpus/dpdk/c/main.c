int dpdk_exercise(void);
int main(void) { return dpdk_exercise(); }
