package dev.stepwise.runner.server;

import dev.stepwise.runner.execution.ExecutionEngine;
import dev.stepwise.runner.execution.Once;
import dev.stepwise.runner.log.JsonLog;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    private RunnerServer(ServerBuilder<?> builder, LoopbackTransport transport, ExecutionEngine engine, JsonLog log,
                         Options options) {
        this.transport = transport;
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
        this.server = builder.addService(service).build();
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
        NettyServerBuilder builder = transport.configure(NettyServerBuilder
                .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)))
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .directExecutor();
        return new RunnerServer(builder, transport, engine, log, options);
    }

    /** A server on any builder, for in-process tests. */
    public static RunnerServer on(ServerBuilder<?> builder, ExecutionEngine engine, JsonLog log, Options options) {
        return new RunnerServer(builder.directExecutor(), null, engine, log, options);
    }

    private static String projectName(Path root) {
        Path name = root.getFileName();
        return name == null ? "" : name.toString();
    }

    public RunnerServer start() throws IOException {
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            if (transport != null) {
                try {
                    transport.close(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
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
