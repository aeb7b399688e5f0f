/**
 * Files graft hands to a user (objects, reports, dep-info, helper bitcode, cache entries): how each
 * destination is written (a regular file replaced atomically, a device, FIFO or standard stream
 * written through, a symbolic link followed to its target), with which mode, never onto one of the
 * run's own inputs, and how temporary files abandoned by a killed graft are recognised and removed.
 * Knows nothing about LLVM, rustc or the pipeline; everything that writes a user-visible file goes
 * through here.
 */
package dev.graft.output;
