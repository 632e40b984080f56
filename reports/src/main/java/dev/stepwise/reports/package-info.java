/**
 * Stepwise's built-in reports, each a {@link dev.stepwise.reporter.ReporterListener} that the host runs
 * in-process (or a plugin serves): {@link dev.stepwise.reports.JUnitXmlReporter},
 * {@link dev.stepwise.reports.JsonReporter} and {@link dev.stepwise.reports.HtmlReporter}.
 *
 * <p>All three stream: a spec or scenario is written to disk when it finishes, so memory does not grow with the
 * suite. All three write to hidden temp files and rename them into place at the end, so a report that is
 * present is complete. A folder that cannot be written fails the first event with an error naming the path.
 */
package dev.stepwise.reports;
