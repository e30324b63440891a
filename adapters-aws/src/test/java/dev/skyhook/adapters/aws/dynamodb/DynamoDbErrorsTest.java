package dev.skyhook.adapters.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

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

    private static ErrorCode codeOf(SdkException e) {
        return DynamoDbErrors.translate("test", e).code();
    }
}
