package dev.skyhook.adapters.aws.testing;

import dev.skyhook.adapters.aws.s3.S3Clients;
import dev.skyhook.adapters.aws.s3.S3Settings;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** A bucket on an {@link S3ProxyServer}: the settings and the credentials that reach it. */
public record S3TestBucket(S3Settings settings, AwsCredentialsProvider credentials) {
    /** New clients for this bucket; the caller closes them. */
    public S3Clients openClients() {
        return S3Clients.create(settings, credentials);
    }
}
