// A rebuild that fails: rustc refuses the crate, so graft writes nothing. (A declaration whose type
// differs from the helper's used to be graft's own failure after rustc ran; graft now inlines it through
// an adapter or keeps the call, as rustc alone would build it.)
extern "C" {
    fn rust_helper_add(a: i32, b: i32) -> i32;
}
compile_error!("this rebuild fails");
