/*
 * graft-client: the short-lived process a build starts per crate when it runs ./graft. It hands the
 * command line, working directory and environment to the user's warm graft server (starting one when
 * none answers), prints what the server sends on stdout and stderr as it arrives, runs the commands
 * the server asks it to run (rustc) as its own children, so they inherit the build's file descriptors
 * (make's jobserver), and exits with the command's status.
 *
 *   graft-client [--sources HOME] SOCKET IDENTITY N SERVER_ARGV[0..N) GRAFT_ARGS...
 *
 * With --sources, the launcher leaves to the client its check that the jar is up to date, which costs
 * bash some 2 ms per call (a glob and a test per file) and C a tenth of that: when HOME/pom.xml or a file
 * under HOME/src/main is newer than HOME/target/graft.jar, the client runs the launcher HOME/graft again
 * with GRAFT_LAUNCHER_REBUILD=1, which builds the jar and then comes back here without --sources.
 * SOCKET lives in a directory only this user may enter; IDENTITY names the graft build and JDK the
 * server must be (a server of another identity steps aside and a new one is started with
 * SERVER_ARGV --socket SOCKET --identity IDENTITY). SERVER_ARGV ends in the words "server run": without
 * them it runs graft in a JVM of its own, which the client does, with one note, when no server can be
 * used (the socket's directory cannot be made, the server does not start). SIGINT, SIGTERM and SIGHUP
 * cancel the request: the child gets the signal, the server stops the request's own subprocesses and
 * deletes its temporary and partial outputs, then the client dies of the same signal, as graft itself
 * would. The request carries the client's working directory, umask, arguments and environment, all of
 * which must be UTF-8 (graft refuses other bytes with one line, as rustc does); the children the client
 * runs die with it, even when it is killed outright.
 *
 * Wire format (Frame.java): a type byte, a 4-byte big-endian length, the payload; word lists are
 * NUL-terminated strings.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

enum { EXIT_TOOL = 1, EXIT_BAD_INPUT = 2, EXIT_TOOLCHAIN = 3 };

/*
 * The wire, named as src/main/java/dev/graft/server/Frame.java names it (WireConstantsTest holds the two,
 * and the version with ClientRequest.VERSION, together): each frame's type byte, and the version word a
 * request starts with.
 */
enum frame_type {
    FRAME_REQUEST = 'R',    /* to the server: run a command (version, identity, directory, argv, environment) */
    FRAME_STATUS = '?',     /* to the server: report its state */
    FRAME_STOP = 'K',       /* to the server: stop once the running requests are done */
    FRAME_CHILD_EXIT = 'X', /* to the server: the command it asked us to run ended with this status */
    FRAME_CANCEL = 'C',     /* to the server: we were interrupted; cancel the request */
    FRAME_ACCEPTED = 'A',   /* from the server: the request runs now */
    FRAME_STDOUT = 'O',     /* from the server: bytes for standard output */
    FRAME_STDERR = 'E',     /* from the server: bytes for standard error */
    FRAME_SPAWN = 'S',      /* from the server: run this command as our child */
    FRAME_EXIT = 'Q',       /* from the server: the request is over; exit with this status */
    FRAME_REPLACED = 'T',   /* from the server: it is of another graft build or toolchain and stepped aside */
    FRAME_REFUSED = 'F'     /* from the server: refused; the payload says why */
};
#define WIRE_VERSION "2"

static const char *socket_path;
static const char *identity;
static char **server_argv;
static int server_argc;

static int signal_pipe[2] = {-1, -1};
static volatile sig_atomic_t got_signal;
static pid_t server_pid;

static void fail(int status, const char *format, ...) {
    va_list args;
    va_start(args, format);
    fputs("graft: ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
    exit(status);
}

/*
 * Runs graft in a JVM of its own instead (SERVER_ARGV less its last two words, "server run"): what
 * GRAFT_SERVER=off does, for a machine where no server can be used. One note says why.
 */
static char **graft_argv;
static int graft_argc;

static void run_without_server(const char *why, ...) {
    va_list args;
    va_start(args, why);
    fputs("graft: note: running without the graft server (", stderr);
    vfprintf(stderr, why, args);
    fputs(")\n", stderr);
    va_end(args);
    if (server_argc < 3) fail(EXIT_BAD_INPUT, "graft-client: the server command does not end in 'server run'");
    char **argv = calloc((size_t)server_argc + (size_t)graft_argc, sizeof *argv);
    int n = 0;
    for (int i = 0; i < server_argc - 2; i++) argv[n++] = server_argv[i];
    for (int i = 0; i < graft_argc; i++) argv[n++] = graft_argv[i];
    argv[n] = NULL;
    execv(argv[0], argv);
    fail(EXIT_TOOLCHAIN, "cannot run %s: %s", argv[0], strerror(errno));
}

/* --- --sources: the launcher's check that its jar is newer than its sources ------------------ */

static int newer(const struct stat *st, const struct timespec *than) {
    return st->st_mtim.tv_sec > than->tv_sec || (st->st_mtim.tv_sec == than->tv_sec && st->st_mtim.tv_nsec > than->tv_nsec);
}

/*
 * Whether the directory at dirfd, or anything in it, is newer than `than` (closes dirfd): the launcher's
 * bash test `[ "$f" -nt "$jar" ]` over src/main and everything in it, whose globstar leaves out names
 * starting with a dot (an editor's swap file) and does not descend into linked directories.
 */
static int tree_newer(int dirfd, const struct timespec *than) {
    struct stat st;
    DIR *dir = fdopendir(dirfd);
    if (!dir) {
        close(dirfd);
        return 1; /* unreadable: let the launcher look */
    }
    int found = fstat(dirfd, &st) < 0 || newer(&st, than);
    struct dirent *entry;
    while (!found && (entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.') continue;
        int linked = entry->d_type == DT_LNK;
        if (fstatat(dirfd, entry->d_name, &st, 0) < 0) continue; /* a dangling link: bash's -nt is false too */
        if (newer(&st, than)) found = 1;
        else if (S_ISDIR(st.st_mode) && !linked) {
            int sub = openat(dirfd, entry->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (sub >= 0) found = tree_newer(sub, than);
        }
    }
    closedir(dir);
    return found;
}

static int jar_stale(const char *home) {
    char path[PATH_MAX];
    struct stat jar, st;
    snprintf(path, sizeof path, "%s/target/graft.jar", home);
    if (stat(path, &jar) < 0) return 1;
    snprintf(path, sizeof path, "%s/pom.xml", home);
    if (stat(path, &st) == 0 && newer(&st, &jar.st_mtim)) return 1;
    snprintf(path, sizeof path, "%s/src/main", home);
    int dirfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    return dirfd >= 0 && tree_newer(dirfd, &jar.st_mtim);
}

/* The jar is older than a source: the launcher builds it, then runs this command as it would have. */
static void rebuild_through_launcher(const char *home, int argc, char **argv) {
    char launcher[PATH_MAX];
    snprintf(launcher, sizeof launcher, "%s/graft", home);
    char **args = calloc((size_t)argc + 2, sizeof *args);
    args[0] = launcher;
    for (int i = 0; i < argc; i++) args[i + 1] = argv[i];
    setenv("GRAFT_LAUNCHER_REBUILD", "1", 1);
    execv(launcher, args);
    fail(EXIT_TOOL, "cannot run %s: %s", launcher, strerror(errno));
}

/* --- GRAFT_TIMINGS: where the client's time goes, counted from the launcher's clock reading ---- */

static long long timings_origin; /* microseconds since the epoch; 0 when GRAFT_TIMINGS is off */
static char timings[512];
static size_t timings_length;

static long long now_micros(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (long long)t.tv_sec * 1000000LL + t.tv_nsec / 1000;
}

static void start_timings(void) {
    const char *value = getenv("GRAFT_TIMINGS");
    if (!value || !*value) return;
    long long given = strtoll(value, NULL, 10), now = now_micros();
    timings_origin = given > 1000000000000000LL && given <= now ? given : now;
}

static void mark(const char *what) {
    if (!timings_origin) return;
    size_t room = sizeof timings - timings_length;
    int n = snprintf(timings + timings_length, room, "%s%s %.1f", timings_length ? ", " : "", what,
                     (double)(now_micros() - timings_origin) / 1000.0);
    if (n > 0 && (size_t)n < room) timings_length += (size_t)n;
}

static void print_timings(void) {
    if (timings_origin) fprintf(stderr, "graft: timings of the client (ms since graft started): %s\n", timings);
}

/* --- growable byte buffer ------------------------------------------------------------------- */

typedef struct {
    char *data;
    size_t len, cap;
} buffer;

static void put(buffer *b, const void *bytes, size_t n) {
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2 + 256;
        b->data = realloc(b->data, b->cap);
        if (!b->data) fail(EXIT_TOOL, "out of memory");
    }
    memcpy(b->data + b->len, bytes, n);
    b->len += n;
}

static void put_word(buffer *b, const char *word) { put(b, word, strlen(word) + 1); }

static void put_number(buffer *b, long n) {
    char text[32];
    snprintf(text, sizeof text, "%ld", n);
    put_word(b, text);
}

/* --- I/O ------------------------------------------------------------------------------------ */

static int write_all(int fd, const void *data, size_t n) {
    const char *p = data;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int send_frame(int fd, enum frame_type type, const void *payload, size_t n) {
    unsigned char header[5] = {(unsigned char)type, (unsigned char)(n >> 24), (unsigned char)(n >> 16),
                               (unsigned char)(n >> 8), (unsigned char)n};
    if (write_all(fd, header, 5) < 0) return -1;
    return n ? write_all(fd, payload, n) : 0;
}

static int send_status(int fd, enum frame_type type, int status) {
    unsigned char s[4] = {(unsigned char)(status >> 24), (unsigned char)(status >> 16), (unsigned char)(status >> 8),
                          (unsigned char)status};
    return send_frame(fd, type, s, 4);
}

/* Reads exactly n bytes, waking for signals: returns 0, or -1 at end of stream or on an error. */
static int read_full(int fd, void *data, size_t n, void (*on_signal)(int fd)) {
    char *p = data;
    while (n > 0) {
        struct pollfd fds[2] = {{fd, POLLIN, 0}, {signal_pipe[0], POLLIN, 0}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (fds[1].revents & POLLIN) {
            char drain[64];
            while (read(signal_pipe[0], drain, sizeof drain) > 0) {
            }
            if (got_signal && on_signal) on_signal(fd);
        }
        if (!(fds[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

/* --- signals: SIGINT/SIGTERM/SIGHUP cancel, SIGCHLD wakes the child wait ------------------ */

static void on_signal(int sig) {
    int saved = errno;
    if (sig != SIGCHLD && !got_signal) got_signal = sig;
    if (write(signal_pipe[1], "s", 1) < 0) {
        /* The pipe is full: a wake-up is already pending. */
    }
    errno = saved;
}

static void install_signals(void) {
    if (pipe2(signal_pipe, O_CLOEXEC | O_NONBLOCK) < 0) fail(EXIT_TOOL, "pipe: %s", strerror(errno));
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGCHLD, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

/* Dies of the signal that cancelled the request, as graft would have. */
static void die_of_signal(void) {
    signal(got_signal, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, got_signal);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(got_signal);
    exit(128 + got_signal);
}

/* --- the socket and its directory --------------------------------------------------------- */

static char *directory_of(const char *path) {
    char *dir = strdup(path);
    char *slash = strrchr(dir, '/');
    if (!slash) fail(EXIT_BAD_INPUT, "the server socket %s is not an absolute path", path);
    if (slash == dir) slash[1] = 0; else *slash = 0;
    return dir;
}

/*
 * The directory must be this user's alone: another user must neither reach our server nor stand in for
 * it. When it cannot be made so, the command runs without a server.
 */
static void prepare_directory(void) {
    char *dir = directory_of(socket_path);
    if (mkdir(dir, 0700) < 0 && errno != EEXIST)
        run_without_server("cannot create its directory %s: %s", dir, strerror(errno));
    struct stat st;
    if (lstat(dir, &st) < 0) run_without_server("cannot read its directory %s: %s", dir, strerror(errno));
    if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 077) != 0)
        run_without_server("its directory %s is not a directory owned by uid %d that only its owner can enter",
                           dir, (int)geteuid());
    free(dir);
}

static int connect_server(void) {
    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    if (strlen(socket_path) >= sizeof address.sun_path)
        run_without_server("its socket path %s is too long for a socket; set GRAFT_SOCKET", socket_path);
    strcpy(address.sun_path, socket_path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) fail(EXIT_TOOL, "socket: %s", strerror(errno));
    if (connect(fd, (struct sockaddr *)&address, sizeof address) < 0) {
        close(fd);
        return -1;
    }
    struct ucred peer;
    socklen_t len = sizeof peer;
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &len) < 0 || peer.uid != geteuid())
        fail(EXIT_BAD_INPUT, "the graft server on %s runs as another user; not using it", socket_path);
    server_pid = peer.pid;
    return fd;
}

static char *log_path(void) {
    char *path = malloc(strlen(socket_path) + 5);
    sprintf(path, "%s.log", socket_path);
    return path;
}

static void sleep_ms(long ms) {
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&t, &t) < 0 && errno == EINTR) {
    }
}

/* Starts a server in its own session, detached from the build's terminal and descriptors. */
static pid_t spawn_server(void) {
    pid_t pid = fork();
    if (pid < 0) fail(EXIT_TOOLCHAIN, "cannot start the graft server: %s", strerror(errno));
    if (pid > 0) return pid;
    setsid();
    /* The server outlives this build: it must not keep the build's directory busy. */
    if (chdir("/") < 0) _exit(127);
    int null = open("/dev/null", O_RDONLY);
    int log = open(log_path(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (null < 0 || log < 0) _exit(127);
    dup2(null, 0);
    dup2(log, 1);
    dup2(log, 2);
    /* No jobserver descriptor or build pipe may live on in the server: make would wait for it. */
    if (syscall(SYS_close_range, 3U, ~0U, 0U) < 0) {
        for (int fd = 3; fd < 65536; fd++) close(fd);
    }
    signal(SIGPIPE, SIG_DFL);
    char **argv = calloc((size_t)server_argc + 5, sizeof *argv);
    for (int i = 0; i < server_argc; i++) argv[i] = server_argv[i];
    argv[server_argc] = "--socket";
    argv[server_argc + 1] = (char *)socket_path;
    argv[server_argc + 2] = "--identity";
    argv[server_argc + 3] = (char *)identity;
    execv(argv[0], argv);
    fprintf(stderr, "graft-client: cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

/* Connects to the server, starting one if none answers; one client starts it while the others wait. */
static int connect_or_start(void) {
    int fd = connect_server();
    if (fd >= 0) return fd;
    char *lock_path = malloc(strlen(socket_path) + 6);
    sprintf(lock_path, "%s.lock", socket_path);
    int lock = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock < 0 || flock(lock, LOCK_EX) < 0) fail(EXIT_TOOL, "cannot lock %s: %s", lock_path, strerror(errno));
    fd = connect_server();
    if (fd < 0) {
        pid_t pid = spawn_server();
        for (long waited = 0; fd < 0; waited += 10) {
            int status;
            if (waitpid(pid, &status, WNOHANG) == pid) {
                close(lock);
                run_without_server("it did not start, exit status %d; see %s",
                                   WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), log_path());
            }
            if (got_signal) die_of_signal(); /* the server starting goes on, for the next command */
            if (waited > 120000)
                fail(EXIT_TOOLCHAIN, "the graft server did not answer within 120 s; see %s", log_path());
            sleep_ms(10);
            fd = connect_server();
        }
    }
    close(lock);
    free(lock_path);
    return fd;
}

/* Asks the server on the socket to stop (it finishes its running requests, then exits) and waits a moment. */
static void stop_server(void) {
    int fd = connect_server();
    if (fd < 0) return;
    if (send_frame(fd, FRAME_STOP, NULL, 0) == 0) {
        char drain[256];
        struct pollfd wait = {fd, POLLIN, 0};
        while (poll(&wait, 1, 2000) > 0 && read(fd, drain, sizeof drain) > 0) {
        }
    }
    close(fd);
}

/* --- the request -------------------------------------------------------------------------- */

/* Whether s is well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF). */
static int utf8(const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0 || (n == 1 && *p < 0xC2) || (n == 3 && *p > 0xF4)) return 0;
        unsigned long c = n == 0 ? *p : *p & (0x3F >> n);
        for (int i = 1; i <= n; i++) {
            if ((p[i] & 0xC0) != 0x80) return 0;
            c = (c << 6) | (p[i] & 0x3F);
        }
        if ((n == 2 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) || (n == 3 && (c < 0x10000 || c > 0x10FFFF)))
            return 0;
        p += n + 1;
    }
    return 1;
}

static void request_payload(buffer *b, int argc, char **argv) {
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd))
        fail(EXIT_BAD_INPUT, "cannot read the working directory (%s): was it removed?", strerror(errno));
    if (!utf8(cwd)) fail(EXIT_BAD_INPUT, "the working directory's path is not valid UTF-8");
    mode_t mask = umask(0);
    umask(mask);
    char octal[8];
    snprintf(octal, sizeof octal, "%o", (unsigned)mask);
    put_word(b, WIRE_VERSION);
    put_word(b, identity);
    put_word(b, cwd);
    put_word(b, octal);
    put_number(b, argc);
    for (int i = 0; i < argc; i++) {
        if (!utf8(argv[i])) fail(EXIT_BAD_INPUT, "argument %d is not valid UTF-8", i + 1);
        put_word(b, argv[i]);
    }
    long envc = 0;
    for (char **e = environ; *e; e++) envc++;
    put_number(b, envc);
    for (char **e = environ; *e; e++) {
        if (!utf8(*e))
            fail(EXIT_BAD_INPUT, "the environment variable %.*s is not valid UTF-8; graft passes its environment "
                 "to rustc and clang as text and would change it", (int)strcspn(*e, "="), *e);
        put_word(b, *e);
    }
}

static int cancel_sent;

static void cancel_request(int fd) {
    if (!cancel_sent) {
        cancel_sent = 1;
        send_frame(fd, FRAME_CANCEL, NULL, 0);
    }
}

/* Splits a NUL-terminated word list in place; returns the count, words in *out. */
static size_t split_words(char *payload, size_t n, char ***out) {
    size_t count = 0;
    for (size_t i = 0; i < n; i++) if (payload[i] == 0) count++;
    char **words = calloc(count + 1, sizeof *words);
    size_t w = 0;
    for (size_t i = 0; i < n && w < count; w++) {
        words[w] = payload + i;
        i += strlen(payload + i) + 1;
    }
    *out = words;
    return count;
}

/* environ with NAME=value entries added or replaced. */
static char **environment_with(char **additions, size_t n) {
    size_t envc = 0;
    for (char **e = environ; *e; e++) envc++;
    char **env = calloc(envc + n + 1, sizeof *env);
    size_t count = 0;
    for (char **e = environ; *e; e++) {
        size_t name = strcspn(*e, "=");
        int replaced = 0;
        for (size_t i = 0; i < n; i++)
            if (strncmp(additions[i], *e, name + 1) == 0) replaced = 1;
        if (!replaced) env[count++] = *e;
    }
    for (size_t i = 0; i < n; i++) env[count++] = additions[i];
    return env;
}

/* The server ended before the request did: the command's outcome is unknown, so it failed. */
static void server_gone(void) {
    fail(EXIT_TOOL, "the graft server (pid %d) stopped before this command finished; the next graft command "
         "starts a new one (server log: %s)", (int)server_pid, log_path());
}

/* Runs the command the server asked for as our child, and reports its status. */
static void run_child(int fd, char *payload, size_t n) {
    char **words;
    size_t count = split_words(payload, n, &words);
    if (count < 3) fail(EXIT_TOOL, "a malformed command from the graft server");
    const char *cwd = words[0];
    long argc = strtol(words[1], NULL, 10);
    if (argc < 1 || (size_t)argc + 3 > count) fail(EXIT_TOOL, "a malformed command from the graft server");
    char **argv = calloc((size_t)argc + 1, sizeof *argv);
    for (long i = 0; i < argc; i++) argv[i] = words[2 + i];
    long envc = strtol(words[2 + argc], NULL, 10);
    if (envc < 0 || (size_t)(3 + argc + envc) > count) fail(EXIT_TOOL, "a malformed command from the graft server");
    char **env = environment_with(words + 3 + argc, (size_t)envc);

    pid_t parent = getpid();
    mark("rustc");
    pid_t child = fork();
    if (child < 0) fail(EXIT_TOOL, "cannot run %s: %s", argv[0], strerror(errno));
    if (child == 0) {
        /* Dies with this client, even one killed outright: it must not write outputs after the cancel. */
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent) _exit(128 + SIGKILL);
        signal(SIGPIPE, SIG_DFL);
        if (chdir(cwd) < 0) {
            fprintf(stderr, "graft: cannot enter %s: %s\n", cwd, strerror(errno));
            _exit(127);
        }
        /* A bare name (the linker rustc was told to use, "cc") is looked up on PATH, as the build's own
         * process would: execvpe, like Java's process API in graft's one-shot mode. */
        execvpe(argv[0], argv, env);
        fprintf(stderr, "graft: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    int status;
    int forwarded = 0;
    for (;;) {
        pid_t done = waitpid(child, &status, WNOHANG);
        if (done == child) break;
        if (got_signal && !forwarded) {
            /* A terminal's Ctrl-C reached the child already; a kill of this client alone did not. */
            kill(child, got_signal);
            forwarded = 1;
            cancel_request(fd);
        }
        /* The server sends nothing while the child runs: the socket turning readable means it went away
           (killed outright), and the child must not go on writing outputs for a request no one serves. */
        struct pollfd wake[2] = {{signal_pipe[0], POLLIN, 0}, {fd, POLLIN | POLLRDHUP, 0}};
        if (poll(wake, 2, 100) > 0) {
            char drain[64];
            while (read(signal_pipe[0], drain, sizeof drain) > 0) {
            }
            if (wake[1].revents & (POLLIN | POLLRDHUP | POLLHUP | POLLERR)) {
                char peek;
                if (recv(fd, &peek, 1, MSG_PEEK | MSG_DONTWAIT) <= 0) {
                    kill(child, SIGKILL);
                    waitpid(child, &status, 0);
                    server_gone();
                }
            }
        }
    }
    mark("rustc done");
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    send_status(fd, FRAME_CHILD_EXIT, code); /* a server that went away shows as the end of the stream, below */
    free(env);
    free(argv);
    free(words);
}

/*
 * Runs the request on one connection. Returns 1 when the server stepped aside for this client (another
 * graft build or toolchain), 0 when the connection ended before the server accepted the request (a
 * server that was dying, or one too old to read this request: nothing ran, so trying again is safe),
 * -1 when it ended after.
 */
static int run_request(int fd, const buffer *request) {
    int accepted = 0;
    if (send_frame(fd, FRAME_REQUEST, request->data, request->len) < 0) return 0;
    for (;;) {
        unsigned char header[5];
        if (read_full(fd, header, 5, cancel_request) < 0) return accepted ? -1 : 0;
        size_t n = ((size_t)header[1] << 24) | ((size_t)header[2] << 16) | ((size_t)header[3] << 8) | header[4];
        char *payload = malloc(n + 1);
        if (!payload) fail(EXIT_TOOL, "out of memory");
        if (n && read_full(fd, payload, n, cancel_request) < 0) return accepted ? -1 : 0;
        payload[n] = 0;
        switch (header[0]) {
        case FRAME_ACCEPTED:
            mark("accepted");
            accepted = 1;
            break;
        case FRAME_STDOUT:
        case FRAME_STDERR:
            if (!got_signal) write_all(header[0] == FRAME_STDOUT ? 1 : 2, payload, n);
            break;
        case FRAME_SPAWN:
            run_child(fd, payload, n);
            break;
        case FRAME_EXIT: {
            int status = n == 4 ? (int)(((unsigned)(unsigned char)payload[0] << 24) |
                                        ((unsigned char)payload[1] << 16) | ((unsigned char)payload[2] << 8) |
                                        (unsigned char)payload[3]) : EXIT_TOOL;
            if (got_signal) die_of_signal();
            mark("status");
            print_timings();
            exit(status);
        }
        case FRAME_REPLACED:
            free(payload);
            return 1;
        case FRAME_REFUSED:
            fail(EXIT_BAD_INPUT, "the graft server refused the request: %s", payload);
            break;
        default:
            fail(EXIT_TOOL, "an unknown message '%c' from the graft server", header[0]);
        }
        free(payload);
    }
}

int main(int argc, char **argv) {
    const char *sources = NULL;
    if (argc > 2 && strcmp(argv[1], "--sources") == 0) {
        sources = argv[2];
        argc -= 2;
        argv += 2;
    }
    if (argc < 4) {
        fprintf(stderr, "usage: graft-client [--sources HOME] SOCKET IDENTITY N SERVER_ARGV... GRAFT_ARGS...\n"
                        "(./graft runs it; GRAFT_SERVER=off runs graft without it)\n");
        return EXIT_BAD_INPUT;
    }
    socket_path = argv[1];
    identity = argv[2];
    server_argc = atoi(argv[3]);
    if (server_argc < 1 || 4 + server_argc > argc) fail(EXIT_BAD_INPUT, "graft-client: bad server command");
    server_argv = argv + 4;
    graft_argc = argc - 4 - server_argc;
    graft_argv = argv + 4 + server_argc;

    start_timings();
    if (sources && jar_stale(sources)) rebuild_through_launcher(sources, graft_argc, graft_argv);
    mark("client");
    install_signals();
    prepare_directory();
    buffer request = {0};
    request_payload(&request, graft_argc, graft_argv);
    for (int attempt = 0; attempt < 5; attempt++) {
        if (attempt > 0) sleep_ms(20 * attempt);
        int fd = connect_or_start();
        mark("connected");
        int outcome = run_request(fd, &request);
        close(fd);
        if (got_signal) die_of_signal();
        if (outcome < 0) server_gone();
        /* Gone before it accepted twice: not a server that was dying but one that cannot read this request
           (a server of an older graft whose wire version is not ours, which closes without a word). Every
           graft server since the first stops when asked; then ours starts. */
        if (outcome == 0 && attempt > 0) stop_server();
        /* Replaced (that server of another graft build or toolchain has stepped aside), or gone before it
           accepted: start ours. */
    }
    fail(EXIT_TOOL, "no graft server would take this command (see %s); run it with GRAFT_SERVER=off", log_path());
}
