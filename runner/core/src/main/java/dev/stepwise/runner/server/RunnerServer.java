package dev.stepwise.runner.server;

import dev.stepwise.runner.execution.ExecutionEngine;
import dev.stepwise.runner.execution.Once;
import dev.stepwise.runner.log.JsonLog;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.util.MutableHandlerRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Owns the gRPC server's lifecycle: start on loopback, serve until {@code Kill} or {@link #stop},
 * then let in-flight work finish for a bounded time.
 */
public final class RunnerServer {

    /** How long in-flight work may take to finish after Kill before the runner stops anyway. */
    private static final long DRAIN_MILLIS = 800;
    /** Gauge allows 1 GiB messages; huge tables must not be refused by a smaller default. */
    private static final int MAX_MESSAGE_BYTES = 1024 * 1024 * 1024;

    private final Server server;
    private final StreamExecutors streams;
    private final ExecutorService requests;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    /** The event loops of a loopback server; null in-process. */
    private final LoopbackTransport transport;

    /** The server was started before the service existed ({@link Bound}); {@link #start} has nothing to do. */
    private final boolean started;

    private RunnerServer(Function<BindableService, Server> serverFor, boolean started, LoopbackTransport transport,
                         ExecutionEngine engine, JsonLog log, Options options) {
        this.transport = transport;
        this.started = started;
        this.streams = new StreamExecutors(options.multithreaded());
        AtomicInteger count = new AtomicInteger();
        this.requests = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stepwise-request-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Supplier<EditorService> editor = new Once<>(() -> new EditorService(options.projectRoot(), engine.registry()));
        boolean fromSources = options.lspMode() || engine.registry().stepCount() == 0;
        RunnerService service = new RunnerService(engine, editor, fromSources, new RpcAdapter(log), streams,
                requests, stopRequested::countDown, projectName(options.projectRoot()));
        this.server = serverFor.apply(service);
    }

    /**
     * How the server behaves.
     *
     * @param projectRoot   the project
     * @param multithreaded streams run concurrently
     * @param lspMode       serving an IDE backend: steps are validated and listed from sources
     */
    public record Options(Path projectRoot, boolean multithreaded, boolean lspMode) {
    }

    /** A server on 127.0.0.1 at {@code port} (0 for any free port). */
    public static RunnerServer onLoopback(int port, ExecutionEngine engine, JsonLog log, Options options) {
        LoopbackTransport transport = new LoopbackTransport();
        NettyServerBuilder builder = loopbackBuilder(transport, port);
        return new RunnerServer(service -> builder.addService(service).build(), false, transport, engine, log, options);
    }

    /** A server on any builder, for in-process tests. */
    public static RunnerServer on(ServerBuilder<?> builder, ExecutionEngine engine, JsonLog log, Options options) {
        return new RunnerServer(service -> builder.directExecutor().addService(service).build(), false, null, engine,
                log, options);
    }

    /**
     * Binds 127.0.0.1 on a free port before the engine exists, so that starting gRPC and Netty (the larger part of a
     * runner's start-up) runs while the caller loads the step registry on another thread. {@link Bound#serve} adds
     * the service; announce the port only after that, and no call can come too early.
     */
    public static Bound bindLoopback() throws IOException {
        LoopbackTransport transport = new LoopbackTransport();
        MutableHandlerRegistry handlers = new MutableHandlerRegistry();
        Server server = loopbackBuilder(transport, 0).fallbackHandlerRegistry(handlers).build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            closeQuietly(transport);
            throw e;
        }
        return new Bound(server, handlers, transport);
    }

    /** A started server without its service yet: {@link #serve} it, or {@link #close} it. */
    public static final class Bound {
        private final Server server;
        private final MutableHandlerRegistry handlers;
        private final LoopbackTransport transport;

        private Bound(Server server, MutableHandlerRegistry handlers, LoopbackTransport transport) {
            this.server = server;
            this.handlers = handlers;
            this.transport = transport;
        }

        /** The runner's server on this binding, started. */
        public RunnerServer serve(ExecutionEngine engine, JsonLog log, Options options) {
            return new RunnerServer(service -> {
                handlers.addService(service);
                return server;
            }, true, transport, engine, log, options);
        }

        /** Stops the server and its event loops (the engine could not be made). */
        public void close() {
            server.shutdownNow();
            try {
                server.awaitTermination(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(transport);
        }
    }

    private static NettyServerBuilder loopbackBuilder(LoopbackTransport transport, int port) {
        return transport.configure(NettyServerBuilder
                        .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)))
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .directExecutor();
    }

    private static void closeQuietly(LoopbackTransport transport) {
        try {
            transport.close(500);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static String projectName(Path root) {
        Path name = root.getFileName();
        return name == null ? "" : name.toString();
    }

    public RunnerServer start() throws IOException {
        if (started) {
            return this;
        }
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            if (transport != null) {
                closeQuietly(transport);
            }
            throw e;
        }
        return this;
    }

    /** The bound port. */
    public int port() {
        return server.getPort();
    }

    /** Blocks until Kill arrives or {@link #stop} is called. */
    public void awaitStopRequest() throws InterruptedException {
        stopRequested.await();
    }

    public void stop() {
        stopRequested.countDown();
    }

    /** Finishes in-flight work (bounded) and shuts everything down. */
    public void shutdown() throws InterruptedException {
        server.shutdown();
        streams.drain(DRAIN_MILLIS);
        server.awaitTermination(200, TimeUnit.MILLISECONDS);
        server.shutdownNow();
        streams.close();
        requests.shutdownNow();
        if (transport != null) {
            server.awaitTermination(200, TimeUnit.MILLISECONDS);
            transport.close(500);
        }
    }
}
