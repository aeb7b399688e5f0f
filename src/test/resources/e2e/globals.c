int shared_state = 3;
int rust_helper_state(void) { return shared_state; }
