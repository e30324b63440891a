package dev.skyhook.adapters.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointParams;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;

/** The endpoint resolved once is the one the SDK's rules give on every call, for AWS regions and an override. */
class DynamoDbClientsTest {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret"));

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "eu-central-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1"})
    void sendsToTheEndpointThePlainSdkClientResolvesForTheRegion(String region) {
        DynamoDbSettings settings = new DynamoDbSettings(region, Optional.empty(), "Rides", "RideRequests");
        assertThat(requestSentBy(settings)).isEqualTo(requestSentByPlainSdk(settings));
    }

    @Test
    void sendsToTheOverride() {
        DynamoDbSettings settings = new DynamoDbSettings(
                "us-east-1", Optional.of(URI.create("http://127.0.0.1:8123")), "Rides", "RideRequests");
        assertThat(requestSentBy(settings)).isEqualTo(URI.create("http://127.0.0.1:8123/"));
        assertThat(requestSentBy(settings)).isEqualTo(requestSentByPlainSdk(settings));
    }

    @Test
    void answersTheParametersTheSdkPassesFromTheResolvedEndpointWithoutRunningTheRules() {
        for (Optional<URI> endpoint :
                List.of(Optional.<URI>empty(), Optional.of(URI.create("http://127.0.0.1:8123")))) {
            DynamoDbSettings settings = new DynamoDbSettings("eu-west-1", endpoint, "Rides", "RideRequests");
            List<DynamoDbEndpointParams> passed = new ArrayList<>();
            FixedEndpointProvider fixed = FixedEndpointProvider.of(
                    Region.EU_WEST_1, endpoint.map(URI::toString).orElse(null));
            DynamoDbEndpointProvider recording = params -> {
                passed.add(params);
                return fixed.resolveEndpoint(params);
            };
            try (DynamoDbClient client = DynamoDbClient.builder()
                    .region(Region.EU_WEST_1)
                    .accountIdEndpointMode(software.amazon.awssdk.awscore.endpoints.AccountIdEndpointMode.DISABLED)
                    .endpointProvider(recording)
                    .applyMutation(b -> endpoint.ifPresent(b::endpointOverride))
                    .credentialsProvider(CREDENTIALS)
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(o -> o.addExecutionInterceptor(new Abort(new ArrayList<>())))
                    .build()) {
                assertThatThrownBy(() -> client.putItem(b -> b.tableName("Rides")))
                        .isInstanceOf(Sent.class);
            }
            assertThat(passed).isNotEmpty();
            // The same future for every call: resolved once, not by the rules per call.
            assertThat(fixed.resolveEndpoint(passed.get(0))).isSameAs(fixed.resolveEndpoint(passed.get(0)));
            assertThat(fixed.resolveEndpoint(passed.get(0)).join().url())
                    .isEqualTo(DynamoDbEndpointProvider.defaultProvider()
                            .resolveEndpoint(passed.get(0))
                            .join()
                            .url());
        }
    }

    @Test
    void aTableArnOrAccountDoesNotMoveTheEndpointWhileAccountEndpointsAreOff() {
        DynamoDbEndpointProvider rules = DynamoDbEndpointProvider.defaultProvider();
        DynamoDbEndpointParams plain = DynamoDbEndpointParams.builder()
                .region(Region.US_EAST_1)
                .useFips(false)
                .useDualStack(false)
                .accountIdEndpointMode(FixedEndpointProvider.ACCOUNT_ID_ENDPOINTS_DISABLED)
                .build();
        DynamoDbEndpointParams withAccount = plain.toBuilder()
                .accountId("123456789012")
                .resourceArn("arn:aws:dynamodb:us-east-1:123456789012:table/Rides")
                .resourceArnList(List.of("arn:aws:dynamodb:us-east-1:123456789012:table/Rides"))
                .build();
        assertThat(rules.resolveEndpoint(withAccount).join().url())
                .isEqualTo(rules.resolveEndpoint(plain).join().url());
        FixedEndpointProvider fixed = FixedEndpointProvider.of(Region.US_EAST_1, null);
        assertThat(fixed.resolveEndpoint(withAccount)).isSameAs(fixed.resolveEndpoint(plain));
    }

    @Test
    void otherFixedParametersStillGoThroughTheRules() {
        FixedEndpointProvider fixed = FixedEndpointProvider.of(Region.US_EAST_1, null);
        DynamoDbEndpointParams fips = DynamoDbEndpointParams.builder()
                .region(Region.US_EAST_1)
                .useFips(true)
                .useDualStack(false)
                .accountIdEndpointMode(FixedEndpointProvider.ACCOUNT_ID_ENDPOINTS_DISABLED)
                .build();
        assertThat(fixed.resolveEndpoint(fips).join().url())
                .isEqualTo(URI.create("https://dynamodb-fips.us-east-1.amazonaws.com"));
    }

    /** Where this project's client sends a put, stopped before it leaves. */
    private static URI requestSentBy(DynamoDbSettings settings) {
        List<SdkHttpRequest> sent = new ArrayList<>();
        try (DynamoDbClient client = DynamoDbClients.create(
                settings, UrlConnectionHttpClient.create(), CREDENTIALS, List.of(new Abort(sent)))) {
            assertThatThrownBy(() -> client.putItem(b -> b.tableName("Rides"))).isInstanceOf(Sent.class);
        }
        return sent.get(0).getUri();
    }

    /** Where a client with the SDK's defaults (rules per call) sends the same put. */
    private static URI requestSentByPlainSdk(DynamoDbSettings settings) {
        List<SdkHttpRequest> sent = new ArrayList<>();
        try (DynamoDbClient client = DynamoDbClient.builder()
                .region(Region.of(settings.region()))
                .applyMutation(b -> settings.endpoint().ifPresent(b::endpointOverride))
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new Abort(sent)))
                .build()) {
            assertThatThrownBy(() -> client.putItem(b -> b.tableName("Rides"))).isInstanceOf(Sent.class);
        }
        return sent.get(0).getUri();
    }

    private static final class Sent extends RuntimeException {
        Sent() {
            super("stopped before transmission", null, false, false);
        }
    }

    private record Abort(List<SdkHttpRequest> sent) implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            sent.add(context.httpRequest());
            throw new Sent();
        }
    }
}
