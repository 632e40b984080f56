package dev.stepwise.host.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Gauge environment properties that change how specs are found and parsed.
 *
 * @param specDirs           spec directories or files, relative to the project root (gauge_specs_dir, default {@code specs})
 * @param specExtensions     spec file extensions with the dot (gauge_spec_file_extensions, default {@code .spec, .md})
 * @param conceptsDir        gauge_concepts_dir; empty means "project root and spec dirs"
 * @param dataDir            gauge_data_dir; empty means the project root
 * @param csvDelimiter       csv_delimiter, default {@code ,}
 * @param allowMultilineStep allow_multiline_step, default false
 * @param excludeDirs        gauge_exclude_dirs, relative to the project root
 */
public record ParserSettings(List<String> specDirs, List<String> specExtensions, String conceptsDir, String dataDir,
                             char csvDelimiter, boolean allowMultilineStep, List<String> excludeDirs) {

    public ParserSettings {
        specDirs = List.copyOf(specDirs);
        specExtensions = List.copyOf(specExtensions);
        conceptsDir = Objects.requireNonNullElse(conceptsDir, "");
        dataDir = Objects.requireNonNullElse(dataDir, "");
        excludeDirs = List.copyOf(excludeDirs);
    }

    /** Gauge's built-in defaults. */
    public static ParserSettings defaults() {
        return new ParserSettings(List.of("specs"), List.of(".spec", ".md"), "", "", ',', false, List.of());
    }

    /**
     * Reads the settings from Gauge property names ({@code gauge_specs_dir}, {@code gauge_spec_file_extensions},
     * {@code gauge_concepts_dir}, {@code gauge_data_dir}, {@code csv_delimiter}, {@code allow_multiline_step},
     * {@code gauge_exclude_dirs}); missing keys keep the defaults.
     */
    public static ParserSettings fromProperties(Map<String, String> props) {
        ParserSettings d = defaults();
        String delimiter = props.getOrDefault("csv_delimiter", ",");
        return new ParserSettings(
                props.containsKey("gauge_specs_dir") ? splitList(props.get("gauge_specs_dir")) : d.specDirs(),
                props.containsKey("gauge_spec_file_extensions")
                        ? splitList(props.get("gauge_spec_file_extensions")) : d.specExtensions(),
                props.getOrDefault("gauge_concepts_dir", "").trim(),
                props.getOrDefault("gauge_data_dir", "").trim(),
                delimiter.isEmpty() ? ',' : delimiter.charAt(0),
                Boolean.parseBoolean(props.getOrDefault("allow_multiline_step", "false").trim()),
                splitList(props.getOrDefault("gauge_exclude_dirs", "")));
    }

    public ParserSettings withSpecDirs(List<String> dirs) {
        return new ParserSettings(dirs, specExtensions, conceptsDir, dataDir, csvDelimiter, allowMultilineStep, excludeDirs);
    }

    public ParserSettings withAllowMultilineStep(boolean allow) {
        return new ParserSettings(specDirs, specExtensions, conceptsDir, dataDir, csvDelimiter, allow, excludeDirs);
    }

    public ParserSettings withDataDir(String dir) {
        return new ParserSettings(specDirs, specExtensions, conceptsDir, dir, csvDelimiter, allowMultilineStep, excludeDirs);
    }

    public ParserSettings withConceptsDir(String dir) {
        return new ParserSettings(specDirs, specExtensions, dir, dataDir, csvDelimiter, allowMultilineStep, excludeDirs);
    }

    public ParserSettings withCsvDelimiter(char delimiter) {
        return new ParserSettings(specDirs, specExtensions, conceptsDir, dataDir, delimiter, allowMultilineStep, excludeDirs);
    }

    public ParserSettings withExcludeDirs(List<String> dirs) {
        return new ParserSettings(specDirs, specExtensions, conceptsDir, dataDir, csvDelimiter, allowMultilineStep, dirs);
    }

    private static List<String> splitList(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String p = part.trim();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }
}
