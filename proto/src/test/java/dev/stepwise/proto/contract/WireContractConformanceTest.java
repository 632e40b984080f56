package dev.stepwise.proto.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.stepwise.proto.ApiProto;
import dev.stepwise.proto.LspProto;
import dev.stepwise.proto.MessagesProto;
import dev.stepwise.proto.ServicesProto;
import dev.stepwise.proto.SpecProto;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Our compiled contract must put on the wire exactly the facts Gauge publishes: any missing, extra
 * or different name, number or type fails with a diff naming it.
 */
class WireContractConformanceTest {

  static final List<FileDescriptor> OUR_FILES =
      List.of(
          SpecProto.getDescriptor(),
          MessagesProto.getDescriptor(),
          ServicesProto.getDescriptor(),
          LspProto.getDescriptor(),
          ApiProto.getDescriptor());

  @Test
  void compiledDescriptorsMatchThePublishedFactTable() throws Exception {
    SortedSet<WireFact> expected = WireFacts.read(ContractPaths.wireContract());
    SortedSet<WireFact> actual = WireFacts.of(OUR_FILES);

    String diff = WireFacts.diff(expected, actual);
    assertTrue(
        diff.isEmpty(),
        () ->
            "proto/ does not match "
                + ContractPaths.wireContract()
                + " ("
                + expected.size()
                + " facts expected, "
                + actual.size()
                + " derived):\n"
                + diff);
  }

  @Test
  void everyFileIsInGaugesPackageWithOurJavaPackage() {
    for (FileDescriptor file : OUR_FILES) {
      assertEquals("gauge.messages", file.getPackage(), file.getName());
      assertEquals("dev.stepwise.proto", file.getOptions().getJavaPackage(), file.getName());
      assertEquals("proto3", file.toProto().getSyntax(), file.getName());
    }
  }

  @Test
  void aDeletedFieldIsReportedByName() throws Exception {
    FileDescriptorProto spec = SpecProto.getDescriptor().toProto();
    FileDescriptorProto.Builder changed = spec.toBuilder();
    var protoSpec = findMessage(changed, "ProtoSpec");
    int index = indexOfField(protoSpec.getFieldList(), "fileName");
    protoSpec.removeField(index);

    String diff = diffAgainstOurs(changed.build());

    assertEquals(
        "  missing:   spec.proto\tfield\tgauge.messages.ProtoSpec\tfileName\t6\tstring\n", diff);
  }

  @Test
  void aRenumberedFieldIsReportedByNameWithBothNumbers() throws Exception {
    FileDescriptorProto.Builder changed = SpecProto.getDescriptor().toProto().toBuilder();
    var span = findMessage(changed, "Span");
    int index = indexOfField(span.getFieldList(), "endChar");
    span.setField(index, span.getField(index).toBuilder().setNumber(40));

    String diff = diffAgainstOurs(changed.build());

    assertTrue(diff.contains("different: spec.proto field gauge.messages.Span endChar"), diff);
    assertTrue(diff.contains("expected: spec.proto\tfield\tgauge.messages.Span\tendChar\t4\tint64"), diff);
    assertTrue(diff.contains("actual:   spec.proto\tfield\tgauge.messages.Span\tendChar\t40\tint64"), diff);
  }

  @Test
  void anAddedEnumValueIsReportedAsExtra() {
    SortedSet<WireFact> expected = new TreeSet<>(WireFacts.of(OUR_FILES));
    SortedSet<WireFact> actual = new TreeSet<>(expected);
    actual.add(WireFact.of("spec.proto", "enum", "gauge.messages.ExecutionStatus", "RETRIED", "4"));

    assertEquals(
        "  extra:     spec.proto\tenum\tgauge.messages.ExecutionStatus\tRETRIED\t4\n",
        WireFacts.diff(expected, actual));
  }

  /** The diff between our real contract (expected) and a changed spec.proto (actual). */
  private static String diffAgainstOurs(FileDescriptorProto changedSpec) throws Exception {
    FileDescriptor rebuilt = FileDescriptor.buildFrom(changedSpec, new FileDescriptor[0]);
    SortedSet<WireFact> ours = WireFacts.of(List.of(SpecProto.getDescriptor()));
    return WireFacts.diff(ours, WireFacts.of(List.of(rebuilt)));
  }

  private static com.google.protobuf.DescriptorProtos.DescriptorProto.Builder findMessage(
      FileDescriptorProto.Builder file, String name) {
    for (int i = 0; i < file.getMessageTypeCount(); i++) {
      if (file.getMessageType(i).getName().equals(name)) {
        return file.getMessageTypeBuilder(i);
      }
    }
    throw new AssertionError("no message " + name);
  }

  private static int indexOfField(List<FieldDescriptorProto> fields, String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).getName().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no field " + name);
  }
}
