use std::env;
use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    bindgen::Builder::default()
        .header("csrc/point.h")
        .allowlist_function("point_dot")
        .generate()
        .expect("bindgen generates the bindings")
        .write_to_file(out.join("bindings.rs"))
        .unwrap();
    cc::Build::new().file("csrc/point.c").compile("point");
    println!("cargo:rerun-if-changed=csrc");
}
