package dev.stepwise.host.plugins;

import dev.stepwise.proto.Empty;
import dev.stepwise.proto.ReporterGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test reporter plugin, launched by the host as a real process, that fails on purpose at one request: the
 * {@code n}-th Reporter call it receives, counting from 1 (the run's events, then {@code Kill}). It speaks gRPC
 * directly (not through the SDK) so it can fail at the wire: die, stay silent or answer with an error status.
 *
 * <p>Arguments: {@code <folder> <name> <fault> <n>}, with {@code fault} one of {@link Fault}. It writes to
 * {@code folder}:
 * <ul>
 *   <li>{@code <name>.pid}: its pid, before it prints its port;</li>
 *   <li>{@code <name>.received}: one line {@code <n> <method>} per request, written before the request is
 *       acted on (so a request that kills it is recorded too);</li>
 *   <li>{@code <name>.sigkill}: for {@link Fault#SIGKILL}, its pid, once it is inside the fault request and waits
 *       for the test to kill it.</li>
 * </ul>
 * Before the fault it prints {@code faulty plugin <name>: <fault> at request <n> (<method>)} on stderr, which the
 * host should quote as the plugin's stderr tail. Requests other than the fault request are answered at once;
 * {@code Kill} (when it is not the fault request) is answered and then the process exits with status 0.
 */
public final class FaultyPlugin {

    /** What happens at the fault request. */
    public enum Fault {
        /** Waits, without answering, for the test to send SIGKILL from outside. */
        SIGKILL,
        /** Halts itself at once ({@link Runtime#halt}) with {@link #HALT_STATUS}, without answering. */
        HALT,
        /** Never answers, and keeps running. */
        HANG,
        /** Answers with {@code INTERNAL} and keeps serving (after {@code Kill}: exits with status 0). */
        ERROR;

        /** The argument form: {@code sigkill}, {@code halt}, ... */
        public String arg() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The exit status of a plugin that halts itself. */
    public static final int HALT_STATUS = 3;

    private final Path folder;
    private final String name;
    private final Fault fault;
    private final int faultAt;
    private final AtomicInteger requests = new AtomicInteger();
    private final CompletableFuture<Integer> exitStatus = new CompletableFuture<>();

    private FaultyPlugin(Path folder, String name, Fault fault, int faultAt) {
        this.folder = folder;
        this.name = name;
        this.fault = fault;
        this.faultAt = faultAt;
    }

    public static void main(String[] args) throws Exception {
        FaultyPlugin plugin = new FaultyPlugin(Path.of(args[0]), args[1],
                Fault.valueOf(args[2].toUpperCase(Locale.ROOT)), Integer.parseInt(args[3]));
        Files.writeString(plugin.folder.resolve(plugin.name + ".pid"), Long.toString(ProcessHandle.current().pid()));
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(plugin.reporterService()).build().start();
        System.out.println("Listening on port:" + server.getPort());
        System.out.flush();
        int status = plugin.exitStatus.get();
        server.shutdown();
        System.exit(status);
    }

    /** Every Reporter method, each handled by {@link #handle}. */
    @SuppressWarnings("unchecked")
    private ServerServiceDefinition reporterService() {
        ServerServiceDefinition.Builder service = ServerServiceDefinition.builder(ReporterGrpc.getServiceDescriptor());
        for (MethodDescriptor<?, ?> method : ReporterGrpc.getServiceDescriptor().getMethods()) {
            String methodName = method.getBareMethodName();
            service.addMethod((MethodDescriptor<Object, Object>) method,
                    ServerCalls.asyncUnaryCall((request, answer) -> handle(methodName, answer)));
        }
        return service.build();
    }

    private void handle(String method, StreamObserver<Object> answer) {
        int n = requests.incrementAndGet();
        boolean kill = method.equals("Kill");
        try {
            Files.writeString(folder.resolve(name + ".received"), n + " " + method + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (n != faultAt) {
                answer.onNext(Empty.getDefaultInstance());
                answer.onCompleted();
                if (kill) {
                    exitStatus.complete(0);
                }
                return;
            }
            System.err.println("faulty plugin " + name + ": " + fault.arg() + " at request " + n + " (" + method + ")");
            System.err.flush();
            switch (fault) {
                case SIGKILL -> {
                    Path tmp = folder.resolve(name + ".sigkill.tmp");
                    Files.writeString(tmp, Long.toString(ProcessHandle.current().pid()));
                    Files.move(tmp, folder.resolve(name + ".sigkill"), StandardCopyOption.ATOMIC_MOVE);
                    // The test sends SIGKILL while this request is in flight; the request is never answered.
                }
                case HALT -> Runtime.getRuntime().halt(HALT_STATUS);
                case HANG -> {
                    // Never answered; the process keeps running until someone ends it.
                }
                case ERROR -> {
                    answer.onError(Status.INTERNAL.withDescription("faulty plugin " + name + " refuses request " + n
                            + " (" + method + ")").asRuntimeException());
                    if (kill) {
                        exitStatus.complete(0);
                    }
                }
            }
        } catch (IOException e) {
            answer.onError(Status.INTERNAL.withDescription("faulty plugin " + name + " could not record request " + n
                    + ": " + e).withCause(e).asRuntimeException());
        }
    }
}
