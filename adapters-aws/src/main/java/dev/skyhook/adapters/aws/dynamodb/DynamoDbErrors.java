package dev.skyhook.adapters.aws.dynamodb;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * SDK failures as domain errors: no answer (network, timeout), throttling and DynamoDB's own 5xx
 * are {@code STORE_UNAVAILABLE}, since retrying later may succeed; the rest (a missing table, no
 * permission) is {@code STORE_FAILURE}. Checked by type, so every subclass lands where its parent does.
 *
 * <p>A cancelled transaction is a 400 whatever cancelled it, so its per-item reasons decide: an item
 * throttled or contended by another transaction is {@code STORE_UNAVAILABLE} too.
 */
final class DynamoDbErrors {
    /** Cancellation reasons that say "not now" rather than "never": throttling and racing transactions. */
    private static final Set<String> TRANSIENT_CANCELLATIONS =
            Set.of("ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded", "TransactionConflict");

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
        if (e instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()) {
            return cancelled.cancellationReasons().stream()
                    .map(CancellationReason::code)
                    .anyMatch(TRANSIENT_CANCELLATIONS::contains);
        }
        return e instanceof AwsServiceException service
                && (service.isThrottlingException() || service.statusCode() >= 500);
    }
}
