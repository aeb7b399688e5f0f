# What graft's shell scripts (scripts/, corpus/, bench/) share. Source it:
#   . "$here/scripts/lib.sh"
# It defines functions and nothing else. Every message goes to stderr, so a script's stdout stays its own.

# find_rustc: rustc's path: $RUSTC, else rustc on PATH, else ~/.cargo/bin/rustc (graft's own order).
find_rustc() {
  if [ -n "${RUSTC:-}" ]; then echo "$RUSTC"; return; fi
  if command -v rustc >/dev/null 2>&1; then command -v rustc; return; fi
  if [ -x "$HOME/.cargo/bin/rustc" ]; then echo "$HOME/.cargo/bin/rustc"; return; fi
  echo "graft: rustc not found (install Rust with rustup, or set RUSTC)" >&2
  exit 1
}

# rustc_llvm_major [RUSTC]: the major version of the LLVM that rustc was built with (from rustc -vV).
rustc_llvm_major() {
  local rustc=${1:-$(find_rustc)} major
  major=$("$rustc" -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
  [ -n "$major" ] || { echo "graft: $rustc does not report an LLVM version" >&2; exit 1; }
  echo "$major"
}

# llvm_bin [RUSTC]: the directory of the LLVM tools of rustc's LLVM version, where graft looks for them:
# GRAFT_LLVM_DIR (its bin/, or the directory itself when it holds clang), else /usr/lib/llvm-N/bin.
llvm_bin() {
  local dir=${GRAFT_LLVM_DIR:-/usr/lib/llvm-$(rustc_llvm_major "${1:-$(find_rustc)}")}
  if [ -x "$dir/bin/clang" ] || [ ! -x "$dir/clang" ]; then echo "$dir/bin"; else echo "$dir"; fi
}

# corpus_dir: where the corpus is prepared: $GRAFT_CORPUS_DIR, else /var/cache/graft-corpus as root,
# else ~/.cache/graft-corpus.
corpus_dir() {
  if [ -n "${GRAFT_CORPUS_DIR:-}" ]; then echo "$GRAFT_CORPUS_DIR"
  elif [ "$(id -u)" -eq 0 ]; then echo /var/cache/graft-corpus
  else echo "$HOME/.cache/graft-corpus"
  fi
}

# install_debian_packages WHO PACKAGE...: installs the packages that are not installed yet, as root
# (waiting for another installer's dpkg lock, and updating the package lists only if they are stale);
# otherwise prints the command to run and exits 1. WHO begins each message.
install_debian_packages() {
  local who=$1 p missing=()
  shift
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "$who: missing Debian packages; run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "$who: installing ${missing[*]}" >&2
  local apt=(apt-get -o DPkg::Lock::Timeout=600)
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq "${missing[@]}" >&2 || {
    "${apt[@]}" update -qq >&2
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq "${missing[@]}" >&2
  }
}

# time_us [--log FILE] CMD...: runs CMD once and prints its wall time in microseconds. CMD's output is
# discarded, or written to FILE; if CMD fails, the script stops (showing FILE's end).
time_us() {
  local log=/dev/null start end
  if [ "$1" = --log ]; then log=$2; shift 2; fi
  start=${EPOCHREALTIME/./}
  "$@" >"$log" 2>&1 || { echo "bench: failed: $*" >&2; [ "$log" = /dev/null ] || tail -20 "$log" >&2; exit 1; }
  end=${EPOCHREALTIME/./}
  echo $((end - start))
}

# median [VALUE...]: the median of the values (of stdin's whitespace-separated numbers when none are
# given): the middle one, or the mean of the two middle ones for an even count. The same statistic
# as the Java benchmarks' Stats.median.
median() {
  { if [ $# -gt 0 ]; then printf '%s\n' "$@"; else tr -s ' \t' '\n\n'; fi; } | sed '/^$/d' | sort -g |
    awk -v OFMT='%.10g' '{ a[NR] = $1 } END { if (NR == 0) exit 1; print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# rotated BY WORD...: the words, one a line, starting with the one at BY (modulo their count): the order of
# round BY of interleaved runs, so that no variant always runs first.
rotated() {
  local by=$1 i
  shift
  local words=("$@")
  for ((i = 0; i < ${#words[@]}; i++)); do echo "${words[(i + by) % ${#words[@]}]}"; done
}

# ratio A B: A / B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# sec MICROSECONDS: in seconds, with two decimals.
sec() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1e6 }'; }
