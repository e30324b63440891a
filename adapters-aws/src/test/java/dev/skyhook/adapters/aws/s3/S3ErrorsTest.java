package dev.skyhook.adapters.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.error.ErrorCode;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The answers S3Proxy does not give on demand (5xx, SlowDown); the others are tested against it. */
class S3ErrorsTest {
    @Test
    void answersThatSayTryLaterMeanUnavailable() {
        assertThat(codeOf(s3Error(503, "SlowDown"))).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        assertThat(codeOf(s3Error(500, "InternalError"))).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
    }

    @Test
    void noAnswerMeansUnavailable() {
        assertThat(codeOf(SdkClientException.create(
                        "Unable to execute HTTP request", new ConnectException("Connection refused"))))
                .isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        assertThat(codeOf(ApiCallAttemptTimeoutException.create(1_000))).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
    }

    @Test
    void refusalsThatRetryingWillNotFixAreFailures() {
        assertThat(codeOf(s3Error(403, "AccessDenied"))).isEqualTo(ErrorCode.STORE_FAILURE);
        assertThat(codeOf(NoSuchBucketException.builder().statusCode(404).build()))
                .isEqualTo(ErrorCode.STORE_FAILURE);
    }

    @Test
    void theMessageSaysWhatFailed() {
        assertThat(S3Errors.translate("store post/a.jpg", s3Error(403, "AccessDenied"))
                        .getMessage())
                .startsWith("Could not store post/a.jpg in S3: ");
    }

    private static S3Exception s3Error(int status, String code) {
        return (S3Exception) S3Exception.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(code)
                        .build())
                .message(code)
                .build();
    }

    private static ErrorCode codeOf(SdkException e) {
        return S3Errors.translate("test", e).code();
    }
}
