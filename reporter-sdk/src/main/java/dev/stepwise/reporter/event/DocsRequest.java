package dev.stepwise.reporter.event;

import dev.stepwise.proto.SpecDetails;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Gauge's {@code GenerateDocs} call: every spec under the requested folders, as parsed. The spec folders
 * are also in the environment ({@code GAUGE_SPEC_DIRS}, joined by {@code ||}).
 */
public record DocsRequest(Instant receivedAt, List<ParsedSpec> specs, SpecDetails rawRequest) {
    public DocsRequest {
        Objects.requireNonNull(receivedAt, "receivedAt");
        specs = List.copyOf(Objects.requireNonNull(specs, "specs"));
        Objects.requireNonNull(rawRequest, "rawRequest");
    }
}
