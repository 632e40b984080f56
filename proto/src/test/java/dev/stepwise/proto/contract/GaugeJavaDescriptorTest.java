package dev.stepwise.proto.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.proto.MessagesProto;
import dev.stepwise.proto.ServicesProto;
import dev.stepwise.proto.SpecProto;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Compares our descriptors with the ones compiled into gauge-java 0.13.0, an independent producer
 * of the same contract. The only allowed differences are the five facts that jar predates.
 */
class GaugeJavaDescriptorTest {

  /** Facts newer than gauge-java 0.13.0: present in the contract and ours, absent from the jar. */
  private static final SortedSet<WireFact> NEWER_THAN_GAUGE_JAVA =
      new TreeSet<>(
          List.of(
              WireFact.of(
                  "spec.proto", "enum", "gauge.messages.Parameter.ParameterType",
                  "Multiline_String", "5"),
              WireFact.of(
                  "spec.proto", "field", "gauge.messages.ProtoSpecResult", "timestampISO", "12",
                  "string"),
              WireFact.of(
                  "spec.proto", "field", "gauge.messages.ProtoScenarioResult", "timestampISO", "4",
                  "string"),
              WireFact.of(
                  "spec.proto", "field", "gauge.messages.ProtoStepResult", "timestampISO", "4",
                  "string"),
              WireFact.of(
                  "spec.proto", "field", "gauge.messages.ProtoSuiteResult", "timestampISO", "23",
                  "string")));

  @Test
  void gaugeJavaDescriptorsDifferOnlyByTheFactsItPredates() {
    SortedSet<WireFact> ours =
        WireFacts.of(
            List.of(
                SpecProto.getDescriptor(),
                MessagesProto.getDescriptor(),
                ServicesProto.getDescriptor()));
    SortedSet<WireFact> gaugeJava =
        WireFacts.of(
            List.of(
                gauge.messages.Spec.getDescriptor(),
                gauge.messages.Messages.getDescriptor(),
                gauge.messages.Services.getDescriptor()));

    SortedSet<WireFact> ourWithoutNewer = new TreeSet<>(ours);
    ourWithoutNewer.removeAll(NEWER_THAN_GAUGE_JAVA);

    assertEquals("", WireFacts.diff(gaugeJava, ourWithoutNewer), "ours vs gauge-java 0.13.0");
    SortedSet<WireFact> onlyOurs = new TreeSet<>(ours);
    onlyOurs.removeAll(gaugeJava);
    assertEquals(NEWER_THAN_GAUGE_JAVA, onlyOurs, "facts only we have");
  }
}
