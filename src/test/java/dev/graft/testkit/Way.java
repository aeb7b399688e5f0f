package dev.graft.testkit;

/**
 * The two ways a user's command runs, which must behave as one program: through the warm server (the
 * default: the native client hands the command to a long-lived JVM) and in a JVM of its own
 * ({@code GRAFT_SERVER=off}). Tests of what a user sees run both ({@code @EnumSource(Way.class)}).
 */
public enum Way {
    SERVER,
    OWN_JVM
}
