//! Builds the C wrappers the plain way (the fallback: a static library, a call per use), and, when
//! graft is the rustc wrapper, their bitcode as `graft-helpers.bc` in the directory passed with
//! `cargo:rustc-link-search=native=`, where graft finds it for this crate and every crate that
//! depends on it. The cc crate would do the first part in a real -sys crate.
use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let source = Path::new("csrc/wrappers.c");
    println!("cargo:rerun-if-changed=csrc/wrappers.c");
    println!("cargo:rerun-if-changed=csrc/counter.h");

    // The plain build, what `cc::Build::new().file(source).compile("counter_wrappers")` does.
    let cc = env::var("CC").unwrap_or_else(|_| "cc".to_string());
    let object = out.join("wrappers.o");
    run(Command::new(&cc).args(["-c", "-O2", "-fPIC", "-Icsrc", "-o"]).arg(&object).arg(source));
    let archive = out.join("libcounter_wrappers.a");
    let _ = std::fs::remove_file(&archive);
    run(Command::new(env::var("AR").unwrap_or_else(|_| "ar".to_string())).arg("crs").arg(&archive).arg(&object));
    println!("cargo:rustc-link-search=native={}", out.display());
    println!("cargo:rustc-link-lib=static=counter_wrappers");

    // The graft lines: the same sources as helper bitcode, only when graft is the wrapper and the
    // profile optimises (at opt-level 0 graft passes every crate through).
    println!("cargo:rerun-if-env-changed=RUSTC_WRAPPER");
    let helpers = out.join("graft-helpers.bc");
    let _ = std::fs::remove_file(&helpers);
    let optimised = env::var("OPT_LEVEL").map_or(true, |level| level != "0");
    if let Some(graft) = env::var_os("RUSTC_WRAPPER").filter(|w| optimised && Path::new(w).ends_with("graft")) {
        run(Command::new(graft).arg("helpers").arg("-o").arg(&helpers).arg(source).args(["--", "-O2", "-Icsrc"]));
    }
}

fn run(command: &mut Command) {
    let status = command.status().unwrap_or_else(|e| panic!("could not run {:?}: {}", command, e));
    assert!(status.success(), "{:?} failed: {}", command, status);
}
