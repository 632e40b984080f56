package dev.stepwise.reporter;

import dev.stepwise.reporter.internal.DocumenterService;
import dev.stepwise.reporter.internal.EventDispatcher;
import dev.stepwise.reporter.internal.EventStreamService;
import dev.stepwise.reporter.internal.ListenerInterest;
import dev.stepwise.reporter.internal.LoopbackTransport;
import dev.stepwise.reporter.internal.PluginLog;
import dev.stepwise.reporter.internal.ReporterService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running reporter (or documentation) plugin: a gRPC server on 127.0.0.1 serving Gauge's
 * {@code gauge.messages.Reporter} and/or {@code gauge.messages.Documenter}, feeding one listener.
 *
 * <p>The simplest plugin is a {@code main} method:
 * <pre>{@code
 * public static void main(String[] args) throws Exception {
 *     System.exit(ReporterPlugin.serve(new MyReporter()));
 * }
 * }</pre>
 *
 * <h2>Life cycle</h2>
 * <ol>
 *   <li>{@link #start()} binds 127.0.0.1 on a free port (or {@code STEPWISE_PLUGIN_PORT} when set and non-zero)
 *       and prints {@code Listening on port:NNNN} on stdout: the handshake Gauge and the Stepwise host read.</li>
 *   <li>Each notification is answered as soon as it is queued; the listener gets it on the event thread
 *       (see {@link ReporterListener} for the threading contract).</li>
 *   <li>Beside Gauge's {@code Reporter} calls, the plugin serves Stepwise's {@code stepwise.reporting.EventStream}:
 *       the Stepwise host sends the run on one flow-controlled stream instead of one call per event, and only
 *       the kinds of event whose {@link ReporterListener} method the listener overrides. A listener sees the same
 *       events either way (minus the ones it would have ignored); real Gauge keeps using {@code Reporter}.</li>
 *   <li>{@code Kill} is answered at once; then every queued event is delivered, {@link ReporterListener#onKill()}
 *       and {@link ReporterListener#close()} are called, and the server stops.
 *       {@link #awaitTermination()} returns 0, or 1 if any listener call threw.</li>
 * </ol>
 *
 * <p>{@code plugin_connection_port}, which Gauge sets for plugins, is deliberately ignored: it is the port
 * Gauge's own legacy listener is bound to, so a gRPC plugin cannot listen on it.
 *
 * <p>Tests pass an {@code InProcessServerBuilder} to {@link Builder#serverBuilder}; no port is bound and no
 * handshake is printed.
 */
public final class ReporterPlugin implements AutoCloseable {
    /** Environment variable that pins the port (debugging a plugin by hand); 0 or unset means a free port. */
    public static final String PORT_ENV = "STEPWISE_PLUGIN_PORT";
    /** The handshake prefix Gauge looks for on the plugin's stdout. */
    public static final String HANDSHAKE_PREFIX = "Listening on port:";
    private static final int MAX_MESSAGE_BYTES = 1024 * 1024 * 1024; // Gauge's own client limit

    private final ReporterListener reporter;
    private final DocumenterListener documenter;
    private final ServerBuilder<?> serverBuilder;
    private final boolean printHandshake;
    private final PrintStream handshakeOut;
    private final PluginLog log;
    private final EventDispatcher dispatcher;
    private final int queueCapacity;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicInteger shutdownFailures = new AtomicInteger();
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private volatile Server server;
    /** The event loops of the loopback server; null when the builder came from the caller (in-process tests). */
    private final LoopbackTransport transport;

    private ReporterPlugin(Builder b) {
        this.reporter = b.reporter;
        this.documenter = b.documenter;
        this.log = new PluginLog(b.log);
        this.handshakeOut = b.handshakeOut;
        this.queueCapacity = b.queueCapacity;
        this.dispatcher = new EventDispatcher(b.queueCapacity, log, "stepwise-reporter-events");
        if (b.serverBuilder != null) {
            this.serverBuilder = b.serverBuilder;
            this.printHandshake = false;
            this.transport = null;
        } else {
            int port = b.port >= 0 ? b.port : portFrom(b.environment);
            this.transport = new LoopbackTransport();
            this.serverBuilder = transport.configure(
                    NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
            this.printHandshake = true;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Serves {@code listener} until the orchestrator sends {@code Kill}; returns the exit status for
     * {@code System.exit}: 0, or 1 if a listener call threw or the server could not start.
     */
    public static int serve(ReporterListener listener) {
        return builder().reporter(listener).build().run();
    }

    /** Like {@link #serve(ReporterListener)}, for a documentation plugin. */
    public static int serveDocs(DocumenterListener listener) {
        return builder().documenter(listener).build().run();
    }

    private int run() {
        try {
            start();
            return awaitTermination();
        } catch (IOException e) {
            log.error("could not start the plugin's gRPC server on 127.0.0.1", e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            return 1;
        }
    }

    /** Binds the server and prints the handshake. */
    public ReporterPlugin start() throws IOException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        Runnable kill = this::beginShutdown;
        if (reporter != null) {
            ReporterService gaugeCalls = new ReporterService(reporter, dispatcher, kill);
            serverBuilder.addService(gaugeCalls);
            serverBuilder.addService(new EventStreamService(gaugeCalls, ListenerInterest.of(reporter),
                    queueCapacity, log));
        }
        if (documenter != null) {
            serverBuilder.addService(new DocumenterService(documenter, dispatcher, kill));
        }
        serverBuilder.maxInboundMessageSize(MAX_MESSAGE_BYTES);
        if (documenter == null) {
            // Reporter calls only hand the event to the dispatcher's queue, so they are answered on the
            // transport thread: no thread hand-off per event (a run sends tens of thousands). A full
            // queue then holds back the one connection the orchestrator uses, which is the backpressure
            // we want. Documenter calls run the listener and keep gRPC's own executor.
            serverBuilder.directExecutor();
        }
        dispatcher.start();
        try {
            server = serverBuilder.build().start();
        } catch (IOException | RuntimeException e) {
            dispatcher.finish(() -> { });
            closeTransport();
            throw e;
        }
        if (printHandshake) {
            handshakeOut.println(HANDSHAKE_PREFIX + server.getPort());
            handshakeOut.flush();
        }
        return this;
    }

    /** The bound port; -1 for an in-process server. */
    public int port() {
        Server s = server;
        if (s == null) {
            throw new IllegalStateException("not started");
        }
        return s.getPort();
    }

    /** How many listener calls threw so far. */
    public int listenerFailures() {
        return dispatcher.failures() + shutdownFailures.get();
    }

    /** Blocks until Kill was handled (or {@link #close()} was called); returns the exit status. */
    public int awaitTermination() throws InterruptedException {
        try {
            return exitCode.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Like {@link #awaitTermination()}, bounded. */
    public int awaitTermination(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return exitCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Same as receiving Kill: deliver what is queued, close the listeners, stop the server; waits up to 10 s. */
    @Override
    public void close() {
        beginShutdown();
        try {
            exitCode.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.error("plugin did not stop within 10 s", e);
        }
    }

    private void beginShutdown() {
        if (!started.get()) {
            exitCode.complete(0);
            return;
        }
        // Events are refused from now on. Stopping the server (once they drained) waits for it, so it runs
        // on a thread of its own, never on the transport thread that is still answering Kill.
        dispatcher.finish(() -> {
            if (reporter != null) {
                call("onKill", reporter::onKill);
                call("close", reporter::close);
            }
            if (documenter != null) {
                call("close", documenter::close);
            }
        }).whenCompleteAsync((ok, failure) -> {
            Server s = server;
            if (s != null) {
                s.shutdown();
                try {
                    if (!s.awaitTermination(5, TimeUnit.SECONDS)) {
                        s.shutdownNow();
                    }
                } catch (InterruptedException e) {
                    s.shutdownNow();
                    Thread.currentThread().interrupt();
                }
            }
            closeTransport();
            exitCode.complete(listenerFailures() == 0 ? 0 : 1);
        }, task -> new Thread(task, "stepwise-reporter-shutdown").start());
    }

    private void closeTransport() {
        if (transport != null) {
            try {
                transport.close(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // Runs on the event thread; a failure is logged and turns the exit status to 1, and the next call still runs.
    private void call(String method, EventDispatcher.Task task) {
        try {
            task.run();
        } catch (Exception e) {
            Object who = reporter != null ? reporter : documenter;
            log.error("listener " + who.getClass().getName() + " failed in " + method, e);
            shutdownFailures.incrementAndGet();
        }
    }

    static int portFrom(Map<String, String> env) {
        String value = env.get(PORT_ENV);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT_ENV + " must be a port number 0..65535, was '" + value + "'");
        }
    }

    /** Configures a {@link ReporterPlugin}. At least one of reporter and documenter is required. */
    public static final class Builder {
        private ReporterListener reporter;
        private DocumenterListener documenter;
        private ServerBuilder<?> serverBuilder;
        private int port = -1;
        private Map<String, String> environment = System.getenv();
        private PrintStream handshakeOut = System.out;
        private PrintStream log = System.err;
        private int queueCapacity = 1024;

        private Builder() {
        }

        public Builder reporter(ReporterListener listener) {
            this.reporter = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Builder documenter(DocumenterListener listener) {
            this.documenter = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** A fixed port on 127.0.0.1 (0: any free port). Default: {@value #PORT_ENV}, else 0. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** The environment to read {@value #PORT_ENV} from (default: the process environment). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** Serve on this builder instead (e.g. {@code InProcessServerBuilder} in tests); no handshake is printed. */
        public Builder serverBuilder(ServerBuilder<?> serverBuilder) {
            this.serverBuilder = Objects.requireNonNull(serverBuilder, "serverBuilder");
            return this;
        }

        /** Where the handshake line goes (default stdout). */
        public Builder handshakeOut(PrintStream out) {
            this.handshakeOut = Objects.requireNonNull(out, "out");
            return this;
        }

        /** Where Gauge-format JSON log lines go (default stderr). */
        public Builder log(PrintStream out) {
            this.log = Objects.requireNonNull(out, "out");
            return this;
        }

        /** Events held while the listener is busy before the orchestrator is made to wait (default 1024). */
        public Builder queueCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("queue capacity must be at least 1, was " + capacity);
            }
            this.queueCapacity = capacity;
            return this;
        }

        public ReporterPlugin build() {
            if (reporter == null && documenter == null) {
                throw new IllegalStateException("a plugin needs a reporter(...) or a documenter(...) listener");
            }
            return new ReporterPlugin(this);
        }
    }
}
