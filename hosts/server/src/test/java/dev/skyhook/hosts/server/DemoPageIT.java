package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.adapters.local.blob.FileSystemBlobStore;
import dev.skyhook.core.model.BlobContent;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.FileOwner;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo page in headless Chromium against the fat jar: every flow by clicking and typing, checked
 * on the page and in what the server stored (its data directory, or its API). Screenshots go to
 * {@code target/browser-screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoPageIT {
    private static final String RIDER = "demo-rider";
    /** Shadowfax's stable (core Fleet): a pickup there gets Shadowfax while it is free. */
    private static final double SHADOWFAX_LATITUDE = 47.6228;

    private static final double SHADOWFAX_LONGITUDE = -122.2884;

    private static final Pattern PRINTED_KEY = Pattern.compile("x-api-key: (\\S+)");

    @TempDir
    static Path work;

    private Path dataDirectory;
    private ServerProcess server;
    private URI site;
    /** The server's blob directory, read through the same store the server writes with. */
    private FileSystemBlobStore stored;

    private HttpHostClient api;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private Path photo;
    private Path drawing;
    private Path notAnImage;

    @BeforeAll
    void start() throws Exception {
        if (HeadlessChromium.skipped()) {
            return;
        }
        browser = HeadlessChromium.start(work.resolve("chromium-profile"));
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        dataDirectory = Files.createDirectories(work.resolve("data"));
        // A fixed port: the stored and signed URLs the page shows are built from it (BASE_URL's default).
        // Two scenarios book as the same demo rider within the busy minute: allow that rider two unicorns.
        int port = freePort();
        server = ServerProcess.start(
                List.of(),
                Map.of(
                        "DATA_DIR",
                        dataDirectory.toString(),
                        "PORT",
                        Integer.toString(port),
                        "MAX_RIDES_PER_RIDER",
                        "2"));
        // The address a visitor opens (the server listens on 127.0.0.1; localhost reaches it) and BASE_URL's default.
        site = URI.create("http://localhost:" + port);
        api = new HttpHostClient(site);
        stored = new FileSystemBlobStore(dataDirectory.resolve("blobs"), URI.create("http://unused"));
        photo = jpeg(work.resolve("harbour.jpg"), 1600, 1200);
        drawing = png(work.resolve("drawing.png"), 640, 480);
        notAnImage = Files.writeString(work.resolve("notes.txt"), "not a picture at all\n");
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void openThePage() {
        HeadlessChromium.assumeNotSkipped();
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        browser.get(site + "/");
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
    }

    @AfterEach
    void screenshot(TestInfo test) throws IOException {
        if (browser == null) {
            return;
        }
        HeadlessChromium.screenshot(browser, test.getTestMethod().orElseThrow().getName());
    }

    @Test
    @Order(1)
    void theDemoKeyIsFilledInAndEveryInputHasALabel() throws IOException {
        // The key the server printed at start.
        String demoKey = server.stderr.stream()
                .map(PRINTED_KEY::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no demo key in the server's output: " + server.stderr));
        assertThat(field("api-key").getAttribute("value")).isEqualTo(demoKey);
        assertThat(text("api-key-hint")).contains("demo key");
        List<WebElement> unlabelled = browser.findElements(By.cssSelector("input, select")).stream()
                .filter(input -> browser.findElements(By.cssSelector("label[for='" + input.getAttribute("id") + "']"))
                        .isEmpty())
                .toList();
        assertThat(unlabelled).as("inputs without a label").isEmpty();
        assertThat(browser.getTitle()).isEqualTo("Skyhook demo");
    }

    @Test
    @Order(2)
    void imagesUploadedWithThePickerAndByDroppingShowTheirUrlsAndAVariantBesideTheOriginal() throws Exception {
        field("image-files").sendKeys(photo + "\n" + drawing);

        wait.until(ExpectedConditions.textToBe(By.id("image-status"), "Stored 2 images."));
        List<String> urls = texts(By.cssSelector("#image-urls a"));
        assertThat(urls).hasSize(2).allMatch(url -> url.startsWith(site + "/blobs/post/"));
        assertThat(storedBytes(keyOf(urls.get(0)))).isEqualTo(Files.readAllBytes(photo));
        assertThat(storedBytes(keyOf(urls.get(1)))).isEqualTo(Files.readAllBytes(drawing));

        dropOnTheDropZone(photo);
        wait.until(ExpectedConditions.textToBe(By.id("image-status"), "Stored 1 image."));
        assertThat(texts(By.cssSelector("#image-urls a"))).hasSize(3);

        wait.until(driver ->
                driver.findElements(By.cssSelector("#gallery .card .saved")).size() == 3);
        for (WebElement card : browser.findElements(By.cssSelector("#gallery .card"))) {
            String key = card.getAttribute("data-key");
            long originalBytes = Long.parseLong(card.getAttribute("data-original-bytes"));
            long variantBytes = Long.parseLong(card.getAttribute("data-variant-bytes"));
            assertThat(originalBytes).as("original of %s", key).isEqualTo(storedLength(key));
            // The variant the page shows is one the server cached; the formats line names the JPEG one's bytes.
            wait.until(driver ->
                    !card.findElements(By.cssSelector(".formats[data-done]")).isEmpty());
            List<String> variants = stored.list("ProcessedImages/" + key + "/").stream()
                    .map(BlobKey::value)
                    .toList();
            assertThat(variants)
                    .allMatch(variant -> variant.startsWith("ProcessedImages/" + key + "/w384-"))
                    .anyMatch(variant -> storedLength(variant) == variantBytes);
            String jpeg = variants.stream()
                    .filter(variant -> variant.endsWith("-q90.jpg"))
                    .findFirst()
                    .orElseThrow();
            WebElement formats = card.findElement(By.className("formats"));
            assertThat(formats.findElement(By.cssSelector("[data-format=jpeg]")).getAttribute("data-bytes"))
                    .isEqualTo(Long.toString(storedLength(jpeg)));
            // WebP and AVIF: their stored bytes where the server's codec makes them (libvips), else a note saying so.
            List<String> unavailable = texts(formats, By.cssSelector(".unavailable"));
            for (String format : List.of("webp", "avif")) {
                String label = format.equals("webp") ? "WebP" : "AVIF";
                java.util.Optional<String> made = variants.stream()
                        .filter(variant -> variant.endsWith("." + format))
                        .findFirst();
                if (made.isPresent()) {
                    assertThat(formats.findElement(By.cssSelector("[data-format=" + format + "]"))
                                    .getAttribute("data-bytes"))
                            .isEqualTo(Long.toString(storedLength(made.get())));
                } else {
                    assertThat(unavailable).contains(label + ": not made by this server");
                }
            }
            assertThat(card.findElement(By.className("saved")).getText())
                    .isEqualTo(
                            variantBytes < originalBytes
                                    ? String.format(
                                            Locale.ENGLISH,
                                            "Saved %,d bytes (%.1f %%)",
                                            originalBytes - variantBytes,
                                            100.0 * (originalBytes - variantBytes) / originalBytes)
                                    : String.format(
                                            Locale.ENGLISH,
                                            "The variant is not smaller than the original (%,d bytes more).",
                                            variantBytes - originalBytes));
            List<WebElement> images = card.findElements(By.tagName("img"));
            assertThat(images)
                    .extracting(image -> image.getAttribute("alt"))
                    .containsExactly("Original of " + key, "Variant of " + key + ", 384 pixels wide");
            assertThat(images)
                    .allSatisfy(image -> assertThat(naturalWidth(image))
                            .as("loaded %s", image.getAttribute("alt"))
                            .isPositive());
            assertThat(naturalWidth(images.get(1))).isEqualTo(384);
        }
    }

    @Test
    @Order(3)
    void aFileThatIsNotAnImageIsRefusedWithTheServersMessageAndNothingIsStored() throws Exception {
        long storedBefore = storedFileCount();

        field("image-files").sendKeys(notAnImage.toString());

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("image-error"), "not an image"));
        assertThat(text("image-error"))
                .isEqualTo("file 'notes.txt' is not an image (detected: unknown); allowed: GIF, JPEG, PNG, WEBP");
        assertThat(storedFileCount()).isEqualTo(storedBefore);
    }

    @Test
    @Order(4)
    void aWrongApiKeyIsExplainedNextToTheKey() throws Exception {
        long storedBefore = storedFileCount();
        field("api-key").clear();
        field("api-key").sendKeys("not-the-key");

        field("image-files").sendKeys(photo.toString());

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("api-key-error"), "refused"));
        assertThat(text("api-key-error")).isEqualTo("The API key was refused (Forbidden): check the key above.");
        assertThat(field("api-key").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(storedFileCount()).isEqualTo(storedBefore);
    }

    @Test
    @Order(5)
    void anUploadedFileGetsASignedDownloadLink() throws Exception {
        Path report = Files.writeString(work.resolve("q3.txt"), "Quarterly report: 42 unicorn rides.\n");
        field("file-input").sendKeys(report.toString());
        assertThat(field("file-name").getAttribute("value"))
                .as("the file's own name is suggested")
                .isEqualTo("q3.txt");
        field("file-name").clear();
        field("file-name").sendKeys("reports/q3.txt");
        browser.findElement(By.id("file-submit")).click();

        WebElement link = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("file-download")));
        assertThat(text("file-status"))
                .isEqualTo("Stored as reports/q3.txt. This link downloads it for the next hour:");
        // The page signs in as the rider named under Rides: the file is theirs.
        String key = FileOwner.of(RIDER).keyPrefix() + "reports/q3.txt";
        assertThat(link.getAttribute("href")).startsWith(site + "/signed/" + key + "?expires=");
        assertThat(new String(storedBytes(key), StandardCharsets.UTF_8))
                .isEqualTo("Quarterly report: 42 unicorn rides.\n");
        HttpResponse<String> download = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(link.getAttribute("href")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("Quarterly report: 42 unicorn rides.\n");
    }

    @Test
    @Order(6)
    void anUnsafeFileNameIsExplainedNextToTheName() throws Exception {
        field("file-input").sendKeys(notAnImage.toString());
        field("file-name").clear();
        field("file-name").sendKeys("../escape.txt");
        browser.findElement(By.id("file-submit")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("file-name-error"), "segments"));
        assertThat(text("file-name-error")).isEqualTo("filename must not contain empty, '.' or '..' segments");
        assertThat(field("file-name").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.switchTo().activeElement().getAttribute("id"))
                .as("focus moves to the field")
                .isEqualTo("file-name");
        assertThat(browser.findElements(By.id("file-download"))).isEmpty();
        assertThat(stored.list("")).noneMatch(key -> key.value().contains("escape"));
    }

    @Test
    @Order(7)
    void usersAreCreatedAndPagedThroughAndAnInvalidAgeIsExplainedNextToIt() throws Exception {
        List<String> names = List.of(
                "Zoë Núñez",
                "Ada Lovelace",
                "Grace Hopper",
                "Alan Turing",
                "Edsger Dijkstra",
                "Barbara Liskov",
                "Ken Thompson");
        for (int i = 0; i < names.size(); i++) {
            createUser(names.get(i), Integer.toString(30 + i));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-status"), names.get(i)));
        }
        List<Map<String, Object>> stored = storedUsers();
        assertThat(stored).extracting(user -> user.get("name")).containsExactlyElementsOf(names);

        assertThat(texts(By.cssSelector("#user-table tbody tr td:nth-child(2)")))
                .containsExactlyElementsOf(names.subList(0, 5));
        browser.findElement(By.id("users-next")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("users-page"), "Page 2"));
        assertThat(texts(By.cssSelector("#user-table tbody tr td:nth-child(2)")))
                .containsExactlyElementsOf(names.subList(5, 7));
        assertThat(browser.findElement(By.id("users-next")).isEnabled()).isFalse();
        browser.findElement(By.id("users-previous")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("users-page"), "Page 1"));
        assertThat(texts(By.cssSelector("#user-table tbody tr td:nth-child(1)")))
                .containsExactlyElementsOf(stored.subList(0, 5).stream()
                        .map(user -> user.get("id").toString())
                        .toList());

        createUser("Too Old", "200");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-age-error"), "age"));
        assertThat(text("user-age-error")).isEqualTo("age must be an integer from 0 to 150");
        assertThat(field("user-age").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(text("user-name-error")).isEmpty();
        assertThat(storedUsers()).hasSize(names.size());
    }

    @Test
    @Order(8)
    void aRideRequestedByClickingTheMapShowsTheAssignedUnicornAndItsEta() throws Exception {
        clickTheMapAt(SHADOWFAX_LATITUDE, SHADOWFAX_LONGITUDE);

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ride-result")));
        assertThat(Double.parseDouble(field("ride-latitude").getAttribute("value")))
                .isCloseTo(SHADOWFAX_LATITUDE, within(0.002));
        assertThat(Double.parseDouble(field("ride-longitude").getAttribute("value")))
                .isCloseTo(SHADOWFAX_LONGITUDE, within(0.002));
        assertThat(text("ride-unicorn")).isEqualTo("Shadowfax (White, Male)");
        assertThat(text("ride-eta")).matches("\\d+ seconds?");
        assertThat(text("ride-rider")).isEqualTo(RIDER);
        assertThat(text("ride-status")).isEqualTo("Shadowfax is on the way.");
        assertThat(browser.findElement(By.id("ride-pin")).getAttribute("hidden"))
                .isNull();

        Map<String, Object> stored = storedRide(text("ride-id"));
        assertThat(stored).containsEntry("UnicornName", "Shadowfax").containsEntry("Rider", RIDER);
    }

    @Test
    @Order(9)
    void aLatitudeOffTheGlobeIsExplainedNextToIt() {
        field("ride-latitude").sendKeys("91");
        field("ride-longitude").sendKeys("0");
        browser.findElement(By.id("ride-submit")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ride-latitude-error"), "Latitude"));
        assertThat(text("ride-latitude-error")).isEqualTo("PickupLocation.Latitude must be a number from -90 to 90");
        assertThat(field("ride-latitude").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("ride-result")).isDisplayed()).isFalse();
    }

    @Test
    @Order(10)
    void atPhoneWidthNothingOverflowsAndTheFlowsStillWork() throws Exception {
        browser.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));

        assertThat(browser.executeScript("return document.documentElement.scrollWidth"))
                .as("page width")
                .isEqualTo(browser.executeScript("return document.documentElement.clientWidth"));
        assertThat(browser.findElement(By.id("ride-map")).getRect().getWidth()).isLessThanOrEqualTo(390);

        createUser("Phone User", "27");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-status"), "Phone User"));
        assertThat(storedUsers()).extracting(user -> user.get("name")).contains("Phone User");

        clickTheMapAt(47.6062, -122.3321); // downtown
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ride-result")));
        assertThat(storedRide(text("ride-id")))
                .containsEntry("Rider", RIDER)
                .containsEntry("UnicornName", text("ride-unicorn").replaceAll(" \\(.*", ""));

        field("image-files").sendKeys(drawing.toString());
        wait.until(ExpectedConditions.textToBe(By.id("image-status"), "Stored 1 image."));
        wait.until(driver ->
                !driver.findElements(By.cssSelector("#gallery .card .saved")).isEmpty());
        assertThat(browser.executeScript("return document.documentElement.scrollWidth"))
                .isEqualTo(browser.executeScript("return document.documentElement.clientWidth"));
    }

    // ---------- The page ----------

    private WebElement field(String id) {
        return browser.findElement(By.id(id));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private List<String> texts(By selector) {
        return browser.findElements(selector).stream().map(WebElement::getText).toList();
    }

    private static List<String> texts(WebElement within, By selector) {
        return within.findElements(selector).stream().map(WebElement::getText).toList();
    }

    private void createUser(String name, String age) {
        field("user-name").clear();
        field("user-name").sendKeys(name);
        field("user-age").clear();
        field("user-age").sendKeys(age);
        browser.findElement(By.id("user-submit")).click();
    }

    private long naturalWidth(WebElement image) {
        wait.until(driver -> Boolean.TRUE.equals(browser.executeScript("return arguments[0].complete", image)));
        return ((Number) browser.executeScript("return arguments[0].naturalWidth", image)).longValue();
    }

    /** Clicks the drawn map where the given point lies, by the map's own bounds. */
    private void clickTheMapAt(double latitude, double longitude) {
        WebElement map = browser.findElement(By.id("ride-map"));
        new Actions(browser).scrollToElement(map).perform();
        double north = Double.parseDouble(map.getAttribute("data-north"));
        double south = Double.parseDouble(map.getAttribute("data-south"));
        double west = Double.parseDouble(map.getAttribute("data-west"));
        double east = Double.parseDouble(map.getAttribute("data-east"));
        int width = map.getRect().getWidth();
        int height = map.getRect().getHeight();
        double x = (longitude - west) / (east - west) * width;
        double y = (north - latitude) / (north - south) * height;
        // Selenium's offsets are from the element's centre.
        new Actions(browser)
                .moveToElement(map, (int) Math.round(x - width / 2.0), (int) Math.round(y - height / 2.0))
                .click()
                .perform();
    }

    /**
     * WebDriver cannot drag files from the desktop, so the files are picked into a scratch input and
     * dropped on the zone as the browser's own DataTransfer, through the page's drop handler.
     */
    private void dropOnTheDropZone(Path file) {
        WebElement source = (WebElement) browser.executeScript("""
            const input = document.createElement('input');
            input.type = 'file';
            input.multiple = true;
            input.id = 'test-drop-source';
            document.body.append(input);
            return input;""");
        source.sendKeys(file.toString());
        browser.executeScript("""
            const source = document.getElementById('test-drop-source');
            const files = new DataTransfer();
            for (const file of source.files) files.items.add(file);
            const zone = document.getElementById('drop-zone');
            zone.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: files}));
            zone.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: files}));
            source.remove();""");
    }

    // ---------- What the server stored ----------

    private String keyOf(String url) {
        return url.substring((site + "/blobs/").length());
    }

    private byte[] storedBytes(String key) throws IOException {
        try (BlobContent content =
                stored.open(new BlobKey(key)).orElseThrow(() -> new AssertionError("not stored: " + key))) {
            return content.stream().readAllBytes();
        }
    }

    private long storedLength(String key) {
        return stored.stat(new BlobKey(key))
                .orElseThrow(() -> new AssertionError("not stored: " + key))
                .length();
    }

    private long storedFileCount() {
        return stored.list("").size();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> storedUsers() {
        return (List<Map<String, Object>>) get("/users?limit=500").jsonObject().get("users");
    }

    private Map<String, Object> storedRide(String rideId) throws Exception {
        String token = (String) send(HostRequest.json("POST", "/auth/demo-token", "{\"username\":\"" + RIDER + "\"}"))
                .jsonObject()
                .get("token");
        HostResponse ride = send(HostRequest.get("/ride/" + rideId).withHeader("Authorization", token));
        assertThat(ride.status()).as("GET /ride/%s: %s", rideId, ride.text()).isEqualTo(200);
        return ride.jsonObject();
    }

    private HostResponse get(String target) {
        HostResponse response = send(HostRequest.get(target));
        assertThat(response.status()).as("GET %s: %s", target, response.text()).isEqualTo(200);
        return response;
    }

    private HostResponse send(HostRequest request) {
        try {
            return api.send(request);
        } catch (Exception e) {
            throw new AssertionError("request to the server failed: " + request.target(), e);
        }
    }

    // ---------- Test files ----------

    /** A photo-like JPEG: a gradient with noise, so the variant is much smaller than the original. */
    private static Path jpeg(Path file, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(20, 90, 160), width, height, new Color(240, 200, 90)));
        g.fillRect(0, 0, width, height);
        g.dispose();
        Random random = new Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int noise = random.nextInt(40) - 20;
                int rgb = image.getRGB(x, y);
                int r = clamp(((rgb >> 16) & 0xff) + noise);
                int gr = clamp(((rgb >> 8) & 0xff) + noise);
                int b = clamp((rgb & 0xff) + noise);
                image.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        ImageIO.write(image, "jpeg", file.toFile());
        return file;
    }

    private static Path png(Path file, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(255, 255, 255, 0));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(200, 40, 90));
        g.fillOval(width / 8, height / 8, width * 3 / 4, height * 3 / 4);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }

    private static org.assertj.core.data.Offset<Double> within(double offset) {
        return org.assertj.core.data.Offset.offset(offset);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
