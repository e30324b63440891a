package dev.skyhook.hosts.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.adapters.aws.dynamodb.DynamoDbSettings;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DynamoDbVariablesTest {
    private static DynamoDbSettings dynamoDb(Map<String, String> variables) {
        return Settings.fromVariables(variables).requireDynamoDb();
    }

    @Test
    void defaultsToTheOriginalsTableInTheFunctionsRegion() {
        assertThat(dynamoDb(Map.of("AWS_REGION", "ap-northeast-2")))
                .isEqualTo(new DynamoDbSettings("ap-northeast-2", Optional.empty(), "Rides", "RideRequests"));
    }

    @Test
    void tablesAndEndpointCanBeSet() {
        DynamoDbSettings settings = dynamoDb(Map.of(
                "AWS_REGION",
                "us-east-1",
                "RIDES_TABLE",
                "prod-Rides",
                "RIDE_REQUESTS_TABLE",
                "prod-RideRequests",
                "DYNAMODB_ENDPOINT",
                "http://127.0.0.1:8000"));

        assertThat(settings.ridesTable()).isEqualTo("prod-Rides");
        assertThat(settings.rideRequestsTable()).isEqualTo("prod-RideRequests");
        assertThat(settings.endpoint()).contains(URI.create("http://127.0.0.1:8000"));
    }

    @Test
    void namesTheVariableThatIsWrong() {
        assertThatThrownBy(() -> dynamoDb(Map.of())).hasMessageContaining("AWS_REGION");
        assertThatThrownBy(() -> dynamoDb(Map.of("AWS_REGION", "x", "RIDES_TABLE", "no spaces")))
                .hasMessageContaining("RIDES_TABLE");
        assertThatThrownBy(() -> dynamoDb(Map.of("AWS_REGION", "x", "RIDE_REQUESTS_TABLE", "ab")))
                .hasMessageContaining("RIDE_REQUESTS_TABLE");
    }
}
