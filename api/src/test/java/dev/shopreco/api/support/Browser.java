package dev.shopreco.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A headless Chromium from the machine's packages ({@code chromium}, {@code chromium-driver}) driven
 * through Selenium, with Chrome's performance log on so that every request the page makes can be read
 * back. Selenium Manager is never used: the driver and browser binaries are given explicitly, so
 * nothing is downloaded.
 */
public final class Browser implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/lib/chromium/chromium");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private final ChromeDriver driver;
    private final List<String> requested = new ArrayList<>();

    private Browser(final ChromeDriver driver) {
        this.driver = driver;
    }

    /** The Chromium binary, if installed. */
    public static Optional<Path> chromium() {
        return first(BROWSERS);
    }

    /** The chromedriver binary, if installed. */
    public static Optional<Path> chromedriver() {
        return first(DRIVERS);
    }

    /** Whether both are installed. */
    public static boolean installed() {
        return chromium().isPresent() && chromedriver().isPresent();
    }

    private static Optional<Path> first(final List<String> candidates) {
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** A headless browser with a window of {@code width} x {@code height} CSS pixels. */
    public static Browser start(final int width, final int height) {
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().orElseThrow().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height, "--hide-scrollbars", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", "--lang=en-US");
        final LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        final ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver().orElseThrow().toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log"))
                .build();
        return new Browser(new ChromeDriver(service, options));
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Resizes the window (CSS pixels). */
    public void resize(final int width, final int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /**
     * Every URL the pages requested since the browser started (Chrome's {@code Network.requestWillBeSent}
     * events, the page's own fetches included).
     */
    public List<String> requestedUrls() {
        for (final LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                final JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                if ("Network.requestWillBeSent".equals(message.path("method").asText())) {
                    requested.add(message.path("params").path("request").path("url").asText());
                }
            } catch (final IOException e) {
                throw new UncheckedIOException("Not a performance log entry: " + entry.getMessage(), e);
            }
        }
        return List.copyOf(requested);
    }

    /** Saves what the window shows as {@code dir/name.png}. */
    public Path screenshot(final Path dir, final String name) {
        try {
            Files.createDirectories(dir);
            final Path file = dir.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The visible text of the page's elements matching a CSS selector, read in one script: the page
     * re-renders its views every few seconds, which makes elements found one call earlier stale.
     */
    @SuppressWarnings("unchecked")
    public List<String> texts(final String css) {
        return (List<String>) driver.executeScript(
                "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.innerText.trim());", css);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
