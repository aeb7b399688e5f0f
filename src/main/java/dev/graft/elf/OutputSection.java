package dev.graft.elf;

/**
 * A section of the object being written: its header in the new numbering, and where its bytes are (the whole
 * input file at the header's old offset for an unchanged section, or new contents from 0).
 */
record OutputSection(Section header, byte[] source, int from) {

    static OutputSection unchanged(Section header, Section original, byte[] file) {
        return new OutputSection(header, file, Math.toIntExact(original.offset()));
    }

    static OutputSection replaced(Section header, byte[] contents) {
        return new OutputSection(header, contents, 0);
    }
}
