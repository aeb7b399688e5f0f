//! The plain build's static library of the helpers, and, when graft is the rustc wrapper, their bitcode
//! as `graft-helpers.bc` beside it (as examples/cargo-workspace's counter-sys does).
use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let source = Path::new("csrc/helpers.c");
    println!("cargo:rerun-if-changed=csrc/helpers.c");
    let cc = env::var("CC").unwrap_or_else(|_| "cc".to_string());
    let object = out.join("helpers.o");
    run(Command::new(&cc).args(["-c", "-O2", "-fPIC", "-o"]).arg(&object).arg(source));
    let archive = out.join("libpatched_helpers.a");
    let _ = std::fs::remove_file(&archive);
    run(Command::new(env::var("AR").unwrap_or_else(|_| "ar".to_string())).arg("crs").arg(&archive).arg(&object));
    println!("cargo:rustc-link-search=native={}", out.display());
    println!("cargo:rustc-link-lib=static=patched_helpers");
    println!("cargo:rerun-if-env-changed=RUSTC_WRAPPER");
    let helpers = out.join("graft-helpers.bc");
    let _ = std::fs::remove_file(&helpers);
    if let Some(graft) = env::var_os("RUSTC_WRAPPER").filter(|w| Path::new(w).ends_with("graft")) {
        run(Command::new(graft).arg("helpers").arg("-o").arg(&helpers).arg(source).args(["--", "-O2"]));
    }
}

fn run(command: &mut Command) {
    let status = command.status().expect("the command starts");
    assert!(status.success(), "{command:?} failed");
}
