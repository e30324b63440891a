package dev.skyhook.hosts.lambda.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPrimingTest {
    static final AtomicBoolean LISTED_INITIALISED = new AtomicBoolean();
    static final AtomicBoolean UNLISTED_INITIALISED = new AtomicBoolean();

    static final class Listed {
        static {
            LISTED_INITIALISED.set(true);
        }
    }

    static final class Unlisted {
        static {
            UNLISTED_INITIALISED.set(true);
        }
    }

    @TempDir
    Path directory;

    @AfterEach
    void noTrainingRun() {
        System.clearProperty(ClassPriming.AOT_TRAINING_CLASSES);
    }

    @Test
    void anAotTrainingRunLoadsAndInitialisesTheListedClassesAndNothingElse() throws Exception {
        Path list = directory.resolve("aot-training.classes");
        Files.write(list, List.of("# comment", "", Listed.class.getName(), "no.such.Class"));

        ClassPriming.loadAotTrainingClasses(getClass().getClassLoader());
        assertThat(LISTED_INITIALISED).as("without a training run").isFalse();

        System.setProperty(ClassPriming.AOT_TRAINING_CLASSES, list.toString());
        ClassPriming.loadAotTrainingClasses(getClass().getClassLoader());

        assertThat(LISTED_INITIALISED).isTrue();
        assertThat(UNLISTED_INITIALISED).isFalse();
    }

    @Test
    void aTrainingRunWhoseListCannotBeReadFails() {
        System.setProperty(
                ClassPriming.AOT_TRAINING_CLASSES,
                directory.resolve("missing.classes").toString());

        assertThatThrownBy(() -> ClassPriming.loadAotTrainingClasses(getClass().getClassLoader()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("missing.classes");
    }
}
