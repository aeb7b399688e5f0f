/**
 * Where one graft command runs, as one value both ways of running it build: a JVM of its own
 * ({@code GRAFT_SERVER=off}) and a warm server's request for a short-lived client. A {@link Session}
 * carries the command's environment, working directory, umask and standard streams, who starts the
 * build's own commands (rustc), what a warm server remembers, and its {@link Cancellation}; code below
 * the command line asks the session, never "am I in a server?". Knows nothing of rustc, LLVM or files'
 * contents; imports nothing of graft's but its exceptions.
 */
package dev.graft.session;
