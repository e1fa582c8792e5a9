package io.nbo.service.state;

/** The local state cannot be read right now (starting, rebalancing); the caller should retry shortly. */
public final class StateUnavailableException extends RuntimeException {
    public StateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
