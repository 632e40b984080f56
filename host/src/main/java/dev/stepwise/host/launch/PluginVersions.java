package dev.stepwise.host.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Gauge's plugin layout {@code <plugins>/<id>/<version>/}: which installed version to use (the highest
 * folder name that parses as a version; a nightly suffix is ignored), shared by runners and reporters.
 */
public final class PluginVersions {

    private PluginVersions() {
    }

    /** The highest directory under {@code dir} whose name parses as a version. */
    public static Optional<Path> latestVersionDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory)
                    .filter(p -> parse(p.getFileName().toString()) != null)
                    .max(Comparator.comparing(p -> parse(p.getFileName().toString()), PluginVersions::compare));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code 1.2.3}, {@code 1.2.3-SNAPSHOT} or a nightly {@code 1.2.3.nightly-2024} give [1,2,3]; null if not a version. */
    public static int[] parse(String name) {
        String[] parts = name.split("[.-]");
        List<Integer> nums = new ArrayList<>();
        for (String p : parts) {
            if (p.isEmpty() || !p.chars().allMatch(Character::isDigit)) {
                break;
            }
            nums.add(Integer.parseInt(p));
        }
        if (nums.size() < 3) {
            return null;
        }
        return new int[] {nums.get(0), nums.get(1), nums.get(2)};
    }

    /** Orders two parsed versions. */
    public static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
