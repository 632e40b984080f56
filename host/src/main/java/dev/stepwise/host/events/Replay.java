package dev.stepwise.host.events;

import java.io.IOException;
import java.nio.file.Path;

/** Feeds a recorded event log to a sink, with the recorded times: {@code stepwise report --from LOG}. */
public final class Replay {
    private Replay() {
    }

    /** What was replayed. */
    public record Result(int events, String truncated) {
    }

    public static Result replay(Path log, EventSink sink) throws IOException {
        try (EventLogReader r = EventLogReader.open(log)) {
            EventLogReader.Record rec;
            while ((rec = r.next()) != null) {
                sink.accept(rec.event(), rec.at());
            }
            return new Result(r.count(), r.truncated());
        }
    }
}
