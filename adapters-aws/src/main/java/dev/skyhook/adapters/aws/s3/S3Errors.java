package dev.skyhook.adapters.aws.s3;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Turns SDK failures into domain errors. No answer (network, DNS, timeouts) and answers that say
 * "try later" (5xx, 503 SlowDown, throttling) are {@code STORE_UNAVAILABLE}; any other refusal
 * (AccessDenied, NoSuchBucket) is {@code STORE_FAILURE}, which retrying will not fix.
 */
final class S3Errors {
    private S3Errors() {}

    static DomainException translate(String action, SdkException e) {
        ErrorCode code = isUnavailable(e) ? ErrorCode.STORE_UNAVAILABLE : ErrorCode.STORE_FAILURE;
        return new DomainException(code, "Could not " + action + " in S3: " + e.getMessage(), e);
    }

    static boolean isUnavailable(SdkException e) {
        if (e instanceof SdkClientException) {
            return true;
        }
        return e instanceof SdkServiceException service
                && (service.statusCode() >= 500 || service.isThrottlingException());
    }
}
