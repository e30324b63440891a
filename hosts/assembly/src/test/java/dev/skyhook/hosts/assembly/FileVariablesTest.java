package dev.skyhook.hosts.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.policy.FileQuota;
import dev.skyhook.hosts.api.files.FileSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileVariablesTest {
    private static FileSettings files(Map<String, String> variables) {
        return Settings.fromVariables(variables).files();
    }

    @Test
    void eachUserKeepsOneGibibyteInAThousandFilesUnlessConfigured() {
        assertThat(files(Map.of()).quota()).isEqualTo(new FileQuota(1024L * 1024 * 1024, 1000));
        assertThat(files(Map.of("FILES_QUOTA_BYTES", " 65536 ", "FILES_QUOTA_COUNT", "8"))
                        .quota())
                .isEqualTo(new FileQuota(65536, 8));
        assertThat(files(Map.of("FILES_QUOTA_BYTES", "", "FILES_QUOTA_COUNT", " ")))
                .isEqualTo(FileSettings.defaults());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1e9", "1 GiB", "9223372036854775808"})
    void namesTheByteVariableThatIsWrong(String value) {
        assertThatThrownBy(() -> files(Map.of("FILES_QUOTA_BYTES", value)))
                .hasMessageContaining("FILES_QUOTA_BYTES")
                .hasMessageContaining(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "10001", "many", "2147483648"})
    void namesTheCountVariableThatIsWrong(String value) {
        assertThatThrownBy(() -> files(Map.of("FILES_QUOTA_COUNT", value)))
                .hasMessageContaining("FILES_QUOTA_COUNT")
                .hasMessageContaining("10000");
    }
}
