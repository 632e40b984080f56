package dev.stepwise.plugins.messages;

import io.cucumber.messages.ndjson.Serializer;
import io.cucumber.messages.types.Envelope;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The NDJSON stream, written to its final name as the run goes: one envelope per line, flushed per line, so
 * memory stays flat and a run that dies leaves a readable prefix.
 */
public final class MessageSink implements AutoCloseable {
    private final Serializer serializer = new Serializer();
    private final Writer out;
    private long count;
    private boolean closed;

    public MessageSink(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8));
    }

    public void write(Envelope envelope) throws IOException {
        serializer.writeValue(out, envelope);
        out.write('\n');
        out.flush();
        count++;
    }

    public long count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }
}
