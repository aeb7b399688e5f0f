/**
 * Files graft hands to a user (objects, reports, dep-info, helper bitcode, cache entries) and its own
 * scratch space: how each destination is written (a regular file replaced atomically, a device, FIFO or
 * standard stream written through, a symbolic link followed to its target), with which mode, never onto
 * one of the run's own inputs; scratch workspaces removed on every way out, and temporary files abandoned
 * by a killed graft recognised and removed later. Knows nothing about LLVM, rustc or what the files hold;
 * everything that writes a user-visible file goes through here.
 */
package dev.graft.files;
