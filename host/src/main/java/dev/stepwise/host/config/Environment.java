package dev.stepwise.host.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Gauge's environment properties ({@code env/env.go}): {@code env/default} plus the {@code --env} names, with
 * Gauge's precedence (highest first): the OS environment, the first named environment that defines the key,
 * {@code default}, built-in defaults. {@code ${var}} references resolve against the OS environment and the other
 * properties.
 *
 * @param names      the environments asked for ({@code default} when none was)
 * @param properties every property with its final value (OS values included where they win)
 * @param exported   what the host must add to the runner's environment: the properties the OS does not define
 * @param sources    where each property's value comes from, for messages: the properties file that defines it,
 *                   "the OS environment" or "built-in defaults" (see {@link #source})
 */
public record Environment(List<String> names, Map<String, String> properties, Map<String, String> exported,
                          Map<String, String> sources) {

    private static final Pattern REF = Pattern.compile("\\$\\{([^}]*)}");

    public Environment {
        names = List.copyOf(names);
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        exported = Collections.unmodifiableMap(new TreeMap<>(exported));
        sources = Collections.unmodifiableMap(new TreeMap<>(sources));
    }

    /** Without sources (values made up in code). */
    public Environment(List<String> names, Map<String, String> properties, Map<String, String> exported) {
        this(names, properties, exported, Map.of());
    }

    /** Where {@code key}'s value comes from, for messages ({@code env/default/a.properties:3}), or "unknown". */
    public String source(String key) {
        String s = sources.getOrDefault(key, "unknown");
        if (s.endsWith(".properties")) {
            // The line is looked up only when a message needs it, not for every property of every run.
            int line = keyLine(Path.of(s), key);
            return line > 0 ? s + ":" + line : s;
        }
        return s;
    }

    public String get(String key, String fallback) {
        String v = properties.get(key);
        return v == null ? fallback : v;
    }

    /** Gauge's built-in defaults for a project at {@code root} and environment name {@code envName}. */
    public static Map<String, String> builtInDefaults(Path root, String envName) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("gauge_specs_dir", "specs");
        d.put("gauge_reports_dir", "reports");
        d.put("gauge_environment", envName);
        d.put("logs_directory", "logs");
        d.put("overwrite_reports", "true");
        d.put("screenshot_on_failure", "true");
        d.put("save_execution_result", "false");
        d.put("csv_delimiter", ",");
        d.put("allow_multiline_step", "false");
        d.put("allow_filtered_parallel_execution", "false");
        d.put("gauge_screenshots_dir", root.resolve(".gauge").resolve("screenshots").toString());
        d.put("gauge_spec_file_extensions", ".spec, .md");
        d.put("allow_case_sensitive_tags", "false");
        return d;
    }

    /**
     * Loads the environment of the project at {@code root}.
     *
     * @param envArg   the {@code --env} value ({@code a,b}), or null/blank for {@code default} only
     * @param manifest the project's manifest (for {@code EnvironmentDir})
     * @param osEnv    the process environment
     */
    public static Environment load(Path root, String envArg, Manifest manifest, Map<String, String> osEnv) {
        List<String> names = new ArrayList<>();
        if (envArg != null) {
            for (String n : envArg.split(",")) {
                if (!n.isBlank()) {
                    names.add(n.strip());
                }
            }
        }
        if (names.isEmpty()) {
            names.add("default");
        }
        String envDirName = osEnv.getOrDefault("gauge_env_dir", "").strip();
        if (envDirName.isEmpty()) {
            envDirName = manifest == null ? "env" : manifest.environmentDir().orElse("env");
        }
        if (Path.of(envDirName).isAbsolute()) {
            throw new ConfigException("gauge_env_dir/EnvironmentDir must be relative to the project root, got "
                    + envDirName);
        }
        Path envDir = root.resolve(envDirName);

        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, Path> origin = new LinkedHashMap<>();
        for (String name : names) {
            if (name.equals("default")) {
                continue;
            }
            Path dir = envDir.resolve(name);
            if (!Files.isDirectory(dir)) {
                throw new ConfigException("Failed to load env. " + name + " environment does not exist: no folder "
                        + dir + ". Create it or fix --env.");
            }
            loadDir(dir, raw, origin);
        }
        Path defaultDir = envDir.resolve("default");
        if (Files.isDirectory(defaultDir)) {
            loadDir(defaultDir, raw, origin);
        }
        builtInDefaults(root, String.join(",", names)).forEach(raw::putIfAbsent);

        Map<String, String> resolved = new LinkedHashMap<>();
        Set<String> unresolved = new LinkedHashSet<>();
        for (String key : raw.keySet()) {
            if (osEnv.containsKey(key)) {
                resolved.put(key, osEnv.get(key));
            } else {
                resolved.put(key, resolve(key, raw, osEnv, new LinkedHashSet<>(), unresolved, origin));
            }
        }
        if (!unresolved.isEmpty()) {
            Set<String> where = new LinkedHashSet<>();
            raw.forEach((k, v) -> {
                for (String u : unresolved) {
                    if (v.contains("${" + u + "}") && origin.containsKey(k)) {
                        where.add(at(k, origin));
                    }
                }
            });
            throw new ConfigException(new ArrayList<>(unresolved) + " env variable(s) are not set"
                    + (where.isEmpty() ? "" : " (referenced in " + String.join(", ", where) + ")")
                    + ". Define them in env/default or in the OS environment.");
        }
        Map<String, String> exported = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        resolved.forEach((k, v) -> {
            if (!osEnv.containsKey(k)) {
                exported.put(k, v);
                sources.put(k, origin.containsKey(k) ? origin.get(k).toString() : "built-in defaults");
            } else {
                sources.put(k, "the OS environment");
            }
        });
        return new Environment(names, resolved, exported, sources);
    }

    private static String resolve(String key, Map<String, String> raw, Map<String, String> osEnv,
                                  Set<String> visiting, Set<String> unresolved, Map<String, Path> origin) {
        if (osEnv.containsKey(key)) {
            return osEnv.get(key);
        }
        String value = raw.get(key);
        if (value == null) {
            unresolved.add(key);
            return "";
        }
        if (!visiting.add(key)) {
            // A cycle is not a missing variable: name the chain and where each link is defined.
            List<String> chain = new ArrayList<>(visiting);
            chain = new ArrayList<>(chain.subList(chain.indexOf(key), chain.size()));
            List<String> places = new ArrayList<>();
            for (String k : chain) {
                places.add(k + " at " + at(k, origin));
            }
            chain.add(key);
            throw new ConfigException("Circular reference in env properties: " + String.join(" -> ", chain) + " ("
                    + String.join(", ", places) + "). Replace one of these ${...} references with a value.");
        }
        Matcher m = REF.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String ref = m.group(1).strip();
            String v;
            if (osEnv.containsKey(ref)) {
                v = osEnv.get(ref);
            } else if (raw.containsKey(ref)) {
                v = resolve(ref, raw, osEnv, visiting, unresolved, origin);
            } else {
                unresolved.add(ref);
                v = "";
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        visiting.remove(key);
        return sb.toString();
    }

    /** {@code file:line} where {@code key} is defined (just the file when the line cannot be found). */
    private static String at(String key, Map<String, Path> origin) {
        Path f = origin.get(key);
        if (f == null) {
            return "built-in defaults";
        }
        int line = keyLine(f, key);
        return line > 0 ? f + ":" + line : f.toString();
    }

    /** The 1-based line that defines {@code key} in a properties file, or 0. */
    static int keyLine(Path file, String key) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).stripLeading();
            if (l.startsWith(key) && !l.startsWith("#") && !l.startsWith("!")) {
                String rest = l.substring(key.length());
                if (rest.isEmpty() || " \t=:".indexOf(rest.charAt(0)) >= 0) {
                    return i + 1;
                }
            }
        }
        return 0;
    }

    /** The 1-based line of the first {@code \\u} not followed by four hex digits, or 0. */
    static int badEscapeLine(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        boolean continued = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            String lead = l.stripLeading();
            boolean comment = !continued && (lead.startsWith("#") || lead.startsWith("!"));
            int trailing = 0;
            while (trailing < l.length() && l.charAt(l.length() - 1 - trailing) == '\\') {
                trailing++;
            }
            continued = !comment && trailing % 2 == 1;
            if (comment) {
                continue;
            }
            for (int c = 0; c < l.length() - 1; c++) {
                if (l.charAt(c) != '\\') {
                    continue;
                }
                if (l.charAt(c + 1) == 'u') {
                    int end = c + 6;
                    if (end > l.length() || !l.substring(c + 2, end).chars().allMatch(Environment::isHex)) {
                        return i + 1;
                    }
                }
                c++; // skip the escaped character
            }
        }
        return 0;
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static void loadDir(Path dir, Map<String, String> into, Map<String, Path> origin) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".properties") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new ConfigException("Could not list " + dir + ": " + e.getMessage(), e);
        }
        for (Path f : files) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IllegalArgumentException e) {
                // Properties.load says only "Malformed \\uxxxx encoding."; find the line for the user.
                int line = badEscapeLine(f);
                throw new ConfigException(f + (line > 0 ? ":" + line : "") + ": malformed \\uXXXX escape ("
                        + e.getMessage() + "). Write \\u followed by four hex digits, or \\\\ for a backslash.", e);
            } catch (IOException e) {
                throw new ConfigException("Could not read properties file " + f + ": " + e.getMessage()
                        + ". Check that it is readable UTF-8 text.", e);
            }
            for (String k : new TreeMap<>(p).keySet().stream().map(String::valueOf).toList()) {
                if (!into.containsKey(k)) {
                    into.put(k, p.getProperty(k).strip());
                    origin.put(k, f);
                }
            }
        }
    }
}
