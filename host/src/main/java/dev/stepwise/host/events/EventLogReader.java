package dev.stepwise.host.events;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

/**
 * Reads an {@link EventLog} record by record, without loading the file. A log cut short by a crash reads up to its
 * last whole record; {@link #truncated()} then says so.
 */
public final class EventLogReader implements AutoCloseable {

    /** One record. */
    public record Record(EventKind kind, Instant at, Message event) {
    }

    private final Path file;
    private final InputStream in;
    private int count;
    private String truncated;

    private EventLogReader(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    /** Opens a log and checks its header. */
    public static EventLogReader open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        byte[] expected = EventLog.HEADER.getBytes(StandardCharsets.US_ASCII);
        byte[] header = in.readNBytes(expected.length);
        if (!Arrays.equals(header, expected)) {
            in.close();
            throw new IOException(file + " is not a Stepwise event log (it does not start with '"
                    + EventLog.HEADER.strip() + "'). Give a file from reports/events/.");
        }
        return new EventLogReader(file, in);
    }

    /** The next record, or null at the end (or at a truncated last record). */
    public Record next() throws IOException {
        int tag = in.read();
        if (tag < 0) {
            return null;
        }
        EventKind kind = EventKind.ofTag(tag);
        if (kind == null) {
            throw new IOException(file + ": record " + (count + 1) + " has unknown type tag " + tag
                    + "; the file is damaged or from a newer Stepwise");
        }
        try {
            long millis = readVarint(in);
            int length = (int) readVarint(in);
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length) {
                throw new EOFException();
            }
            Message event = kind.parser().parseFrom(CodedInputStream.newInstance(bytes));
            count++;
            return new Record(kind, Instant.ofEpochMilli(millis), event);
        } catch (EOFException | InvalidProtocolBufferException e) {
            truncated = "the log ends inside record " + (count + 1) + " (" + kind + "): the run was cut short";
            return null;
        }
    }

    /** How many records were read. */
    public int count() {
        return count;
    }

    /** Why reading stopped early, or null. */
    public String truncated() {
        return truncated;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static long readVarint(InputStream in) throws IOException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IOException("malformed varint");
    }
}
