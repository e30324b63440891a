package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven by Debian's chromedriver, both named explicitly so Selenium never looks
 * for (or downloads) a browser or driver of its own.
 *
 * <p>Without them the browser tests fail and name the apt command; {@code -Dskyhook.browser.skip=true}
 * skips them instead. {@code -Dskyhook.chromium} and {@code -Dskyhook.chromedriver} point elsewhere.
 */
final class HeadlessChromium {
    static final String INSTALL = "apt-get install -y chromium chromium-driver";
    static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

    private HeadlessChromium() {}

    /** {@code -Dskyhook.browser.skip=true}: the browser tests are reported as skipped. */
    static boolean skipped() {
        return Boolean.getBoolean("skyhook.browser.skip");
    }

    /** Call before each test: each is then reported as skipped, with the reason. */
    static void assumeNotSkipped() {
        Assumptions.assumeFalse(skipped(), "browser tests skipped (-Dskyhook.browser.skip=true)");
    }

    static ChromeDriver start(Path profileDirectory) throws IOException {
        Path chromium = executable("skyhook.chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium");
        Path chromedriver = executable("skyhook.chromedriver", "/usr/bin/chromedriver");
        System.setProperty("webdriver.chrome.driver", chromedriver.toString());
        Files.createDirectories(SCREENSHOTS);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(List.of(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                // Containers often have a tiny /dev/shm; Chromium then crashes tabs.
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profileDirectory.toAbsolutePath(),
                "--window-size=1280,1000",
                "--lang=en-GB"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target", "chromedriver.log"))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** A screenshot of the whole page (not only the viewport) under {@code target/browser-screenshots}. */
    static Path screenshot(ChromeDriver driver, String name) throws IOException {
        Map<String, Object> shot = driver.executeCdpCommand(
                "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        return file;
    }

    private static Path executable(String property, String... candidates) {
        String configured = System.getProperty(property);
        List<Path> tried = configured != null
                ? List.of(Path.of(configured))
                : Stream.of(candidates).map(Path::of).toList();
        return tried.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElseGet(() -> fail(
                        "Browser tests need Debian's Chromium and chromedriver; none at " + tried + ". Install them: "
                                + INSTALL + " (or skip these tests: mvn verify -Dskyhook.browser.skip=true)"));
    }
}
