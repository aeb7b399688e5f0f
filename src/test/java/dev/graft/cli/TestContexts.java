package dev.graft.cli;

import dev.graft.session.Session;
import dev.graft.session.Streams;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A command context for tests that build the command line without running a command. */
final class TestContexts {

    private TestContexts() {
    }

    static CliContext context(Map<String, String> environment) {
        return new CliContext(Session.ofThisProcess(Path.of(".").toAbsolutePath(), environment,
                Streams.ofText(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
                Optional.empty()), List.of());
    }
}
