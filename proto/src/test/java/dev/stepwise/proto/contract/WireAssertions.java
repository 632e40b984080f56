package dev.stepwise.proto.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;

/** Field-for-field comparison of one message as two independent schemas read it. */
final class WireAssertions {

  private WireAssertions() {}

  /** How the other side reads bytes: a generated parser or a dynamic one. */
  interface Reader {
    Message read(byte[] bytes) throws InvalidProtocolBufferException;
  }

  /**
   * Encodes {@code ours}, decodes it with {@code other}, and checks that every field reads back with
   * the same name and value (text format names each field; an unknown field would appear as a bare
   * number), then encodes the other side's message and checks that we read back the original.
   */
  static void assertRoundTrip(Message ours, Reader other) throws InvalidProtocolBufferException {
    String ourText = TextFormat.printer().printToString(ours);
    assertFalse(ourText.isBlank(), "sample must not be empty");

    Message theirs = other.read(ours.toByteArray());
    assertEquals(ourText, TextFormat.printer().printToString(theirs), "as the other side reads it");

    Message back = ours.getParserForType().parseFrom(theirs.toByteArray());
    assertEquals(ours, back, "read back from the other side's encoding");
  }
}
