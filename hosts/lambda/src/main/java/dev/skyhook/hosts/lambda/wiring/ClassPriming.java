package dev.skyhook.hosts.lambda.wiring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * SnapStart class priming: loads and initialises, before the snapshot, the classes a handler's
 * first invocation after a restore would otherwise load then. The list, {@code snapstart/<Handler>.classes}
 * beside the handler, is recorded from restored copies by the cold-start harness
 * ({@code --record-classes}): the JDK's, the SDK's, the driver's and this project's classes that
 * a request loads, never a hidden class. A class that fails to load is skipped: priming is an
 * optimisation, and the request would load it (and report the failure) itself.
 */
final class ClassPriming {
    /**
     * Never initialised before the snapshot, listed or not: their static state is a random seed
     * (ThreadLocalRandom's seeder, UUID's generator) that every restored copy would share.
     */
    private static final Set<String> RANDOM_STATE =
            Set.of("java.util.concurrent.ThreadLocalRandom", "java.util.UUID$Holder");

    /**
     * Set only by the container image's AOT-cache training run (its entry point, from
     * {@code SKYHOOK_AOT_TRAINING_CLASSES}): a list of classes that requests reaching the stores load,
     * which no store answers in an image build.
     */
    static final String AOT_TRAINING_CLASSES = "skyhook.aotTrainingClasses";

    private ClassPriming() {}

    /** The handler's recorded class names, in the order its copies loaded them; none if it has no list. */
    static List<String> recorded(Class<?> handler) {
        try (InputStream list = handler.getResourceAsStream("snapstart/" + handler.getSimpleName() + ".classes")) {
            return list == null ? List.of() : names(list);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** In an AOT-cache training run, loads the training list's classes so that the cache holds them. */
    static void loadAotTrainingClasses(ClassLoader loader) {
        String list = System.getProperty(AOT_TRAINING_CLASSES, "");
        if (list.isBlank()) {
            return;
        }
        try (InputStream in = Files.newInputStream(Path.of(list))) {
            load(names(in), loader);
        } catch (IOException e) {
            throw new UncheckedIOException("the AOT training class list " + list + " cannot be read", e);
        }
    }

    private static List<String> names(InputStream list) {
        return new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))
                .lines()
                .map(String::strip)
                .filter(name -> !name.isEmpty() && !name.startsWith("#"))
                .toList();
    }

    /**
     * Loads, links and initialises each class with the handler's class loader. Static initialisers run
     * now and their state is in the snapshot, so classes whose static state is a random seed are left
     * to the request (ids come from the graph's {@link Randomness}, reseeded after a restore).
     */
    static void load(List<String> classes, ClassLoader loader) {
        for (String name : classes) {
            if (RANDOM_STATE.contains(name)) {
                continue;
            }
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError skipped) {
                // Not on this function's class path (another version of a library), or its initialiser failed.
            }
        }
    }
}
