package io.nbo.service.config;

/** A setting that cannot be used; the message names it and says what is expected. */
public final class InvalidConfigException extends RuntimeException {
    public InvalidConfigException(String message) {
        super(message);
    }
}
