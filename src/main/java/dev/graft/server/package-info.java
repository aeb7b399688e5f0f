/**
 * The graft server: one long-lived JVM per user and graft build, with libLLVM loaded and warm, that
 * runs graft commands for the short-lived native client ({@code client/graft-client.c}) a build
 * starts per crate. Owns the socket (a per-user 0700 directory; peers of another uid are refused),
 * the wire format, one thread and one {@link dev.graft.session.Session} per request (the client's
 * environment, directory, umask and streams; the client as the host of the build's commands),
 * cancelling a request whose client was stopped or went away, and stopping when idle. Runs commands
 * only through the {@link GraftServer.Commands} the command line gives it: it knows nothing of the
 * command line, rustc, LLVM or the pipeline, and imports none of them.
 */
package dev.graft.server;
