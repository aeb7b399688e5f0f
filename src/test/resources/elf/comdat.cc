// FunctionRemovalTest: an inline C++ function is emitted in a comdat group, which is not the object's to remove.
inline int twice(int x) { return 2 * x; }
int use(int x) { return twice(x) + 1; }
