package dev.graft.cargo;

import dev.graft.elf.RelocatableObject;
import dev.graft.elf.Refused;
import dev.graft.elf.Symbol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code ar} archive in the GNU format rustc writes its rlibs and staticlibs in, read and written in Java: a
 * crate's archive is rewritten without an {@code llvm-ar} process for listing it and another for replacing its
 * members (~40 ms a crate). Anything else (a thin or BSD archive, a member whose ELF symbols this cannot read for
 * the index) is not this class's: {@link #parse} or {@link #write} says so, and llvm-ar does the work.
 *
 * @param members the members in order, without the symbol index ({@code /}) and the long-name table ({@code //})
 */
record GnuArchive(List<Member> members) {

    private static final byte[] MAGIC = "!<arch>\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 60;
    private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};

    /** One member: its file name and its bytes. */
    record Member(String name, byte[] data) {
    }

    GnuArchive {
        members = List.copyOf(members);
    }

    /** The archive in {@code bytes}, or empty when it is not a plain GNU archive. */
    static Optional<GnuArchive> parse(byte[] bytes) {
        if (bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return Optional.empty();
        }
        List<Member> members = new ArrayList<>();
        String longNames = "";
        int at = MAGIC.length;
        try {
            while (at < bytes.length) {
                if (at + HEADER > bytes.length || bytes[at + 58] != '`' || bytes[at + 59] != '\n') {
                    return Optional.empty();
                }
                String header = new String(bytes, at, HEADER, StandardCharsets.US_ASCII);
                String rawName = header.substring(0, 16).stripTrailing();
                int size = Integer.parseInt(header.substring(48, 58).strip());
                int data = at + HEADER;
                if (data + size > bytes.length) {
                    return Optional.empty();
                }
                if (rawName.equals("//")) {
                    longNames = new String(bytes, data, size, StandardCharsets.UTF_8);
                } else if (rawName.startsWith("/") && rawName.length() > 1 && Character.isDigit(rawName.charAt(1))) {
                    int offset = Integer.parseInt(rawName.substring(1));
                    int end = longNames.indexOf("/\n", offset);
                    if (end < 0) {
                        return Optional.empty();
                    }
                    members.add(new Member(longNames.substring(offset, end), Arrays.copyOfRange(bytes, data, data + size)));
                } else if (rawName.endsWith("/") && rawName.length() > 1) {
                    members.add(new Member(rawName.substring(0, rawName.length() - 1),
                            Arrays.copyOfRange(bytes, data, data + size)));
                } else if (!rawName.equals("/") && !rawName.equals("/SYM64/")) {
                    return Optional.empty(); // a BSD name, or one this reader does not know
                }
                at = data + size + (size % 2);
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
        return Optional.of(new GnuArchive(members));
    }

    List<String> names() {
        return members.stream().map(Member::name).toList();
    }

    /** The same archive with each given member replacing the one of its name, or added at the end. */
    GnuArchive withMembers(List<Member> replacements) {
        Map<String, Member> replacing = new LinkedHashMap<>();
        replacements.forEach(m -> replacing.put(m.name(), m));
        List<Member> result = new ArrayList<>();
        for (Member m : members) {
            Member replacement = replacing.remove(m.name());
            result.add(replacement != null ? replacement : m);
        }
        result.addAll(replacing.values());
        return new GnuArchive(result);
    }

    /**
     * The archive's bytes with its symbol index (every member object's defined global and weak symbols, as
     * linkers need it), or empty when a member is an ELF object this cannot read the symbols of.
     */
    Optional<byte[]> write() {
        List<List<String>> symbols = new ArrayList<>();
        for (Member m : members) {
            Optional<List<String>> defined = definedSymbols(m.data());
            if (defined.isEmpty()) {
                return Optional.empty();
            }
            symbols.add(defined.get());
        }
        StringBuilder longNames = new StringBuilder();
        List<String> headerNames = new ArrayList<>();
        for (Member m : members) {
            if (m.name().length() <= 15 && !m.name().contains("/") && !m.name().contains(" ")) {
                headerNames.add(m.name() + "/");
            } else {
                headerNames.add("/" + longNames.length());
                longNames.append(m.name()).append("/\n");
            }
        }
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        int count = 0;
        for (List<String> s : symbols) {
            for (String name : s) {
                names.writeBytes(name.getBytes(StandardCharsets.UTF_8));
                names.write(0);
                count++;
            }
        }
        int indexSize = 4 + 4 * count + names.size();
        byte[] longNameBytes = longNames.toString().getBytes(StandardCharsets.UTF_8);
        long offset = MAGIC.length + HEADER + padded(indexSize)
                + (longNameBytes.length > 0 ? HEADER + padded(longNameBytes.length) : 0);
        ByteBuffer index = ByteBuffer.allocate(4 + 4 * count); // big-endian, as the format has it
        index.putInt(count);
        for (int i = 0; i < members.size(); i++) {
            if (offset > 0xffffffffL) {
                return Optional.empty(); // a 4 GiB archive needs /SYM64/: llvm-ar's business
            }
            for (int k = 0; k < symbols.get(i).size(); k++) {
                index.putInt((int) offset);
            }
            offset += HEADER + padded(members.get(i).data().length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(offset, Integer.MAX_VALUE - 8));
        out.writeBytes(MAGIC);
        byte[] indexBytes = new byte[indexSize];
        System.arraycopy(index.array(), 0, indexBytes, 0, index.capacity());
        System.arraycopy(names.toByteArray(), 0, indexBytes, index.capacity(), names.size());
        append(out, "/", indexBytes);
        if (longNameBytes.length > 0) {
            append(out, "//", longNameBytes);
        }
        for (int i = 0; i < members.size(); i++) {
            append(out, headerNames.get(i), members.get(i).data());
        }
        return Optional.of(out.toByteArray());
    }

    private static long padded(int size) {
        return size + (size % 2);
    }

    private static void append(ByteArrayOutputStream out, String name, byte[] data) {
        boolean table = name.equals("//");
        String header = pad(name, 16) + pad(table ? "" : "0", 12) + pad(table ? "" : "0", 6)
                + pad(table ? "" : "0", 6) + pad(table ? "" : "644", 8) + pad(Integer.toString(data.length), 10) + "`\n";
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        if (data.length % 2 != 0) {
            out.write('\n');
        }
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    /** A member's defined global and weak symbols; none for a file that is not ELF; empty when unreadable. */
    private static Optional<List<String>> definedSymbols(byte[] data) {
        if (data.length < ELF.length || !Arrays.equals(data, 0, ELF.length, ELF, 0, ELF.length)) {
            return Optional.of(List.of());
        }
        try {
            return Optional.of(RelocatableObject.read(data).symbols().stream()
                    .filter(s -> !s.isLocal() && s.sectionIndex() != 0 && !s.name().isEmpty())
                    .map(Symbol::name).toList());
        } catch (Refused e) {
            return Optional.empty();
        }
    }
}
