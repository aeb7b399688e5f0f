/**
 * The command line: one small class per command, parsing options and calling into the pipeline.
 * Only {@link dev.graft.cli.Main#main} touches {@code System.exit}; every failure reaches the user as
 * one line and a documented exit code (stack traces only with {@code --verbose}).
 */
package dev.graft.cli;
