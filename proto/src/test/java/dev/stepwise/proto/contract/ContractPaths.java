package dev.stepwise.proto.contract;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the published fact table; CI clones the repository with {@code shared/} beside it. */
final class ContractPaths {

  private ContractPaths() {}

  static Path wireContract() {
    String configured = System.getProperty("stepwise.wireContract");
    Path path =
        configured != null
            ? Path.of(configured)
            : Path.of("..", "..", "shared", "contracts", "gauge-proto-wire.tsv");
    path = path.toAbsolutePath().normalize();
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(
          "The Gauge wire contract is not at "
              + path
              + ". Clone the repository with the shared/ folder beside it (../shared), or pass"
              + " -Dstepwise.wireContract=PATH.");
    }
    return path;
  }
}
