package dev.stepwise.reporter;

import com.google.protobuf.Message;
import dev.stepwise.proto.KillProcessRequest;
import dev.stepwise.proto.ReporterGrpc;
import dev.stepwise.proto.reporting.Event;
import dev.stepwise.proto.reporting.EventKind;
import dev.stepwise.proto.reporting.EventStreamGrpc;
import dev.stepwise.proto.reporting.Reply;
import dev.stepwise.reporter.event.ScenarioFinished;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stepwise's EventStream as the host uses it: subscribe, stream, confirm the count, Kill. */
class EventStreamTest {
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @AfterEach
    void closeChannels() throws InterruptedException {
        for (ManagedChannel c : channels) {
            c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** The client end of one stream: replies in a queue, readiness observable. */
    private static final class Client implements ClientResponseObserver<Event, Reply> {
        final BlockingQueue<Object> replies = new LinkedBlockingQueue<>();
        volatile ClientCallStreamObserver<Event> requests;

        @Override
        public void beforeStart(ClientCallStreamObserver<Event> stream) {
            requests = stream;
        }

        @Override
        public void onNext(Reply reply) {
            replies.add(reply);
        }

        @Override
        public void onError(Throwable t) {
            replies.add(t);
        }

        @Override
        public void onCompleted() {
            replies.add("completed");
        }

        Reply next() throws InterruptedException {
            Object o = replies.poll(10, TimeUnit.SECONDS);
            assertNotNull(o, "no reply within 10 s");
            if (o instanceof Reply r) {
                return r;
            }
            throw new AssertionError("expected a reply, got " + o);
        }

        /** The next reply of this kind, skipping Handled counts. */
        Reply next(Reply.ReplyCase kind) throws InterruptedException {
            Reply r = next();
            while (r.getReplyCase() != kind && r.hasHandled()) {
                r = next();
            }
            assertEquals(kind, r.getReplyCase(), r.toString());
            return r;
        }

        void send(Message m) {
            Event.Builder e = Event.newBuilder();
            for (var field : Event.getDescriptor().getFields()) {
                if (field.getMessageType() == m.getDescriptorForType()) {
                    e.setField(field, m);
                }
            }
            requests.onNext(e.build());
        }
    }

    private ManagedChannel start(ReporterPlugin.Builder builder) throws Exception {
        String name = InProcessServerBuilder.generateName();
        builder.serverBuilder(InProcessServerBuilder.forName(name)).log(log).build().start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
        channels.add(channel);
        return channel;
    }

    @Test
    void subscribesToWhatTheListenerOverridesAndDeliversTheSameRunAsGaugeCalls() throws Exception {
        ReporterPluginTest.Recorder recorder = new ReporterPluginTest.Recorder();
        String name = InProcessServerBuilder.generateName();
        ReporterPlugin plugin = ReporterPlugin.builder().reporter(recorder)
                .serverBuilder(InProcessServerBuilder.forName(name)).log(log).build().start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
        channels.add(channel);

        Client client = new Client();
        EventStreamGrpc.newStub(channel).events(client);
        Reply subscription = client.next();
        assertEquals(Set.of(EventKind.EXECUTION_STARTING, EventKind.SPEC_STARTING, EventKind.SCENARIO_STARTING,
                        EventKind.SCENARIO_ENDING, EventKind.SPEC_ENDING, EventKind.EXECUTION_ENDING,
                        EventKind.SUITE_RESULT),
                Set.copyOf(subscription.getSubscription().getKindsList()),
                "Recorder overrides no step or concept callback");

        List<Message> run = ReporterPluginTest.run();
        run.forEach(client::send);
        client.requests.onCompleted();
        assertEquals(run.size(), client.next(Reply.ReplyCase.RECEIVED).getReceived().getEvents());
        assertEquals("completed", client.replies.poll(10, TimeUnit.SECONDS));

        ReporterGrpc.newBlockingStub(channel).kill(KillProcessRequest.getDefaultInstance());
        assertEquals(0, plugin.awaitTermination(Duration.ofSeconds(10)));
        assertEquals(ReporterPluginTest.RECORDED_RUN, recorder.calls);
    }

    @Test
    void aListenerThatOverridesNothingSubscribesToNothing() throws Exception {
        ManagedChannel channel = start(ReporterPlugin.builder().reporter(new ReporterListener() { }));
        Client client = new Client();
        EventStreamGrpc.newStub(channel).events(client);
        assertEquals(List.of(), client.next().getSubscription().getKindsList());
    }

    @Test
    void theWindowIsTheQueueAndHandledCountsComeOnlyAsTheListenerWorks() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ReporterListener slow = new ReporterListener() {
            @Override
            public void onScenarioFinished(ScenarioFinished event) throws InterruptedException {
                release.await();
            }
        };
        ManagedChannel channel = start(ReporterPlugin.builder().reporter(slow).queueCapacity(8));
        Client client = new Client();
        EventStreamGrpc.newStub(channel).events(client);
        assertEquals(8, client.next().getSubscription().getWindow());

        Message ending = ReporterPluginTest.run().stream()
                .filter(m -> m instanceof dev.stepwise.proto.ScenarioExecutionEndingRequest).findFirst().orElseThrow();
        for (int i = 0; i < 8; i++) {
            client.send(ending);
        }
        assertEquals(null, client.replies.poll(300, TimeUnit.MILLISECONDS), "nothing handled while the listener is stuck");

        release.countDown();
        long handled = 0;
        while (handled < 8) {
            Reply r = client.next();
            assertTrue(r.hasHandled(), r.toString());
            assertTrue(r.getHandled().getEvents() > handled, "handled counts grow");
            handled = r.getHandled().getEvents();
        }
        assertEquals(8, handled);
        client.requests.onCompleted();
        assertEquals(8, client.next().getReceived().getEvents());
    }
}
