package dev.graft.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * An object's {@code .eh_frame}: its CIE and FDE records and which relocations belong to which, so that the FDEs
 * of removed functions can be taken out the way a linker's garbage collection does, with the later records moved
 * up, their relocations moved with them and their CIE pointers corrected.
 *
 * @param records in file order, covering the section from its start
 * @param owner   for each relocation (by index), the record it lies in
 */
record EhFrame(byte[] data, List<Relocation> relocations, List<Record> records, int[] owner) {

    /**
     * One CIE or FDE. {@code pcBegin} is, for an FDE, the index of the relocation of its {@code pc_begin} field
     * (the function it describes); a terminator (length 0) and everything after it is one last record.
     */
    record Record(int start, int end, boolean cie, int cieStart, int pcBegin) {
    }

    static EhFrame parse(byte[] data, List<Relocation> relocations) throws Refused {
        ByteBuffer frame = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        List<Record> records = new ArrayList<>();
        BitSet cies = new BitSet(data.length);
        int position = 0;
        while (position < data.length) {
            if (data.length - position < 4) {
                throw new Refused(".eh_frame ends inside a record length");
            }
            long length = Integer.toUnsignedLong(frame.getInt(position));
            if (length == 0) {
                records.add(new Record(position, data.length, true, position, -1));
                break;
            }
            if (length == 0xffffffffL) {
                throw new Refused(".eh_frame has a 64-bit record length");
            }
            long end = position + 4 + length;
            if (length < 4 || end > data.length) {
                throw new Refused(".eh_frame record at " + position + " runs past the section");
            }
            int id = frame.getInt(position + 4);
            if (id == 0) {
                cies.set(position);
                records.add(new Record(position, (int) end, true, position, -1));
            } else {
                int cie = position + 4 - id;
                if (cie < 0 || cie >= data.length || !cies.get(cie)) {
                    throw new Refused(".eh_frame FDE at " + position + " points to no earlier CIE");
                }
                records.add(new Record(position, (int) end, false, cie, -1));
            }
            position = (int) end;
        }
        int[] starts = records.stream().mapToInt(Record::start).toArray();
        int[] owner = new int[relocations.size()];
        for (int i = 0; i < relocations.size(); i++) {
            long offset = relocations.get(i).offset();
            int found = Arrays.binarySearch(starts, (int) Math.min(offset, Integer.MAX_VALUE));
            int record = found >= 0 ? found : -found - 2;
            if (offset < 0 || offset >= data.length || record < 0 || offset >= records.get(record).end()) {
                throw new Refused(".eh_frame relocation at " + offset + " lies in no record");
            }
            owner[i] = record;
            Record r = records.get(record);
            if (!r.cie() && offset == r.start() + 8) {
                records.set(record, new Record(r.start(), r.end(), false, r.cieStart(), i));
            }
        }
        for (Record record : records) {
            if (!record.cie() && record.pcBegin() < 0) {
                throw new Refused(".eh_frame FDE at " + record.start() + " has no relocated pc_begin");
            }
        }
        return new EhFrame(data, relocations, records, owner);
    }

    /** The section's bytes and relocations without the FDEs {@code drop} names (by record index). */
    Edited without(IntPredicate drop) {
        int[] newStart = new int[records.size()];
        ByteBuffer out = ByteBuffer.allocate(data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < records.size(); i++) {
            Record record = records.get(i);
            if (!record.cie() && drop.test(i)) {
                newStart[i] = -1;
                continue;
            }
            newStart[i] = out.position();
            out.put(data, record.start(), record.end() - record.start());
            if (!record.cie()) {
                int cie = newStart[indexOf(record.cieStart())];
                out.putInt(newStart[i] + 4, newStart[i] + 4 - cie);
            }
        }
        List<Relocation> kept = new ArrayList<>(relocations.size());
        for (int i = 0; i < relocations.size(); i++) {
            int record = owner[i];
            if (newStart[record] >= 0) {
                Relocation relocation = relocations.get(i);
                kept.add(relocation.at(relocation.offset() - records.get(record).start() + newStart[record]));
            }
        }
        return new Edited(Arrays.copyOf(out.array(), out.position()), kept);
    }

    private int indexOf(int start) {
        int low = 0;
        int high = records.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int value = records.get(middle).start();
            if (value == start) {
                return middle;
            }
            if (value < start) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        throw new IllegalStateException("no record at " + start);
    }

    /** The edited section: its new bytes, and its relocations at their new offsets. */
    record Edited(byte[] data, List<Relocation> relocations) {
    }
}
