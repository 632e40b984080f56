package dev.stepwise.host.events;

import com.google.protobuf.Message;
import dev.stepwise.proto.ExecutionInfo;
import dev.stepwise.proto.ExecutionStartingRequest;
import dev.stepwise.proto.ProtoSuiteResult;
import dev.stepwise.proto.SpecExecutionStartingRequest;
import dev.stepwise.proto.SpecInfo;
import dev.stepwise.proto.SuiteExecutionResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failure isolation of the fan-out, with in-process targets. Process deaths: PluginFailureIT. */
class FanOutTest {

    /** Records everything; optionally throws on one event or blocks forever from one event on. */
    static class Fake implements EventTarget {
        final String name;
        final int throwAt;
        final int hangAt;
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        volatile boolean finished;
        volatile boolean aborted;
        final CountDownLatch never = new CountDownLatch(1);
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        String group;
        volatile Set<EventKind> wanted = Set.of(EventKind.values());

        Fake(String name, int throwAt, int hangAt) {
            this.name = name;
            this.throwAt = throwAt;
            this.hangAt = hangAt;
        }

        Fake sharing(String group) {
            this.group = group;
            return this;
        }

        Fake wanting(EventKind... kinds) {
            this.wanted = Set.of(kinds);
            return this;
        }

        @Override
        public String sharedThread() {
            return group;
        }

        @Override
        public boolean wants(EventKind kind) {
            return wanted.contains(kind);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void deliver(Message event, Instant at) throws Exception {
            threads.add(Thread.currentThread());
            int n = seen.size() + 1;
            if (n == throwAt) {
                throw new IllegalStateException("reporter bug");
            }
            if (n == hangAt) {
                never.await();
            }
            seen.add(event.getDescriptorForType().getName());
        }

        @Override
        public void finish() {
            finished = true;
        }

        @Override
        public void abort() {
            aborted = true;
            never.countDown();
        }

        @Override
        public List<String> stderrTail() {
            return List.of(name + " stderr line");
        }
    }

    static List<Message> events(int specs) {
        List<Message> out = new ArrayList<>();
        out.add(ExecutionStartingRequest.getDefaultInstance());
        for (int i = 0; i < specs; i++) {
            out.add(SpecExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(ExecutionInfo.newBuilder()
                    .setCurrentSpec(SpecInfo.newBuilder().setName("Spec " + i).setFileName("/p/s" + i + ".spec")))
                    .build());
        }
        out.add(SuiteExecutionResult.newBuilder().setSuiteResult(ProtoSuiteResult.newBuilder().setProjectName("p"))
                .build());
        return out;
    }

    @Test
    void throwingAndHangingTargetsAreDroppedAndNamedOthersGetEverything() {
        Fake good = new Fake("good", -1, -1);
        Fake thrower = new Fake("thrower", 3, -1);
        Fake hanger = new Fake("hanger", -1, 2);
        List<TargetFailure> told = Collections.synchronizedList(new ArrayList<>());
        // The stall timeout is generous so a busy machine never makes the thrower look hung before it throws.
        FanOut fanOut = new FanOut(List.of(thrower, hanger, good), 2, Duration.ofSeconds(2), Duration.ofSeconds(5),
                told::add);
        List<Message> events = events(20);
        long start = System.nanoTime();
        for (Message m : events) {
            fanOut.accept(m, Instant.now());
        }
        fanOut.close();
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(events.size(), good.seen.size(), "the good target got every event");
        assertTrue(good.finished && !good.aborted);
        List<TargetFailure> failures = fanOut.failures();
        assertEquals(2, failures.size(), failures.toString());
        assertEquals(failures, told);
        TargetFailure t = failures.stream().filter(f -> f.target().equals("thrower")).findFirst().orElseThrow();
        assertTrue(t.event().contains("SpecStarting") && t.event().contains("Spec 1"), t.event());
        assertTrue(t.what().contains("reporter bug"), t.what());
        assertEquals(List.of("thrower stderr line"), t.stderrTail());
        TargetFailure h = failures.stream().filter(f -> f.target().equals("hanger")).findFirst().orElseThrow();
        assertTrue(h.what().contains("hangs"), h.what());
        assertTrue(thrower.aborted && hanger.aborted && !thrower.finished && !hanger.finished);
        assertEquals(2, thrower.seen.size(), "nothing after the failure");
        assertTrue(millis < 6000, "a hung target costs about the stall timeout, took " + millis + " ms");
        assertTrue(t.describe().contains("thrower failed on SpecStarting"), t.describe());
    }

    @Test
    void targetsSharingAThreadAreStillDroppedOneByOne() {
        Fake first = new Fake("first", -1, -1).sharing("in-process");
        Fake thrower = new Fake("thrower", 3, -1).sharing("in-process");
        Fake last = new Fake("last", -1, -1).sharing("in-process");
        Fake alone = new Fake("alone", -1, -1);
        FanOut fanOut = new FanOut(List.of(first, thrower, alone, last), 2, Duration.ofSeconds(2),
                Duration.ofSeconds(5), f -> { });
        List<Message> events = events(10);
        for (Message m : events) {
            fanOut.accept(m, Instant.now());
        }
        fanOut.close();

        assertEquals(events.size(), first.seen.size());
        assertEquals(events.size(), last.seen.size(), "a target after the failed one in the group still gets all");
        assertEquals(events.size(), alone.seen.size());
        assertEquals(2, thrower.seen.size());
        assertTrue(first.finished && last.finished && alone.finished && !thrower.finished && thrower.aborted);
        assertEquals(List.of("thrower"), fanOut.failures().stream().map(TargetFailure::target).toList());
        assertEquals(first.threads, last.threads, "the group shares one thread");
        assertEquals(1, first.threads.size());
        assertTrue(!alone.threads.equals(first.threads), "a target without a group has its own thread");
    }

    @Test
    void eventsNoTargetOfASenderWantsAreNotQueuedToIt() {
        Fake specsOnly = new Fake("specs", -1, -1).wanting(EventKind.SPEC_STARTING).sharing("in-process");
        Fake resultOnly = new Fake("result", -1, -1).wanting(EventKind.SUITE_RESULT).sharing("in-process");
        Fake nothing = new Fake("nothing", -1, -1).wanting();
        Fake everything = new Fake("everything", -1, -1);
        FanOut fanOut = new FanOut(List.of(specsOnly, resultOnly, nothing, everything), 2, Duration.ofSeconds(2),
                Duration.ofSeconds(5), f -> { });
        List<Message> events = events(3);
        for (Message m : events) {
            fanOut.accept(m, Instant.now());
        }
        fanOut.close();

        assertEquals(List.of(), nothing.seen, "a sender whose targets want nothing gets nothing");
        assertEquals(events.size(), everything.seen.size());
        // The group gets the union; each member's own deliver decides what it does with the rest.
        List<String> groupSaw = specsOnly.seen;
        assertEquals(List.of("SpecExecutionStartingRequest", "SpecExecutionStartingRequest",
                "SpecExecutionStartingRequest", "SuiteExecutionResult"), groupSaw);
        assertTrue(nothing.finished && specsOnly.finished);
    }

    @Test
    void aListenerTargetWantsTheKindsItsListenerOverrides() throws Exception {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        ListenerTarget target = new ListenerTarget("specs", new dev.stepwise.reporter.ReporterListener() {
            @Override
            public void onSpecStarting(dev.stepwise.reporter.event.SpecStarting event) {
                calls.add(event.spec().name());
            }
        });
        assertTrue(target.wants(EventKind.SPEC_STARTING));
        for (EventKind k : EventKind.values()) {
            assertEquals(k == EventKind.SPEC_STARTING, target.wants(k), k.toString());
        }
        for (Message m : events(2)) {
            target.deliver(m, Instant.now());
        }
        assertEquals(List.of("Spec 0", "Spec 1"), calls);
    }

    @Test
    void whatATargetWantsIsAskedForEveryEventSoAPluginThatSubscribedLateGetsOnlyItsKinds() throws Exception {
        // Like a plugin on the event stream: it learns its subscription while handling its first event.
        CountDownLatch subscribed = new CountDownLatch(1);
        Fake plugin = new Fake("plugin", -1, -1) {
            @Override
            public void deliver(Message event, Instant at) throws Exception {
                super.deliver(event, at);
                wanted = Set.of(EventKind.SUITE_RESULT);
                subscribed.countDown();
            }
        };
        FanOut fanOut = new FanOut(List.of(plugin), 2, Duration.ofSeconds(2), Duration.ofSeconds(5), f -> { });
        List<Message> events = events(3);
        fanOut.accept(events.get(0), Instant.now());
        subscribed.await();
        for (Message m : events.subList(1, events.size())) {
            fanOut.accept(m, Instant.now());
        }
        fanOut.close();

        assertEquals(List.of("ExecutionStartingRequest", "SuiteExecutionResult"), plugin.seen,
                "the first event before it knew, then only the kind it subscribed to");
    }
}
