package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The deployment zip that {@code mvn package} builds, unpacked and loaded as Lambda's Java runtime does. */
final class LambdaZip {
    private LambdaZip() {}

    static File built() {
        return new File(System.getProperty("lambda.zip", "target/skyhook-lambda.zip"));
    }

    /** Unpacks {@code zip} into {@code directory}; returns the entry names. */
    static List<String> unpack(File zip, Path directory) throws IOException {
        List<String> entries = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip)) {
            for (ZipEntry entry : Collections.list(file.entries())) {
                entries.add(entry.getName());
                Path target = directory.resolve(entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(file.getInputStream(entry), target);
                }
            }
        }
        return entries;
    }

    /** Every class file in the unpacked zip: at its root and inside each jar under {@code lib/}, as paths ({@code a/b/C.class}). */
    static List<String> classesIn(Path unpacked) throws IOException {
        List<String> classes = new ArrayList<>();
        try (var files = Files.walk(unpacked)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = unpacked.relativize(file).toString().replace('\\', '/');
                if (name.endsWith(".class")) {
                    classes.add(name);
                } else if (name.startsWith("lib/") && name.endsWith(".jar")) {
                    try (ZipFile jar = new ZipFile(file.toFile())) {
                        Collections.list(jar.entries()).stream()
                                .map(ZipEntry::getName)
                                .filter(entry -> entry.endsWith(".class"))
                                .forEach(classes::add);
                    }
                }
            }
        }
        return classes;
    }

    /** Checks that {@code className} has a public no-argument constructor and the stream handler {@code method}. */
    static void assertHandlerLoads(Path unpacked, String className, String method) throws Exception {
        List<URL> classPath = new ArrayList<>();
        classPath.add(unpacked.toUri().toURL());
        try (var jars = Files.list(unpacked.resolve("lib"))) {
            for (Path jar : jars.toList()) {
                classPath.add(jar.toUri().toURL());
            }
        }
        // No parent but the platform loader: only what the zip holds is visible, as in Lambda.
        try (URLClassLoader loader =
                new URLClassLoader(classPath.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> type = Class.forName(className, false, loader);
            assertThat(type.getMethod(
                            method,
                            InputStream.class,
                            OutputStream.class,
                            loader.loadClass("com.amazonaws.services.lambda.runtime.Context")))
                    .isNotNull();
            assertThat(type.getConstructor()).isNotNull();
        }
    }
}
