/**
 * Immutable, typed values for everything a Gauge orchestrator tells a reporter: the
 * {@link dev.stepwise.reporter.event.ReporterEvent events} themselves and the values they carry
 * (spec, scenario and step descriptions, results, failures, tables).
 *
 * <p>Every value is a record: its collections are unmodifiable copies and no component is
 * {@code null} (optional parts are {@link java.util.Optional}, absent lists are empty). Each event
 * carries the {@link java.time.Instant} at which the plugin received it and the protobuf request it
 * was mapped from ({@code rawRequest()}), for the rare plugin that needs a field not mapped here.
 */
package dev.stepwise.reporter.event;
