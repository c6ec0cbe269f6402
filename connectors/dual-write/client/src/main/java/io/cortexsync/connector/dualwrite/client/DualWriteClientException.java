package io.cortexsync.connector.dualwrite.client;

/**
 * A request of a {@link DualWriteClient} that got no answer (the change could not be written to
 * the input topic, the client closed, or its events reader stopped), or a client that could not
 * start. The message names the request and says whether the change may still be applied.
 */
public class DualWriteClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String requestId;

    DualWriteClientException(String message, String requestId, Throwable cause) {
        super(message, cause);
        this.requestId = requestId;
    }

    /** The request concerned, or null when the failure is not about one request. */
    public String requestId() {
        return requestId;
    }
}
