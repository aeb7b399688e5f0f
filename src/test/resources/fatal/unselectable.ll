; An intrinsic the target cannot select without +aes: LLVM reports a fatal error ("Cannot select")
; from code generation, the path on which it used to end graft with no word of its own.
target triple = "x86_64-unknown-linux-gnu"

define <2 x i64> @needs_aes(<2 x i64> %a, <2 x i64> %b) {
  %r = call <2 x i64> @llvm.x86.aesni.aesenc(<2 x i64> %a, <2 x i64> %b)
  ret <2 x i64> %r
}
declare <2 x i64> @llvm.x86.aesni.aesenc(<2 x i64>, <2 x i64>)
