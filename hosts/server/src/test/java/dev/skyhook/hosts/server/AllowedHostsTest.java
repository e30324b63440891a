package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AllowedHostsTest {
    @Test
    void loopbackNamesAreAlwaysServedAndOthersOnlyWhenListed() {
        AllowedHosts hosts = AllowedHosts.parse(" Skyhook.Example , 192.0.2.2,fd00::2", Optional.of("0.0.0.0"));

        for (String served : new String[] {
            "localhost",
            "localhost:8080",
            "127.0.0.1:8080",
            "[::1]:8080",
            "skyhook.example",
            "SKYHOOK.EXAMPLE:443",
            "192.0.2.2:8080",
            "[fd00::2]:8080"
        }) {
            assertThat(hosts.allows(Optional.of(served))).as(served).isTrue();
        }
        for (String refused : new String[] {
            "attacker.example",
            "skyhook.example.attacker.example",
            "www.skyhook.example",
            "0.0.0.0:8080",
            "192.0.2.3",
            "",
            "localhost@attacker.example"
        }) {
            assertThat(hosts.allows(Optional.of(refused))).as(refused).isFalse();
        }
        assertThat(hosts.allows(Optional.empty())).as("no Host at all").isFalse();
    }

    @Test
    void theAddressTheServerIsBoundToIsServedUnlessItIsEveryInterface() {
        assertThat(AllowedHosts.parse("", Optional.of("192.0.2.2")).allows(Optional.of("192.0.2.2:8080")))
                .isTrue();
        assertThat(AllowedHosts.parse("", Optional.of("fd00::2")).allows(Optional.of("[fd00::2]:8080")))
                .isTrue();
        for (String everyInterface : new String[] {"0.0.0.0", "::"}) {
            AllowedHosts hosts = AllowedHosts.parse("", Optional.of(everyInterface));
            assertThat(hosts.allows(Optional.of("0.0.0.0:8080"))).isFalse();
            assertThat(hosts.allows(Optional.of("[::]:8080"))).isFalse();
            assertThat(hosts.allows(Optional.of("localhost:8080"))).isTrue();
        }
        assertThat(AllowedHosts.parse("", Optional.empty()).allows(Optional.of("192.0.2.2")))
                .isFalse();
    }

    @Test
    void aStarServesEveryName() {
        AllowedHosts hosts = AllowedHosts.parse("*", Optional.of("0.0.0.0"));

        assertThat(hosts.allows(Optional.of("anything.example"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "skyhook.example:8080",
                "http://skyhook.example",
                "*.example",
                "bad name",
                "under_score.example",
                "-x.example"
            })
    void entriesThatAreNotANameOrAddressAreRefusedAtStart(String entry) {
        assertThatThrownBy(() -> AllowedHosts.parse("ok.example," + entry, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ALLOWED_HOSTS")
                .hasMessageContaining(entry);
    }
}
