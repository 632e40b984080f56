/**
 * The Stepwise reporter SDK: write a Gauge-compatible reporter (or documentation) plugin in Java without
 * touching protobuf or gRPC.
 *
 * <ul>
 *   <li>{@link dev.stepwise.reporter.ReporterListener}: one empty default method per event; override what you need.</li>
 *   <li>{@link dev.stepwise.reporter.DocumenterListener}: for {@code gauge docs} / {@code stepwise docs}.</li>
 *   <li>{@link dev.stepwise.reporter.ReporterPlugin}: serves Gauge's {@code Reporter} and {@code Documenter}
 *       services on 127.0.0.1, prints the {@code Listening on port:NNNN} handshake, delivers events on one
 *       thread and shuts down cleanly on {@code Kill}.</li>
 *   <li>{@link dev.stepwise.reporter.ProtoEvents}: maps a raw Gauge request to its typed event, for hosts that
 *       run listeners in-process or replay a recorded event log.</li>
 * </ul>
 *
 * <p>The jar also carries {@code dev/stepwise/reporter/launcher/appcds.sh}, the POSIX-sh function a plugin's
 * launcher sources to start its JVM from an AppCDS archive made on the first launch (the runner's launcher uses
 * the same file). A plugin's build unpacks it into its folder's {@code bin/}; see {@code docs/plugins.md},
 * "Plugins built on the reporter SDK", and {@code reporter-sdk-example} for the build and the launcher.
 */
package dev.stepwise.reporter;
