package dev.skyhook.adapters.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DynamoDbSettingsTest {
    @Test
    void defaultsToTheOriginalsTableInTheFunctionsRegion() {
        assertThat(DynamoDbSettings.fromEnvironment(Map.of("AWS_REGION", "ap-northeast-2")))
            .isEqualTo(new DynamoDbSettings("ap-northeast-2", Optional.empty(), "Rides", "RideRequests"));
    }

    @Test
    void tablesAndEndpointCanBeSet() {
        DynamoDbSettings settings = DynamoDbSettings.fromEnvironment(Map.of("AWS_REGION", "us-east-1",
            "RIDES_TABLE", "prod-Rides", "RIDE_REQUESTS_TABLE", "prod-RideRequests", "DYNAMODB_ENDPOINT", "http://127.0.0.1:8000"));

        assertThat(settings.ridesTable()).isEqualTo("prod-Rides");
        assertThat(settings.rideRequestsTable()).isEqualTo("prod-RideRequests");
        assertThat(settings.endpoint()).contains(URI.create("http://127.0.0.1:8000"));
    }

    @Test
    void namesTheVariableThatIsWrong() {
        assertThatThrownBy(() -> DynamoDbSettings.fromEnvironment(Map.of())).hasMessageContaining("AWS_REGION");
        assertThatThrownBy(() -> DynamoDbSettings.fromEnvironment(Map.of("AWS_REGION", "x", "RIDES_TABLE", "no spaces")))
            .hasMessageContaining("RIDES_TABLE");
        assertThatThrownBy(() -> DynamoDbSettings.fromEnvironment(Map.of("AWS_REGION", "x", "RIDE_REQUESTS_TABLE", "ab")))
            .hasMessageContaining("RIDE_REQUESTS_TABLE");
    }
}
