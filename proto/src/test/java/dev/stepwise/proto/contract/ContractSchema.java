package dev.stepwise.proto.contract;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds protobuf descriptors from the published fact table alone, without our {@code .proto}
 * files. Messages encoded with these descriptors are an oracle independent of our sources: if our
 * classes and these descriptors agree on bytes, they agree on the wire.
 */
final class ContractSchema {

  private static final String PACKAGE = "gauge.messages";
  /** Dependency order of the five contract files. */
  private static final List<String> FILE_ORDER =
      List.of("spec.proto", "messages.proto", "services.proto", "lsp.proto", "api.proto");

  private ContractSchema() {}

  /** The five files as descriptors, by file name. */
  static Map<String, FileDescriptor> build(Collection<WireFact> facts)
      throws DescriptorValidationException {
    Set<String> enumNames =
        facts.stream()
            .filter(f -> f.kind().equals("enum"))
            .map(f -> f.columns().get(2))
            .collect(Collectors.toSet());
    Map<String, FileDescriptor> built = new LinkedHashMap<>();
    for (String file : FILE_ORDER) {
      List<WireFact> own = facts.stream().filter(f -> f.file().equals(file)).toList();
      FileDescriptorProto proto = fileProto(file, own, enumNames);
      FileDescriptor[] deps =
          built.values().stream()
              .filter(d -> proto.getDependencyList().contains(d.getName()))
              .toArray(FileDescriptor[]::new);
      built.put(file, FileDescriptor.buildFrom(proto, deps));
    }
    return built;
  }

  private static FileDescriptorProto fileProto(
      String file, List<WireFact> facts, Set<String> enumNames) {
    // Message and enum builders by full name, so nested types can be attached to their parents.
    Map<String, DescriptorProto.Builder> messages = new TreeMap<>();
    Map<String, EnumDescriptorProto.Builder> enums = new TreeMap<>();
    Map<String, ServiceDescriptorProto.Builder> services = new TreeMap<>();
    for (WireFact fact : facts) {
      List<String> c = fact.columns();
      switch (fact.kind()) {
        case "message" -> messages.computeIfAbsent(c.get(2), ContractSchema::messageBuilder);
        case "field" -> {
          FieldDescriptorProto.Builder field =
              FieldDescriptorProto.newBuilder()
                  .setName(c.get(3))
                  .setJsonName(c.get(3))
                  .setNumber(Integer.parseInt(c.get(4)))
                  .setLabel(
                      c.size() > 6 && c.get(6).equals("repeated")
                          ? FieldDescriptorProto.Label.LABEL_REPEATED
                          : FieldDescriptorProto.Label.LABEL_OPTIONAL);
          String type = c.get(5);
          if (type.startsWith(PACKAGE + ".")) {
            field
                .setType(
                    enumNames.contains(type)
                        ? FieldDescriptorProto.Type.TYPE_ENUM
                        : FieldDescriptorProto.Type.TYPE_MESSAGE)
                .setTypeName("." + type);
          } else {
            field.setType(
                FieldDescriptorProto.Type.valueOf("TYPE_" + type.toUpperCase(Locale.ROOT)));
          }
          messages.computeIfAbsent(c.get(2), ContractSchema::messageBuilder).addField(field);
        }
        case "enum" ->
            enums
                .computeIfAbsent(c.get(2), n -> EnumDescriptorProto.newBuilder().setName(simple(n)))
                .addValue(
                    EnumValueDescriptorProto.newBuilder()
                        .setName(c.get(3))
                        .setNumber(Integer.parseInt(c.get(4))));
        case "rpc" ->
            services
                .computeIfAbsent(
                    c.get(2), n -> ServiceDescriptorProto.newBuilder().setName(simple(n)))
                .addMethod(
                    MethodDescriptorProto.newBuilder()
                        .setName(c.get(3))
                        .setInputType("." + c.get(4))
                        .setOutputType("." + c.get(5)));
        default -> throw new IllegalArgumentException("unknown fact kind: " + fact);
      }
    }
    FileDescriptorProto.Builder proto =
        FileDescriptorProto.newBuilder().setName(file).setPackage(PACKAGE).setSyntax("proto3");
    for (String dep : FILE_ORDER.subList(0, FILE_ORDER.indexOf(file))) {
      proto.addDependency(dep);
    }
    // Enum values sorted by number, so the zero value comes first as proto3 requires.
    Map<String, EnumDescriptorProto> sortedEnums = new HashMap<>();
    enums.forEach(
        (name, e) -> {
          List<EnumValueDescriptorProto> values = new ArrayList<>(e.getValueList());
          values.sort(java.util.Comparator.comparingInt(EnumValueDescriptorProto::getNumber));
          sortedEnums.put(name, e.clearValue().addAllValue(values).build());
        });
    // Attach nested types deepest first, then add the top-level ones to the file.
    List<String> messageNames = new ArrayList<>(messages.keySet());
    messageNames.sort(java.util.Comparator.comparingInt((String n) -> depth(n)).reversed());
    sortedEnums.forEach(
        (name, e) -> {
          String parent = parent(name);
          if (messages.containsKey(parent)) {
            messages.get(parent).addEnumType(e);
          } else {
            proto.addEnumType(e);
          }
        });
    for (String name : messageNames) {
      String parent = parent(name);
      if (messages.containsKey(parent)) {
        messages.get(parent).addNestedType(messages.get(name));
      } else {
        proto.addMessageType(messages.get(name));
      }
    }
    services.values().forEach(proto::addService);
    return proto.build();
  }

  private static DescriptorProto.Builder messageBuilder(String fullName) {
    return DescriptorProto.newBuilder().setName(simple(fullName));
  }

  private static String simple(String fullName) {
    return fullName.substring(fullName.lastIndexOf('.') + 1);
  }

  private static String parent(String fullName) {
    return fullName.substring(0, fullName.lastIndexOf('.'));
  }

  private static int depth(String fullName) {
    return (int) fullName.chars().filter(ch -> ch == '.').count();
  }
}
