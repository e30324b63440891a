package dev.skyhook.adapters.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.error.ErrorCode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

class DynamoDbErrorsTest {
    @Test
    void noAnswerThrottlingAndServerErrorsMeanUnavailable() {
        assertThat(codeOf(SdkClientException.create("Connection refused"))).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        assertThat(codeOf(ApiCallTimeoutException.create(5000))).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        assertThat(codeOf(ProvisionedThroughputExceededException.builder()
                        .statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder()
                                .errorCode("ProvisionedThroughputExceededException")
                                .build())
                        .build()))
                .isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        assertThat(codeOf(DynamoDbException.builder()
                        .statusCode(500)
                        .message("InternalServerError")
                        .build()))
                .isEqualTo(ErrorCode.STORE_UNAVAILABLE);
    }

    @Test
    void whatRetryingWillNotFixIsAFailure() {
        assertThat(codeOf(ResourceNotFoundException.builder()
                        .statusCode(400)
                        .message("no table")
                        .build()))
                .isEqualTo(ErrorCode.STORE_FAILURE);
        assertThat(codeOf(DynamoDbException.builder()
                        .statusCode(403)
                        .message("AccessDenied")
                        .build()))
                .isEqualTo(ErrorCode.STORE_FAILURE);
    }

    @Test
    void aTransactionCancelledByThrottlingOrARacingTransactionIsUnavailable() {
        for (String reason : List.of(
                "ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded", "TransactionConflict")) {
            assertThat(codeOf(cancelled("None", reason, "None"))).as(reason).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        }
    }

    @Test
    void aTransactionCancelledByItsConditionsOrBadInputIsAFailure() {
        assertThat(codeOf(cancelled("None", "ConditionalCheckFailed"))).isEqualTo(ErrorCode.STORE_FAILURE);
        assertThat(codeOf(cancelled("ValidationError", "None"))).isEqualTo(ErrorCode.STORE_FAILURE);
        assertThat(codeOf(cancelled("ItemCollectionSizeLimitExceeded"))).isEqualTo(ErrorCode.STORE_FAILURE);
    }

    /** As DynamoDB sends it: a 400 whose reasons, one per item in order, say what cancelled it. */
    private static TransactionCanceledException cancelled(String... reasons) {
        return TransactionCanceledException.builder()
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("TransactionCanceledException")
                        .build())
                .message("Transaction cancelled, please refer cancellation reasons for specific reasons")
                .cancellationReasons(Arrays.stream(reasons)
                        .map(code -> CancellationReason.builder().code(code).build())
                        .toList())
                .build();
    }

    private static ErrorCode codeOf(SdkException e) {
        return DynamoDbErrors.translate("test", e).code();
    }
}
