/**
 * Not API: protobuf-to-event mapping, the single-threaded event dispatcher and the gRPC services.
 * Plugin authors use {@link dev.stepwise.reporter}; these types may change without notice.
 */
package dev.stepwise.reporter.internal;
