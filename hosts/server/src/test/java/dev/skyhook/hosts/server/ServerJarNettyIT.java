package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The fat jar as shipped carries no Netty older than 4.2.18.Final (earlier 4.2 releases have published
 * HTTP request-smuggling and decompression advisories). It reads what Netty itself reports at run time
 * ({@code io.netty.util.Version}): every Netty module's entry in {@code META-INF/io.netty.versions.properties},
 * which the shade plugin appends module by module.
 */
class ServerJarNettyIT {
    private static final int[] OLDEST_ALLOWED = {4, 2, 18};
    private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)\\.Final");

    @Test
    void everyNettyModuleInTheJarIsAtLeast_4_2_18() throws Exception {
        Map<String, String> versions = nettyModuleVersions();

        assertThat(versions)
                .as("Netty modules the HTTP server runs on")
                .containsKeys("netty-common", "netty-buffer", "netty-transport", "netty-handler", "netty-codec-http");
        assertThat(versions).allSatisfy((module, version) -> {
            Matcher release = RELEASE.matcher(version);
            assertThat(release.matches())
                    .as("%s version %s is a final release", module, version)
                    .isTrue();
            int[] parts = {
                Integer.parseInt(release.group(1)),
                Integer.parseInt(release.group(2)),
                Integer.parseInt(release.group(3))
            };
            assertThat(Arrays.compare(parts, OLDEST_ALLOWED))
                    .as("%s %s is 4.2.18.Final or newer", module, version)
                    .isNotNegative();
        });
    }

    private static Map<String, String> nettyModuleVersions() throws Exception {
        assertThat(ServerProcess.JAR).as("the fat jar built by mvn package").exists();
        Properties properties = new Properties();
        try (ZipFile jar = new ZipFile(ServerProcess.JAR.toFile())) {
            ZipEntry entry = jar.getEntry("META-INF/io.netty.versions.properties");
            assertThat(entry).as("Netty's version file in the jar").isNotNull();
            assertThat(jar.getEntry("io/netty/handler/codec/http/HttpServerCodec.class"))
                    .as("Netty's HTTP codec in the jar")
                    .isNotNull();
            try (InputStream in = jar.getInputStream(entry)) {
                properties.load(in);
            }
        }
        Map<String, String> versions = new TreeMap<>();
        properties.stringPropertyNames().stream()
                .filter(key -> key.endsWith(".version"))
                .forEach(key -> versions.put(
                        key.substring(0, key.length() - ".version".length()), properties.getProperty(key)));
        return versions;
    }
}
