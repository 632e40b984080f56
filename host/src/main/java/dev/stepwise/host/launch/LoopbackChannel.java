package dev.stepwise.host.launch;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.IoHandlerFactory;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A plaintext channel to a child process's port on 127.0.0.1 with an event-loop thread of its own, ended with the
 * channel.
 *
 * <p>Why not gRPC's shared event loops: gRPC keeps them for a second after the last channel closes, and a thread
 * waiting in {@code epoll_wait} is "in native code", for which the JVM's exit waits up to 300 ms. Every
 * {@code stepwise} command ended that much later than its work.
 */
public final class LoopbackChannel extends ManagedChannel {

    /** Gauge's own client limit. */
    private static final int MAX_MESSAGE_BYTES = 1 << 30;
    /** How long a channel shut down without {@link #shutdownNow()} may take to finish its calls. */
    private static final long DRAIN_SECONDS = 30;

    private final EventLoopGroup loop;
    private final ManagedChannel channel;

    private LoopbackChannel(int port) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("stepwise-grpc-client", true), io);
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port)
                .eventLoopGroup(loop)
                .channelType(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .usePlaintext()
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .build();
    }

    /** A channel to {@code 127.0.0.1:port}. */
    public static LoopbackChannel to(int port) {
        return new LoopbackChannel(port);
    }

    @Override
    public ManagedChannel shutdown() {
        channel.shutdown();
        // The calls in flight may finish; the loop ends when they have (a parked waiter, not a native one).
        CompletableFuture.runAsync(() -> {
            try {
                channel.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            endLoop();
        });
        return this;
    }

    @Override
    public ManagedChannel shutdownNow() {
        channel.shutdownNow();
        endLoop();
        return this;
    }

    private void endLoop() {
        // Tasks already queued (closing the connection) still run; no quiet period is needed after that.
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Override
    public boolean isShutdown() {
        return channel.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return channel.isTerminated() && loop.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        if (!channel.awaitTermination(timeout, unit)) {
            return false;
        }
        return loop.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
        return channel.newCall(method, options);
    }

    @Override
    public String authority() {
        return channel.authority();
    }

    @Override
    public ConnectivityState getState(boolean requestConnection) {
        return channel.getState(requestConnection);
    }

    @Override
    public void notifyWhenStateChanged(ConnectivityState source, Runnable callback) {
        channel.notifyWhenStateChanged(source, callback);
    }

    @Override
    public void resetConnectBackoff() {
        channel.resetConnectBackoff();
    }

    @Override
    public void enterIdle() {
        channel.enterIdle();
    }
}
