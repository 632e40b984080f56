package dev.stepwise.proto.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * One wire-level fact of a proto contract, in the column layout of
 * {@code shared/contracts/gauge-proto-wire.tsv}: file, kind, then kind-specific columns.
 *
 * <p>Trailing empty columns carry no information, and the published table is not consistent about
 * writing them, so they are dropped on both sides before comparing.
 */
record WireFact(List<String> columns) implements Comparable<WireFact> {

  WireFact {
    List<String> trimmed = new ArrayList<>(columns);
    while (!trimmed.isEmpty() && trimmed.get(trimmed.size() - 1).isEmpty()) {
      trimmed.remove(trimmed.size() - 1);
    }
    columns = List.copyOf(trimmed);
  }

  static WireFact of(String... columns) {
    return new WireFact(List.of(columns));
  }

  static WireFact parse(String tsvLine) {
    return new WireFact(List.of(tsvLine.split("\t", -1)));
  }

  String file() {
    return columns.get(0);
  }

  String kind() {
    return columns.get(1);
  }

  /**
   * What the fact is about, without its value: the same identity on both sides with a different
   * value is reported as "different" rather than as one missing and one extra fact.
   */
  String identity() {
    int keyColumns =
        switch (kind()) {
          case "message" -> 3;
          case "field", "enum", "rpc" -> 4;
          default -> columns.size();
        };
    return String.join(" ", columns.subList(0, Math.min(keyColumns, columns.size())));
  }

  @Override
  public int compareTo(WireFact other) {
    return toString().compareTo(other.toString());
  }

  @Override
  public String toString() {
    return String.join("\t", columns);
  }
}
