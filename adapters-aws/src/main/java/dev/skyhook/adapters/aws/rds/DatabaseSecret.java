package dev.skyhook.adapters.aws.rds;

import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * The database credentials in a Secrets Manager secret: RDS's managed secret and the "credentials
 * for an RDS database" secret are JSON with {@code username} and {@code password} (and more, which
 * is ignored); a plain-text secret is the password alone. {@link #toString()} hides the password.
 */
public record DatabaseSecret(Optional<String> username, String password) {
    public DatabaseSecret {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    public static DatabaseSecret parse(String secretString) {
        String text = secretString.strip();
        if (!text.startsWith("{")) {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("the database secret is empty");
            }
            return new DatabaseSecret(Optional.empty(), secretString);
        }
        JsonNode json;
        try {
            json = JsonNodeParser.create().parse(text);
        } catch (RuntimeException e) {
            // Never the parser's message: it may quote the secret.
            throw new IllegalArgumentException("the database secret starts with '{' but is not a JSON object");
        }
        if (!json.isObject()) {
            throw new IllegalArgumentException("the database secret starts with '{' but is not a JSON object");
        }
        String password = json.field("password")
                .filter(JsonNode::isString)
                .map(JsonNode::text)
                .filter(p -> !p.isEmpty())
                .orElseThrow(() ->
                        new IllegalArgumentException("the database secret has no \"password\" (a non-empty string)"));
        Optional<String> username = json.field("username")
                .filter(JsonNode::isString)
                .map(JsonNode::text)
                .filter(u -> !u.isBlank());
        return new DatabaseSecret(username, password);
    }

    @Override
    public String toString() {
        return "DatabaseSecret[username=" + username.orElse("(not given)") + ", password=(hidden)]";
    }
}
