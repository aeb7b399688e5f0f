/**
 * The graft server: one long-lived JVM per user and graft build, with libLLVM loaded and warm, that
 * runs graft commands for the short-lived native client ({@code client/graft-client.c}) a build
 * starts per crate. Owns the socket (a per-user 0700 directory; peers of another uid are refused),
 * the wire format, one thread and one {@link dev.graft.process.RequestScope} per request, cancelling
 * a request whose client went away, and stopping when idle. Runs commands only through
 * {@link dev.graft.cli.Main#run}: it knows nothing of rustc, LLVM or the pipeline.
 */
package dev.graft.server;
