package dev.skyhook.hosts.lambda.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.hosts.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class LogLinesTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStandardError() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        LogLines.useLevel(Level.INFO);
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        LogLines.endInvocation();
        LogLines.useLevel(Level.INFO);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> lines() {
        return err.toString(StandardCharsets.UTF_8)
                .lines()
                .map(line -> (Map<String, Object>) Json.parse(line))
                .toList();
    }

    @Test
    void slf4jLinesAreJsonWithTheInvocationsRequestIdAndTheStackTraceInOneLine() {
        LogLines.startInvocation("req-42");
        LoggerFactory.getLogger("dev.skyhook.Test").warn("stored {} of {}", 1, 2, new IllegalStateException("boom"));
        LogLines.endInvocation();
        LoggerFactory.getLogger("dev.skyhook.Test").info("between invocations");

        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(2);
        assertThat(lines().get(0))
                .containsEntry("level", "WARN")
                .containsEntry("requestId", "req-42")
                .containsEntry("logger", "dev.skyhook.Test")
                .containsEntry("message", "stored 1 of 2");
        assertThat((String) lines().get(0).get("error"))
                .startsWith("java.lang.IllegalStateException: boom")
                .contains("\tat ");
        assertThat(lines().get(1)).containsEntry("requestId", "-").doesNotContainKey("error");
    }

    @Test
    void javaUtilLoggingIsRoutedIntoTheSameLines() {
        LoggerFactory.getLogger(LogLinesTest.class); // SLF4J's initialisation routes java.util.logging
        LogLines.startInvocation("req-jul");
        java.util.logging.Logger.getLogger("javax.imageio.Test").warning("a JDK warning");

        assertThat(lines())
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .containsEntry("level", "WARN")
                        .containsEntry("requestId", "req-jul")
                        .containsEntry("logger", "javax.imageio.Test")
                        .containsEntry("message", "a JDK warning"));
    }

    @Test
    void linesBelowTheLevelAreNotWritten() {
        LogLines.useLevel(Level.WARN);
        LoggerFactory.getLogger("dev.skyhook.Test").info("quiet");
        LoggerFactory.getLogger("dev.skyhook.Test").debug("quieter");

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(LoggerFactory.getLogger("dev.skyhook.Test").isInfoEnabled()).isFalse();
    }

    @Test
    void theLevelComesFromLambdasSettingFirstThenLogLevel() {
        assertThat(LogLines.levelFrom(Map.of())).isEqualTo(Level.INFO);
        assertThat(LogLines.levelFrom(Map.of("LOG_LEVEL", "debug"))).isEqualTo(Level.DEBUG);
        assertThat(LogLines.levelFrom(Map.of("LOG_LEVEL", "debug", "AWS_LAMBDA_LOG_LEVEL", "ERROR")))
                .isEqualTo(Level.ERROR);
        assertThat(LogLines.levelFrom(Map.of("LOG_LEVEL", "FATAL"))).isEqualTo(Level.ERROR);
        assertThat(LogLines.levelFrom(Map.of("LOG_LEVEL", "WARNING"))).isEqualTo(Level.WARN);
        assertThat(LogLines.levelFrom(Map.of("LOG_LEVEL", " "))).isEqualTo(Level.INFO);
    }

    @Test
    void aLevelThatNamesNoLevelIsRefusedWithTheVariablesName() {
        assertThatThrownBy(() -> LogLines.levelFrom(Map.of("LOG_LEVEL", "verbose")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LOG_LEVEL must be ERROR, WARN, INFO, DEBUG or TRACE, was 'verbose'");
        assertThatThrownBy(() -> LogLines.levelFrom(Map.of("AWS_LAMBDA_LOG_LEVEL", "loud", "LOG_LEVEL", "INFO")))
                .hasMessageStartingWith("AWS_LAMBDA_LOG_LEVEL must be");
    }
}
