//! What a bindgen build script does with `--wrap-static-fns`: bindgen writes the wrappers into OUT_DIR
//! (here written by hand, in bindgen's words), and cc compiles them.
use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let header = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap()).join("csrc/mathx.h");
    let wrappers = out.join("extern.c");
    fs::write(&wrappers, format!(
        "#include \"{}\"\n\n\
         // Static wrappers\n\n\
         uint32_t clamp_add__extern(uint32_t a, uint32_t b, uint32_t limit) {{ return clamp_add(a, b, limit); }}\n\
         uint64_t rotmix__extern(uint64_t x, unsigned r) {{ return rotmix(x, r); }}\n",
        header.display())).unwrap();
    println!("cargo:rerun-if-changed=csrc/mathx.h");
    cc::Build::new().file(&wrappers).include("csrc").compile("mathx_extern");
}
