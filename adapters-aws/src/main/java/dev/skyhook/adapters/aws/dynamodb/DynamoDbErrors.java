package dev.skyhook.adapters.aws.dynamodb;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * SDK failures as domain errors: no answer (network, timeout), throttling and DynamoDB's own 5xx
 * are {@code STORE_UNAVAILABLE}, since retrying later may succeed; the rest (a missing table, no
 * permission) is {@code STORE_FAILURE}. Checked by type, so every subclass lands where its parent does.
 */
final class DynamoDbErrors {
    private DynamoDbErrors() {}

    static DomainException translate(String action, SdkException e) {
        return new DomainException(
                isUnavailable(e) ? ErrorCode.STORE_UNAVAILABLE : ErrorCode.STORE_FAILURE,
                "Could not " + action + " in DynamoDB: " + e.getMessage(),
                e);
    }

    static boolean isUnavailable(SdkException e) {
        if (e instanceof SdkClientException) {
            return true;
        }
        return e instanceof AwsServiceException service
                && (service.isThrottlingException() || service.statusCode() >= 500);
    }
}
