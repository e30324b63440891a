package dev.skyhook.adapters.aws.dynamodb;

import java.net.URI;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointParams;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;

/**
 * DynamoDB's endpoint, resolved once by the SDK's own rules instead of on every call. With
 * account-based endpoints disabled, the rules' answer depends only on what the client fixes (region,
 * FIPS, dual-stack, endpoint override) and on whether the operation is a vector search (its own
 * endpoint), not on the request's account or table ARN. Any request whose parameters other than
 * those two differ from the client's, or a search, still goes through the rules.
 */
final class FixedEndpointProvider implements DynamoDbEndpointProvider {
    /** What the SDK passes for {@code AccountIdEndpointMode.DISABLED}. */
    static final String ACCOUNT_ID_ENDPOINTS_DISABLED = "disabled";

    private final DynamoDbEndpointProvider rules;
    private final DynamoDbEndpointParams fixed;
    private final CompletableFuture<Endpoint> endpoint;

    private FixedEndpointProvider(DynamoDbEndpointProvider rules, DynamoDbEndpointParams fixed) {
        this.rules = rules;
        this.fixed = fixed;
        // Resolved now: a region the rules cannot place fails when the client is built, not at its first call.
        this.endpoint =
                CompletableFuture.completedFuture(rules.resolveEndpoint(fixed).join());
    }

    /** The endpoint for {@code region}, or {@code override} (a DynamoDB Local URL) when given. */
    static FixedEndpointProvider of(Region region, String override) {
        return new FixedEndpointProvider(
                DynamoDbEndpointProvider.defaultProvider(),
                DynamoDbEndpointParams.builder()
                        .region(region)
                        .useFips(false)
                        .useDualStack(false)
                        .endpoint(override)
                        .accountIdEndpointMode(ACCOUNT_ID_ENDPOINTS_DISABLED)
                        .build());
    }

    /** The endpoint's URL: where every call of the client goes. */
    URI url() {
        return endpoint.join().url();
    }

    @Override
    public CompletableFuture<Endpoint> resolveEndpoint(DynamoDbEndpointParams params) {
        if (Objects.equals(params.region(), fixed.region())
                && Objects.equals(params.useFips(), fixed.useFips())
                && Objects.equals(params.useDualStack(), fixed.useDualStack())
                && Objects.equals(params.endpoint(), fixed.endpoint())
                && params.isSearchOperation() == null
                && ACCOUNT_ID_ENDPOINTS_DISABLED.equals(params.accountIdEndpointMode())) {
            return endpoint;
        }
        return rules.resolveEndpoint(params);
    }
}
