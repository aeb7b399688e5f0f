package dev.graft.server;

import dev.graft.ExitCode;
import dev.graft.testkit.Fixtures;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native client and the server speak one wire: every frame type {@link Frame} names is named in
 * {@code client/graft-client.c} with the same byte (FRAME_ + the Java name), and nothing else; the request's
 * version word and the exit codes the client itself uses are the server's; and the client's code uses the names,
 * never a bare byte, so a type changed on one side cannot be missed on the other.
 */
class WireConstantsTest {

    private static final Pattern FRAME_TYPES = Pattern.compile("enum frame_type \\{(.*?)\\};", Pattern.DOTALL);
    private static final Pattern ENTRY = Pattern.compile("FRAME_(\\w+) = '(\\\\?.)'");

    private static String client() throws Exception {
        return Files.readString(Fixtures.PROJECT.resolve("client/graft-client.c"));
    }

    @Test
    void theClientNamesEveryFrameTypeWithTheServersByte() throws Exception {
        Matcher block = FRAME_TYPES.matcher(client());
        assertThat(block.find()).as("graft-client.c declares enum frame_type").isTrue();
        Map<String, Character> inClient = new TreeMap<>();
        Matcher entry = ENTRY.matcher(block.group(1));
        while (entry.find()) {
            inClient.put(entry.group(1), entry.group(2).charAt(entry.group(2).length() - 1));
        }
        Map<String, Character> inServer = new TreeMap<>();
        for (Field f : Frame.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == byte.class) {
                inServer.put(f.getName(), (char) f.getByte(null));
            }
        }
        assertThat(inServer).as("Frame's types").hasSizeGreaterThan(10);
        assertThat(inClient).isEqualTo(inServer);
    }

    @Test
    void theClientsRequestVersionAndExitCodesAreTheServers() throws Exception {
        String client = client();
        Matcher version = Pattern.compile("#define WIRE_VERSION \"([^\"]*)\"").matcher(client);
        assertThat(version.find()).as("graft-client.c defines WIRE_VERSION").isTrue();
        assertThat(version.group(1)).isEqualTo(ClientRequest.VERSION);

        Map<String, ExitCode> exits = new LinkedHashMap<>();
        exits.put("EXIT_TOOL", ExitCode.TOOL_FAILED);
        exits.put("EXIT_BAD_INPUT", ExitCode.BAD_INPUT);
        exits.put("EXIT_TOOLCHAIN", ExitCode.TOOLCHAIN);
        exits.forEach((name, code) -> {
            Matcher m = Pattern.compile("\\b" + name + " = (\\d+)").matcher(client);
            assertThat(m.find()).as(name).isTrue();
            assertThat(Integer.parseInt(m.group(1))).as(name).isEqualTo(code.status());
        });
    }

    @Test
    void theClientSendsAndReadsFramesByName() throws Exception {
        String code = client().replaceAll("(?s)enum frame_type \\{.*?\\};", "");
        assertThat(code).doesNotContainPattern("send_(frame|status)\\([^,]+,\\s*'")
                .doesNotContainPattern("case\\s+'.'\\s*:")
                .doesNotContainPattern("header\\[0\\]\\s*==\\s*'")
                .doesNotContainPattern("put_word\\(b, \"\\d+\"\\)");
    }
}
