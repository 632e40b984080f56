package dev.stepwise.reporter;

import dev.stepwise.reporter.event.DocsRequest;

/**
 * A documentation plugin ({@code scope: ["Documentation"]}): turns parsed specs into documentation.
 * Called on the plugin's event thread, like {@link ReporterListener}. The orchestrator's
 * {@code GenerateDocs} call is answered only once this method returns; if it throws, the call fails with
 * the exception's message so {@code gauge docs} reports it.
 */
public interface DocumenterListener extends AutoCloseable {

    void generateDocs(DocsRequest request) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
