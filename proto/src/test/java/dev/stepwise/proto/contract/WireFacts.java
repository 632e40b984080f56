package dev.stepwise.proto.contract;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Derives the wire fact table from compiled descriptors, and compares two tables readably. */
final class WireFacts {

  private WireFacts() {}

  /** Every fact that the given files put on the wire. */
  static SortedSet<WireFact> of(Collection<FileDescriptor> files) {
    SortedSet<WireFact> facts = new TreeSet<>();
    for (FileDescriptor file : files) {
      String fileName = Path.of(file.getName()).getFileName().toString();
      for (Descriptor message : file.getMessageTypes()) {
        addMessage(fileName, message, facts);
      }
      for (EnumDescriptor enumType : file.getEnumTypes()) {
        addEnum(fileName, enumType, facts);
      }
      for (ServiceDescriptor service : file.getServices()) {
        for (MethodDescriptor method : service.getMethods()) {
          facts.add(
              WireFact.of(
                  fileName,
                  "rpc",
                  service.getFullName(),
                  method.getName(),
                  method.getInputType().getFullName(),
                  method.getOutputType().getFullName(),
                  streamingFlags(method)));
        }
      }
    }
    return facts;
  }

  private static void addMessage(String file, Descriptor message, SortedSet<WireFact> facts) {
    if (message.getOptions().getMapEntry()) {
      return; // synthetic entry type of a map field; the map field itself is the fact
    }
    facts.add(WireFact.of(file, "message", message.getFullName()));
    for (FieldDescriptor field : message.getFields()) {
      OneofDescriptor oneof = field.getRealContainingOneof();
      facts.add(
          WireFact.of(
              file,
              "field",
              message.getFullName(),
              field.getName(),
              Integer.toString(field.getNumber()),
              typeName(field),
              field.isMapField() ? "map" : field.isRepeated() ? "repeated" : "",
              oneof == null ? "" : "oneof:" + oneof.getName()));
    }
    for (Descriptor nested : message.getNestedTypes()) {
      addMessage(file, nested, facts);
    }
    for (EnumDescriptor nested : message.getEnumTypes()) {
      addEnum(file, nested, facts);
    }
  }

  private static void addEnum(String file, EnumDescriptor enumType, SortedSet<WireFact> facts) {
    for (EnumValueDescriptor value : enumType.getValues()) {
      facts.add(
          WireFact.of(
              file,
              "enum",
              enumType.getFullName(),
              value.getName(),
              Integer.toString(value.getNumber())));
    }
  }

  private static String typeName(FieldDescriptor field) {
    if (field.isMapField()) {
      Descriptor entry = field.getMessageType();
      return typeName(entry.findFieldByNumber(1)) + "," + typeName(entry.findFieldByNumber(2));
    }
    return switch (field.getJavaType()) {
      case MESSAGE -> field.getMessageType().getFullName();
      case ENUM -> field.getEnumType().getFullName();
      default -> field.getType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String streamingFlags(MethodDescriptor method) {
    List<String> flags = new ArrayList<>();
    if (method.isClientStreaming()) {
      flags.add("client_streaming");
    }
    if (method.isServerStreaming()) {
      flags.add("server_streaming");
    }
    return String.join(",", flags);
  }

  /** Reads a fact table in the published TSV layout. */
  static SortedSet<WireFact> read(Path tsv) throws IOException {
    return Files.readAllLines(tsv, StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank())
        .map(WireFact::parse)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * A readable difference between an expected and an actual fact table, or an empty string when
   * they are equal. Facts about the same thing (same field, enum value or rpc) with different values
   * are shown side by side; the rest as missing or extra.
   */
  static String diff(SortedSet<WireFact> expected, SortedSet<WireFact> actual) {
    Map<String, WireFact> missing = byIdentity(without(expected, actual));
    Map<String, WireFact> extra = byIdentity(without(actual, expected));
    StringBuilder report = new StringBuilder();
    for (String identity : new TreeSet<>(missing.keySet())) {
      if (extra.containsKey(identity)) {
        report.append("  different: ").append(identity).append('\n')
            .append("      expected: ").append(missing.remove(identity)).append('\n')
            .append("      actual:   ").append(extra.remove(identity)).append('\n');
      }
    }
    missing.values().forEach(f -> report.append("  missing:   ").append(f).append('\n'));
    extra.values().forEach(f -> report.append("  extra:     ").append(f).append('\n'));
    return report.toString();
  }

  private static SortedSet<WireFact> without(SortedSet<WireFact> from, SortedSet<WireFact> remove) {
    SortedSet<WireFact> result = new TreeSet<>(from);
    result.removeAll(remove);
    return result;
  }

  private static Map<String, WireFact> byIdentity(SortedSet<WireFact> facts) {
    Map<String, WireFact> map = new TreeMap<>();
    for (WireFact fact : facts) {
      // Two facts with one identity on one side would be a duplicate definition; keep both visible.
      String key = map.containsKey(fact.identity()) ? fact.toString() : fact.identity();
      map.put(key, fact);
    }
    return map;
  }
}
