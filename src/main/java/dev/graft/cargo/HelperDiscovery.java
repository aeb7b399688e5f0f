package dev.graft.cargo;

import dev.graft.rustc.RustcInvocation;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the helper bitcode for one rustc command without configuration: the files named in
 * {@code GRAFT_HELPERS} (separated like PATH), else, for each directory the command searches for native
 * libraries, the {@value #FILE_NAME} a build script wrote there, or else the helpers graft compiled from
 * the C the directory's build script built ({@link DiscoveredHelpers}). A -sys crate's build script prints
 * {@code cargo:rustc-link-search=native=$OUT_DIR}, which cargo passes to the -sys crate and to every crate
 * that depends on it, directly or not, and to no other.
 */
public final class HelperDiscovery {

    public static final String FILE_NAME = "graft-helpers.bc";
    public static final String ENVIRONMENT = "GRAFT_HELPERS";

    private HelperDiscovery() {
    }

    /** The helper files, absolute, without duplicates, in the order found; empty when there are none. */
    public static List<Path> find(RustcInvocation invocation, Map<String, String> environment, Path workingDirectory) {
        Set<Path> found = new LinkedHashSet<>();
        String named = environment.getOrDefault(ENVIRONMENT, "");
        for (String entry : named.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                found.add(workingDirectory.resolve(entry).toAbsolutePath().normalize());
            }
        }
        if (!found.isEmpty()) {
            return List.copyOf(found);
        }
        for (RustcInvocation.SearchPath path : invocation.searchPaths()) {
            if (path.kind().equals("native") || path.kind().equals("all")) {
                Path candidate = workingDirectory.resolve(path.directory()).resolve(FILE_NAME).toAbsolutePath()
                        .normalize();
                if (Files.isRegularFile(candidate)) {
                    found.add(candidate);
                } else {
                    found.addAll(DiscoveredHelpers.find(candidate.getParent()));
                }
            }
        }
        return new ArrayList<>(found);
    }
}
