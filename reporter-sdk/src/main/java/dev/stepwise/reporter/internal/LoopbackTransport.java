package dev.stepwise.reporter.internal;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.IoHandlerFactory;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The server's own Netty event loops, ended with the server.
 *
 * <p>Why not gRPC's shared ones: gRPC keeps them alive for a second after the last server stops, and an event-loop
 * thread waiting in {@code epoll_wait} is "in native code", for which the JVM's exit waits up to 300 ms before it
 * gives up. Owning the loops and stopping them after the server lets a plugin exit right after Kill.
 */
public final class LoopbackTransport {

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final boolean epoll;

    public LoopbackTransport() {
        this.epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("stepwise-plugin-accept", true), io);
        // 0: Netty's default count (twice the cores); each thread starts only when a connection needs it.
        this.workers = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("stepwise-plugin-io", true), io);
    }

    /** Makes {@code builder} use these loops. */
    public NettyServerBuilder configure(NettyServerBuilder builder) {
        return builder.bossEventLoopGroup(boss).workerEventLoopGroup(workers)
                .channelType(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class);
    }

    /** Ends the loops (call after the server terminated); waits up to {@code millis}. */
    public void close(long millis) throws InterruptedException {
        // No quiet period: the server is gone, so no task can still arrive.
        boss.shutdownGracefully(0, millis, TimeUnit.MILLISECONDS);
        workers.shutdownGracefully(0, millis, TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        boss.awaitTermination(millis, TimeUnit.MILLISECONDS);
        workers.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
