package dev.skyhook.hosts.api.apikeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    @Test
    void missingOrWrongKeysAreForbidden() {
        ApiKeys keys = new ApiKeys(ApiKeys.parse("right-key-123=basic"), Clock.systemUTC());

        assertRefused(keys.admit(Optional.empty()), 403, "Forbidden");
        assertRefused(keys.admit(Optional.of("wrong-key-123")), 403, "Forbidden");
        assertRefused(keys.admit(Optional.of("right-key-12")), 403, "Forbidden");
        assertThat(keys.admit(Optional.of("right-key-123"))).isEmpty();
    }

    @Test
    void aBurstBeyondTheBucketIsThrottled() {
        ApiKeys keys = new ApiKeys(ApiKeys.parse("burst-key-1=0.001:3:1000"), Clock.systemUTC());

        for (int i = 0; i < 3; i++) {
            assertThat(keys.admit(Optional.of("burst-key-1")))
                    .as("request %d", i)
                    .isEmpty();
        }
        assertRefused(keys.admit(Optional.of("burst-key-1")), 429, "Too Many Requests");
    }

    @Test
    void theBucketRefillsAtThePlansRate() throws InterruptedException {
        ApiKeys keys = new ApiKeys(ApiKeys.parse("refill-key=50:1:1000"), Clock.systemUTC());

        assertThat(keys.admit(Optional.of("refill-key"))).isEmpty();
        assertRefused(keys.admit(Optional.of("refill-key")), 429, "Too Many Requests");
        Thread.sleep(60);
        assertThat(keys.admit(Optional.of("refill-key"))).isEmpty();
    }

    @Test
    void theDailyQuotaRunsOutAndResetsTheNextDay() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T23:59:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        ApiKeys keys = new ApiKeys(ApiKeys.parse("quota-key=1000:1000:2"), clock);

        assertThat(keys.admit(Optional.of("quota-key"))).isEmpty();
        assertThat(keys.admit(Optional.of("quota-key"))).isEmpty();
        assertRefused(keys.admit(Optional.of("quota-key")), 429, "Limit Exceeded");
        now.set(Instant.parse("2026-11-23T00:00:01Z"));
        assertThat(keys.admit(Optional.of("quota-key"))).isEmpty();
    }

    @Test
    void configurationIsCheckedAtStart() {
        assertThat(ApiKeys.parse("")).isEmpty();
        assertThat(ApiKeys.parse("k-123456, other-key=demo").keySet()).containsExactly("k-123456", "other-key");
        assertThatThrownBy(() -> ApiKeys.parse("short")).hasMessageContaining("8 characters");
        assertThatThrownBy(() -> ApiKeys.parse("long-enough=gold")).hasMessageContaining("rate:burst:quota");
    }

    private static void assertRefused(Optional<ApiResponse> refusal, int status, String message) {
        assertThat(refusal).hasValueSatisfying(response -> {
            assertThat(response.status()).isEqualTo(status);
            assertThat(Json.parse(response.body())).isEqualTo(Map.of("message", message));
        });
    }
}
