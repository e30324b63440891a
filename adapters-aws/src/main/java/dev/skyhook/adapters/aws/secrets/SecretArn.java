package dev.skyhook.adapters.aws.secrets;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARN of a Secrets Manager secret ({@code arn:aws:secretsmanager:eu-west-1:123456789012:secret:name-AbCdEf}).
 * An ARN rather than a name: it names the region to ask, and the function's policy grants exactly it.
 */
public record SecretArn(String value) {
    private static final Pattern ARN =
            Pattern.compile("arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):\\d{12}:secret:[\\w/+=.@!-]{1,512}");

    public SecretArn {
        Objects.requireNonNull(value, "value");
        if (!ARN.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not the ARN of a Secrets Manager secret "
                    + "(arn:aws:secretsmanager:<region>:<account>:secret:<name>)");
        }
    }

    /** The region the secret lives in: the one to ask. */
    public String region() {
        Matcher matcher = ARN.matcher(value);
        matcher.matches();
        return matcher.group(1);
    }

    @Override
    public String toString() {
        return value;
    }
}
