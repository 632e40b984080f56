package dev.stepwise.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Binary content attached to the result of the current step or hook, such as a screenshot,
 * a log or a downloaded file.
 *
 * <p>The bytes are copied in and out, so an attachment cannot change after it is created.
 *
 * @param name a display name, often a file name; may be empty
 * @param mediaType the IANA media type, such as {@code image/png}; never blank
 * @param data the content
 */
public record Attachment(String name, String mediaType, byte[] data) {

    /**
     * Validates and copies the content.
     *
     * @throws NullPointerException if {@code data} or {@code mediaType} is {@code null}
     * @throws IllegalArgumentException if {@code mediaType} is blank
     */
    public Attachment {
        name = name == null ? "" : name;
        Objects.requireNonNull(mediaType, "mediaType");
        if (mediaType.isBlank()) {
            throw new IllegalArgumentException("Attachment '" + name + "' needs a media type, such as text/plain");
        }
        mediaType = mediaType.strip();
        data = Objects.requireNonNull(data, "data").clone();
    }

    /**
     * Reads a file into an attachment named after the file.
     *
     * @param file the file to read now; later changes to it are not seen
     * @param mediaType the file's media type
     * @return the attachment
     * @throws IllegalArgumentException naming the path if the file does not exist or is not a
     *     regular file, so a report never names an attachment that does not exist
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Attachment ofFile(Path file, String mediaType) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Cannot attach " + file.toAbsolutePath()
                    + ": no such file (or not a regular file)");
        }
        try {
            Path fileName = file.getFileName();
            return new Attachment(fileName == null ? "" : fileName.toString(), mediaType, Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            // Deleted between the check and the read.
            throw new IllegalArgumentException("Cannot attach " + file.toAbsolutePath() + ": no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot attach " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** @return a copy of the content */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** @return the content length in bytes, without copying */
    public int size() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment a && name.equals(a.name) && mediaType.equals(a.mediaType)
                && Arrays.equals(data, a.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, mediaType, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "Attachment[name=" + name + ", mediaType=" + mediaType + ", size=" + data.length + "]";
    }
}
