int rust_helper_broken(int x) { return x + ; }
