package dev.stepwise.host.plugins;

import dev.stepwise.reporter.DocumenterListener;
import dev.stepwise.reporter.ReporterPlugin;
import dev.stepwise.reporter.event.DocsRequest;

/**
 * A test documentation plugin on the reporter SDK that fails the way real ones do, chosen by its first argument:
 * {@code crash} (the process dies inside {@code GenerateDocs}, with a line on stderr), {@code hang}
 * ({@code GenerateDocs} never returns) or {@code ignore-kill} (answers, then never stops after Kill).
 */
public final class MisbehavingDocumenter implements DocumenterListener {
    private final String mode;

    private MisbehavingDocumenter(String mode) {
        this.mode = mode;
    }

    public static void main(String[] args) {
        System.exit(ReporterPlugin.serveDocs(new MisbehavingDocumenter(args[0])));
    }

    @Override
    public void generateDocs(DocsRequest request) throws InterruptedException {
        switch (mode) {
            case "crash" -> {
                System.err.println("documenter: out of memory while rendering " + request.specs().size() + " specs");
                System.err.flush();
                Runtime.getRuntime().halt(3);
            }
            case "hang" -> Thread.sleep(Long.MAX_VALUE);
            default -> {
                // answers; the trouble comes with Kill
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (mode.equals("ignore-kill")) {
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
