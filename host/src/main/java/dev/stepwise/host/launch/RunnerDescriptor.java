package dev.stepwise.host.launch;

import dev.stepwise.host.config.ConfigException;
import dev.stepwise.host.config.DescriptorFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A language runner's descriptor ({@code <installdir>/<id>.json}), as Gauge reads it ({@code runner/runner.go}).
 *
 * @param file            the descriptor file
 * @param id              the runner id
 * @param version         its version
 * @param command         the {@code run} command for this OS
 * @param conceptMessages whether the runner wants concept notifications
 * @param grpcSupport     whether it serves gRPC (the host supports only gRPC runners)
 * @param multithreaded   descriptor {@code multithreaded}: one runner can serve several streams concurrently (used
 *                        only when the project also sets {@code enable_multithreading=true})
 */
public record RunnerDescriptor(Path file, String id, String version, List<String> command, boolean conceptMessages,
                               boolean grpcSupport, boolean multithreaded) {

    public RunnerDescriptor {
        command = List.copyOf(command);
    }

    /** A descriptor that does not declare {@code multithreaded}. */
    public RunnerDescriptor(Path file, String id, String version, List<String> command, boolean conceptMessages,
                            boolean grpcSupport) {
        this(file, id, version, command, conceptMessages, grpcSupport, false);
    }

    /** The install directory: the runner's working directory. */
    public Path installDir() {
        return file.toAbsolutePath().getParent();
    }

    public static RunnerDescriptor read(Path file) {
        Map<?, ?> map = DescriptorFiles.readObject(file, "Runner descriptor",
                ". Fix the file, or reinstall the runner (scripts/stepwise rebuilds runner/dist).",
                " like {\"id\": ..., \"run\": {\"linux\": [...]}}. Fix the file, or reinstall the runner.");
        String os = DescriptorFiles.osKey();
        Object run = map.get("run");
        List<String> command = new ArrayList<>();
        if (run instanceof Map<?, ?> runMap && runMap.get(os) instanceof List<?> argv) {
            for (Object o : argv) {
                command.add(String.valueOf(o));
            }
        }
        if (command.isEmpty()) {
            String found = !(run instanceof Map<?, ?> runMap) ? (run == null ? "there is no \"run\"" : "\"run\" is not"
                    + " an object") : "\"run\" has " + (runMap.containsKey(os) ? "an empty or non-array \"" + os + "\""
                    : "no \"" + os + "\" entry (only " + runMap.keySet() + ")");
            throw new ConfigException("Runner descriptor " + file + " has no \"run\": {\"" + os
                    + "\": [...]} command for this OS: " + found + ". Add the command line as an array, e.g. \"run\":"
                    + " {\"" + os + "\": [\"bin/launch\", \"--start\"]}, or install the runner built for this OS.");
        }
        Object id = map.get("id");
        Object version = map.get("version");
        return new RunnerDescriptor(file, id == null ? "" : id.toString(), version == null ? "" : version.toString(),
                command,
                Boolean.TRUE.equals(map.get("conceptMessages")), Boolean.TRUE.equals(map.get("gRPCSupport")),
                Boolean.TRUE.equals(map.get("multithreaded")));
    }
}
