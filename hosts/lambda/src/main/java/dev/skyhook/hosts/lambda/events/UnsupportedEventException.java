package dev.skyhook.hosts.lambda.events;

/** The invocation event is not one this handler accepts; the message says what is wrong. */
public final class UnsupportedEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedEventException(String message) {
        super(message, null, false, false);
    }
}
