/**
 * The files graft writes for a user, and its own scratch space: every output appears whole or not at
 * all (written beside the destination and renamed into place), and scratch directories are removed on
 * every way out, signals included. Knows nothing of what the files hold.
 */
package dev.graft.files;
