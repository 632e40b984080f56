package dev.stepwise.host.launch;

/** The stages of the runner handshake; a launch failure names the one that did not complete. */
public enum LaunchStage {
    /** Locating the runner and starting its process. */
    PROCESS_START("start the runner process"),
    /** Waiting for {@code Listening on port:NNNN} on the runner's stdout or stderr. */
    PORT_LINE("read the runner's port line"),
    /** Waiting for the answer to the first RPC. */
    FIRST_RPC("get an answer to the first request");

    private final String description;

    LaunchStage(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
