package dev.skyhook.hosts.lambda.wiring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    private ClassPriming() {}

    /** The handler's recorded class names, in the order its copies loaded them; none if it has no list. */
    static List<String> recorded(Class<?> handler) {
        try (InputStream list = handler.getResourceAsStream("snapstart/" + handler.getSimpleName() + ".classes")) {
            if (list == null) {
                return List.of();
            }
            return new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))
                    .lines()
                    .map(String::strip)
                    .filter(name -> !name.isEmpty() && !name.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
