package dev.skyhook.hosts.json;

/** The input is not one well-formed JSON document. The message says where. */
public final class JsonSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JsonSyntaxException(String message) {
        super(message, null, false, false);
    }
}
