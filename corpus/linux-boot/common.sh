# Sourced by corpus/linux-boot/{setup,boot-test} and bench/kernel/run: where the Debian trixie root
# and the kernel trees live, how a command runs inside the root, and how a kernel recipe block of docs/kernel.md is read.
# The root is needed because Debian 12's bindgen is too old for CONFIG_RUST; trixie's rustc 1.85.1
# (LLVM 19), bindgen 0.71.1 and clang-19 build Rust kernels.

linux_boot_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
graft_home=$(cd "$linux_boot_here/../.." && pwd)
if [ -z "${GRAFT_CORPUS_DIR:-}" ]; then
  if [ "$(id -u)" -eq 0 ]; then GRAFT_CORPUS_DIR=/var/cache/graft-corpus; else GRAFT_CORPUS_DIR="$HOME/.cache/graft-corpus"; fi
fi
linux_boot_dir="$GRAFT_CORPUS_DIR/linux-boot"
linux_boot_root="$linux_boot_dir/root"

# Debian's name for a guest architecture boot-test takes (--arch).
debian_arch() { case "$1" in x86_64) echo amd64 ;; *) echo "$1" ;; esac; }

# The busybox an initramfs for a guest of architecture $1 carries, as a path in the root: the root's own
# where the guest has the root's architecture (debootstrap's default, the host's), else trixie's
# busybox-static for the guest's, which setup downloads: an amd64 busybox as an arm64 guest's /init
# fails with ENOEXEC and the kernel panics after KUnit.
guest_busybox() {
  if [ "$(debian_arch "$1")" = "$(dpkg --print-architecture)" ]; then
    echo /bin/busybox
  else
    echo "$linux_boot_dir/busybox-$(debian_arch "$1")/usr/bin/busybox"
  fi
}

# The shell block of docs/kernel.md that follows the line "<!-- kernel-recipe: NAME -->": what a user
# types, run here word for word (that page is the single copy of the recipe).
kernel_recipe() {
  awk -v name="$1" '
    $0 == "<!-- kernel-recipe: " name " -->" { armed = 1; next }
    armed && /^```sh$/ { inside = 1; armed = 0; next }
    inside && /^```$/ { exit }
    inside { print }
  ' "$graft_home/docs/kernel.md"
}

# Runs "$@" in the root, in a mount namespace of its own (its mounts vanish with it), with /proc, /dev,
# the corpus's linux-boot directory, this graft checkout and its JDK at the same paths as outside, and
# graft's launcher on PATH. The environment is the root's, not the caller's (no host RUSTC or LLVM),
# but for GRAFT_SERVER and GRAFT_VERBOSE, which choose how graft runs, and graft's inlining settings
# (GRAFT_FORCE_INLINE=1 and the rest of docs/settings.md's table), which a user exports for make.
in_root() {
  local jdk graft_settings=() setting
  jdk=$("$graft_home/scripts/find-jdk")
  for setting in GRAFT_SERVER GRAFT_VERBOSE GRAFT_TIMINGS GRAFT_BACKEND GRAFT_OPT GRAFT_FORCE_INLINE GRAFT_IGNORE_TARGET_COMPAT \
      GRAFT_CALLER_FEATURES_FROM_HELPERS; do
    [ -n "${!setting:-}" ] && graft_settings+=("$setting=${!setting}")
  done
  unshare --mount --propagation private -- bash -euc '
    root=$1 jdk=$2 settings=$3; shift 3
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    for dir in "$jdk" "$@"; do
      [ "$dir" = -- ] && break
      mkdir -p "$root$dir"
      mount --bind "$dir" "$root$dir"
    done
    while [ "$1" != -- ]; do shift; done; shift
    exec chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb JAVA_HOME="$jdk" $settings \
      PATH="'"$graft_home"':/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin" "$@"
  ' in-root "$linux_boot_root" "$jdk" "${graft_settings[*]}" "$linux_boot_dir" "$graft_home" -- "$@"
}

# Seconds since the epoch, with fractions, for the phase times scripts print.
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }'; }
