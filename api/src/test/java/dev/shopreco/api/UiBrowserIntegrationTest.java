package dev.shopreco.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopreco.api.support.ApiInstance;
import dev.shopreco.api.support.Browser;
import dev.shopreco.api.support.Http;
import dev.shopreco.api.support.ShopData;
import dev.shopreco.localkafka.LocalKafkaExtension;
import dev.shopreco.producer.replay.ReplayCommand;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import picocli.CommandLine;

/**
 * The page at {@code /ui} in a real browser (headless Chromium from the machine's packages, through
 * Selenium) against a real broker and a real API holding the start of the default data set: each view
 * shows what the JSON endpoints say, the user view follows new events without a reload, and the page
 * requests nothing from anywhere but the API on 127.0.0.1. Screenshots go to
 * {@code target/ui-screenshots}.
 */
@EnabledIf(value = "browserInstalled",
        disabledReason = "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver; "
                + ".ci/run installs them): the browser tests are skipped")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UiBrowserIntegrationTest {

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    /** Events of the default data set replayed: its first weeks, enough for every view to have content. */
    private static final int EVENTS = 20_000;
    private static final String EXPERIMENT = "ui-test";
    /** The API key is on: the page must ask for it and send it. */
    private static final String KEY = "ui-test-key";
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

    private static ApiInstance api;
    private static Http http;
    private static Browser browser;
    private static String base;
    private static long user;
    private static Map<Long, String> names;

    static boolean browserInstalled() {
        return Browser.installed();
    }

    @BeforeAll
    static void start() {
        final Path data = Path.of(System.getProperty("shop.data", "../data"));
        assertTrue(Files.isDirectory(data), "the default data set is at " + data.toAbsolutePath());
        assertEquals(0, new CommandLine(new ReplayCommand()).execute("--data", data.toString(),
                "--bootstrap-servers", KAFKA.bootstrapServers(), "--limit", Integer.toString(EVENTS), "--no-progress"));
        api = ApiInstance.start(KAFKA.bootstrapServers(), config()).awaitReady();
        http = api.http();
        base = "http://127.0.0.1:" + URI.create("http://" + api.hostPort()).getPort();
        // the replayed events have gone through the topology: its consumers read every input topic to the end
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(UncheckedIOException.class).until(() -> {
            final JsonNode lag = get("/state/instance").json().get("lag");
            long waiting = 0;
            for (final JsonNode n : lag) {
                waiting += n.asLong();
            }
            return lag.has("shop.sessions") && lag.has("shop.interactions") && waiting == 0
                    && !get("/state/clock").json().get("event_time").isNull();
        });
        names = new HashMap<>();
        get("/products").json().get("products").forEach(p -> names.put(p.get("product_id").asLong(),
                p.get("name").asText()));
        // a user with a history in the replayed weeks
        user = firstUserWithHistory();
        serveListsAndClickSome();
        browser = Browser.start(1280, 800);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @AfterEach
    void readTheRequests() {
        // Chrome's performance log is read (and kept by Browser) after each test, so that it never piles up
        browser.requestedUrls();
    }

    @Test
    @Order(0)
    void shouldAskForTheApiKeyAndShowNothingWithoutIt() {
        open("#user=" + user);
        enterKey();
        waitUntil("the page reads with the key", () -> text("#status").startsWith("event time"));
    }

    @Test
    @Order(1)
    void shouldShowTheListsOfEveryModelAsTheApiServesThem() {
        open("#user=" + user);
        final List<String> models = new ArrayList<>();
        get("/state/instance").json().get("models").forEach(m -> models.add(m.asText()));
        waitUntil("every model's list is shown", () -> lists().keySet().containsAll(models));
        for (final String model : models) {
            // the page and the API read the same state; wait out a change between the two reads
            waitUntil(model + " as /models/" + model + "/user/" + user, () -> {
                final JsonNode answer = get("/models/" + model + "/user/" + user).json();
                return ids(answer.get("products")).equals(lists().get(model));
            });
            final List<String> first = items("#user-lists section[data-model='" + model + "'] li").get(0);
            final long product = Long.parseLong(first.get(0));
            assertTrue(first.get(1).contains(names.get(product)), "the product's name is written: " + first.get(1));
            assertTrue(first.get(1).contains("score"), "with its score: " + first.get(1));
        }
        final JsonNode assignment = get("/users/" + user + "/assignment").json();
        assertEquals(assignment.get("variant").asText(), text("#user-assignment dd[data-field='variant']"));
        assertTrue(text("#user-assignment").contains("CHOSEN"), "the hash draws are shown");
        final JsonNode profile = get("/users/" + user + "/profile").json();
        assertEquals(profile.get("categories").get(0).get("category").asText(),
                browser.texts("#user-profile .bar-label").get(0), "the strongest category first");
        // a product of the history is marked in the lists where it appears, in words
        final Set<Long> touched = new HashSet<>();
        profile.get("interactions").forEach(i -> touched.add(i.get("product_id").asLong()));
        for (final List<String> li : items("#user-lists li")) {
            final boolean isTouched = touched.contains(Long.parseLong(li.get(0)));
            assertEquals(isTouched, li.get(1).contains("✓"), li.get(1));
        }
        browser.screenshot(SCREENSHOTS, "user");
    }

    @Test
    @Order(2)
    void shouldFollowNewEventsOfTheUserWithoutAReload() {
        open("#user=" + user);
        waitUntil("the events are shown", () -> !browser.texts("#events-table tbody tr").isEmpty());
        final Set<Long> seen = new HashSet<>();
        get("/users/" + user + "/profile").json().get("interactions")
                .forEach(i -> seen.add(i.get("product_id").asLong()));
        final long product = names.keySet().stream().filter(p -> !seen.contains(p)).findFirst().orElseThrow();
        final Object marker = browser.driver().executeScript("window.__noReload = 1; return window.__noReload;");
        final Http.Response posted = http.post("/events", new ShopData.Event(99_000_001L, later(clock(), 5), user,
                product, "BUY_PRODUCT").line(), "X-API-Key", KEY);
        assertEquals(202, posted.status(), posted.body());
        waitUntil("the purchase heads the events", () -> {
            final List<WebElement> rows = browser.driver().findElements(By.cssSelector("#events-table tbody tr"));
            return !rows.isEmpty() && Long.toString(product).equals(rows.get(0).getDomAttribute("data-product"))
                    && rows.get(0).getText().contains("buy") && rows.get(0).getText().contains(names.get(product));
        });
        assertEquals(1L, ((Number) marker).longValue());
        assertEquals(1L, ((Number) browser.driver().executeScript("return window.__noReload;")).longValue(),
                "the page was not reloaded");
        browser.screenshot(SCREENSHOTS, "user-live");
    }

    @Test
    @Order(3)
    void shouldShowTheArmsAsTheExperimentReadOut() {
        open("#experiment");
        waitUntil("the arms match /experiments/" + EXPERIMENT, () -> {
            final JsonNode readout = get("/experiments/" + EXPERIMENT).json();
            for (final JsonNode v : readout.get("variants")) {
                final String row = "#arms-table tr[data-variant='" + v.get("variant").asText() + "'] ";
                if (!number(v.get("lists_served")).equals(text(row + "[data-field='lists_served']"))
                        || !number(v.get("users_exposed")).equals(text(row + "[data-field='users_exposed']"))
                        || !number(v.get("lists_clicked")).equals(text(row + "[data-field='lists_clicked']"))
                        || !interval(v.get("click_through")).equals(text(row + "[data-field='click_through']"))
                        || !interval(v.get("conversion")).equals(text(row + "[data-field='conversion']"))) {
                    return false;
                }
            }
            return readout.get("variants").size() == browser.texts("#arms-table tbody tr").size();
        });
        final JsonNode readout = get("/experiments/" + EXPERIMENT).json();
        assertTrue(readout.get("variants").get(0).get("lists_served").asLong() > 0, "lists were served: " + readout);
        final String flag = text("#srm-flag");
        assertEquals(readout.get("sample_ratio").get("mismatch").asBoolean() ? "MISMATCH: do not trust the comparison"
                : "OK", flag);
        assertEquals(1, browser.texts("#comparisons-table tbody tr").size(), "one pair");
        assertTrue(text("#comparisons-table tbody tr").contains(
                pValue(readout.get("comparisons").get(0).get("click_through").get("p_value"))));
        waitUntil("the click-through line of each arm", () -> browser.driver().findElements(
                By.cssSelector("#exp-history svg polyline")).size() == readout.get("variants").size());
        browser.screenshot(SCREENSHOTS, "experiment");
    }

    @Test
    @Order(4)
    void shouldShowTheSystemFromTheInstancesOwnFigures() {
        open("#system");
        final String self = api.hostPort();
        waitUntil("the instance is RUNNING", () -> "RUNNING".equals(
                text("article[data-instance='" + self + "'] [data-field='state']")));
        final String panel = text("article[data-instance='" + self + "']");
        assertTrue(panel.contains("shop.sessions"), "its input partitions: " + panel);
        assertTrue(panel.contains("user-interactions"), "its stores: " + panel);
        final JsonNode instance = get("/state/instance").json();
        final long processed = instance.get("throughput").get("events_processed").asLong();
        assertTrue(processed > EVENTS / 2, "the replayed events processed, " + processed);
        waitUntil("the events processed", () -> text("[data-field='events']").startsWith(
                String.format(Locale.US, "%,d", get("/state/instance").json().get("throughput")
                        .get("events_processed").asLong())));
        waitUntil("the last ITEM_EASE fit", () -> text("[data-field='item_ease']").contains("products fitted"));
        assertTrue(text("#sys-totals").contains("Lag per input topic"));
        browser.screenshot(SCREENSHOTS, "system");
    }

    @Test
    @Order(5)
    void shouldShowTheMostPopularProducts() {
        open("#products");
        waitUntil("the popular list as /products/popular", () -> {
            final List<Long> expected = ids(get("/products/popular?n=20").json().get("products"));
            final List<Long> shown = new ArrayList<>();
            for (final WebElement row : browser.driver().findElements(By.cssSelector("#popular-table tbody tr"))) {
                shown.add(Long.parseLong(row.getDomAttribute("data-product")));
            }
            return expected.equals(shown);
        });
        browser.screenshot(SCREENSHOTS, "products");
    }

    @Test
    @Order(6)
    void shouldBeUsableAtPhoneWidth() {
        browser.resize(390, 844);
        try {
            open("#user=" + user);
            waitUntil("the lists are shown", () -> !browser.texts("#user-lists li").isEmpty());
            final Number scroll = (Number) browser.driver().executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertEquals(0, scroll.intValue(), "no sideways scrolling of the page");
            browser.screenshot(SCREENSHOTS, "user-phone");
        } finally {
            browser.resize(1280, 800);
        }
    }

    @Test
    @Order(7)
    void shouldRequestNothingButTheApiOn127001() {
        for (final String view : List.of("#user=" + user, "#experiment", "#system", "#products")) {
            open(view);
        }
        final List<String> urls = browser.requestedUrls();
        assertTrue(urls.size() > 20, "the views' requests were seen: " + urls.size());
        final List<String> elsewhere = urls.stream().filter(url -> !url.startsWith(base + "/")
                && !url.startsWith("data:") && !url.startsWith("about:")).toList();
        assertEquals(List.of(), elsewhere, "requests that left the API on " + base);
        assertTrue(urls.contains(base + "/ui/app.js"), "the script came from the API");
    }

    @Test
    @Order(8)
    void shouldShowEveryInstanceFromAnyInstance() {
        try (ApiInstance second = ApiInstance.start(KAFKA.bootstrapServers(), config()).awaitReady()) {
            final String other = "http://127.0.0.1:" + URI.create("http://" + second.hostPort()).getPort();
            for (final String page : List.of(base, other)) {
                browser.driver().get(page + "/ui/#system");
                if (page.equals(other)) {
                    enterKey();
                }
                waitUntil("both instances RUNNING with their partitions, seen from " + page, () -> {
                    for (final String instance : List.of(api.hostPort(), second.hostPort())) {
                        final String panel = "article[data-instance='" + instance + "'] ";
                        if (!"RUNNING".equals(text(panel + "[data-field='state']"))
                                || !text(panel).contains("shop.sessions")) {
                            return false;
                        }
                    }
                    return browser.texts("article.instance").size() == 2;
                });
            }
            browser.screenshot(SCREENSHOTS, "system-two-instances");
            // the second instance's page shows the user as the first instance's API answers
            browser.driver().get(other + "/ui/#user=" + user);
            waitUntil("the user's POPULARITY list through the second instance", () -> ids(
                    get("/models/POPULARITY/user/" + user).json().get("products"))
                    .equals(lists().get("POPULARITY")));
        }
    }

    // ---------- set-up ----------

    private static Map<String, Object> config() {
        return Map.of("experiment.name", EXPERIMENT, "experiment.rule", "hash", "experiment.hash.salt", "ui",
                "experiment.hash.variants", "POPULARITY=1,CONTENT_BASE=1",
                "access.api-key", KEY);
    }

    /** A GET on the first instance with the API key. */
    private static Http.Response get(final String path) {
        return http.get(path, "X-API-Key", KEY);
    }

    /** Types the key into the page's form once the page asks for it (once per origin: it keeps it per tab). */
    private static void enterKey() {
        waitUntil("the page asks for the API key", () -> browser.driver().findElement(By.id("key-form")).isDisplayed());
        browser.driver().findElement(By.id("key-input")).sendKeys(KEY);
        browser.driver().findElement(By.cssSelector("#key-form button")).click();
    }

    private static long firstUserWithHistory() {
        for (long id = 101; id < 1101; id++) {
            final JsonNode profile = get("/users/" + id + "/profile").json();
            if (profile.get("interactions").size() >= 3) {
                return id;
            }
        }
        throw new IllegalStateException("no user with three products in the replayed events");
    }

    /**
     * Serves the experiment's list to 60 users, then sends a view of the first product of half of the
     * lists, five minutes of event time later: lists served and clicked in both arms.
     */
    private static void serveListsAndClickSome() {
        final List<ShopData.Event> clicks = new ArrayList<>();
        final LocalDateTime later = later(clock(), 5);
        for (long id = 101; id < 161; id++) {
            final JsonNode list = get("/models/user/" + id).json();
            if (id % 2 == 0) {
                clicks.add(new ShopData.Event(98_000_000L + id, later, id, list.get("products").get(0).asLong(),
                        "VIEW_PRODUCT"));
            }
        }
        // the lists counted first, and kept by the history as one point, then the clicks: two points of the line
        await().atMost(Duration.ofMinutes(2)).ignoreExceptionsInstanceOf(UncheckedIOException.class).until(() -> {
            final JsonNode points = get("/experiments/" + EXPERIMENT + "/history").json().get("points");
            if (points.isEmpty()) {
                return false;
            }
            long served = 0;
            for (final JsonNode v : points.get(points.size() - 1).get("variants")) {
                served += v.get("lists").asLong();
            }
            return served == 60;
        });
        ShopData.send(KAFKA.bootstrapServers(), clicks);
        await().atMost(Duration.ofMinutes(2)).ignoreExceptionsInstanceOf(UncheckedIOException.class).until(() -> {
            long served = 0;
            long clicked = 0;
            for (final JsonNode v : get("/experiments/" + EXPERIMENT).json().get("variants")) {
                served += v.get("lists_served").asLong();
                clicked += v.get("lists_clicked").asLong();
            }
            return served == 60 && clicked >= clicks.size();
        });
    }

    /** The shop's clock, whole seconds (the shop writes its timestamps to the second). */
    private static LocalDateTime clock() {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(get("/state/clock").json().get("event_time").asLong()),
                ZoneOffset.UTC).withNano(0);
    }

    /** {@code time} plus {@code minutes}, never on a whole minute (LocalDateTime would then print no seconds). */
    private static LocalDateTime later(final LocalDateTime time, final long minutes) {
        final LocalDateTime at = time.plusMinutes(minutes);
        return at.getSecond() == 0 ? at.plusSeconds(1) : at;
    }

    // ---------- reading the page ----------

    private static void open(final String fragment) {
        browser.driver().get(base + "/ui/" + fragment);
    }

    private static Map<String, List<Long>> lists() {
        final Map<String, List<Long>> lists = new HashMap<>();
        for (final WebElement section : browser.driver().findElements(By.cssSelector("#user-lists section.model"))) {
            final List<Long> ids = new ArrayList<>();
            for (final WebElement li : section.findElements(By.cssSelector("li"))) {
                ids.add(Long.parseLong(li.getDomAttribute("data-product")));
            }
            lists.put(section.getDomAttribute("data-model"), ids);
        }
        return lists;
    }

    /**
     * Each element of {@code css} as its {@code data-product} and visible text, read in one script: the
     * page re-renders its lists when the answers change, which would make elements found one call
     * earlier stale.
     */
    @SuppressWarnings("unchecked")
    private static List<List<String>> items(final String css) {
        return (List<List<String>>) browser.driver().executeScript("return Array.from(document.querySelectorAll("
                + "arguments[0])).map(e => [e.getAttribute('data-product'), e.innerText]);", css);
    }

    private static String text(final String css) {
        final List<String> texts = browser.texts(css);
        return texts.isEmpty() ? "" : texts.get(0);
    }

    private static List<Long> ids(final JsonNode products) {
        final List<Long> ids = new ArrayList<>();
        products.forEach(p -> ids.add(p.isObject() ? p.get("product_id").asLong() : p.asLong()));
        return ids;
    }

    private static String number(final JsonNode n) {
        return String.format(Locale.US, "%,d", n.asLong());
    }

    private static String interval(final JsonNode p) {
        if (p.get("trials").asLong() == 0) {
            return "no lists yet";
        }
        return fixed(p.get("rate").asDouble(), 3) + " [" + fixed(p.get("low").asDouble(), 3) + ", "
                + fixed(p.get("high").asDouble(), 3) + "]";
    }

    /** JavaScript's {@code toFixed}: the exact binary value rounded, ties up. */
    private static String fixed(final double value, final int digits) {
        return new BigDecimal(value).setScale(digits, RoundingMode.HALF_UP).toPlainString();
    }

    /** The page's p-value: {@code toExponential(1)} below 1e-4, else {@code toFixed(4)}. */
    private static String pValue(final JsonNode p) {
        final double value = p.asDouble();
        if (value >= 1e-4 || value == 0) {
            return value == 0 ? "0.0e+0" : fixed(value, 4);
        }
        final BigDecimal rounded = new BigDecimal(value).round(new MathContext(2, RoundingMode.HALF_UP));
        final int exponent = rounded.precision() - rounded.scale() - 1;
        return rounded.movePointLeft(exponent).setScale(1, RoundingMode.UNNECESSARY).toPlainString() + "e"
                + (exponent < 0 ? "-" + -exponent : "+" + exponent);
    }

    private static void waitUntil(final String what, final java.util.concurrent.Callable<Boolean> condition) {
        final ConditionFactory wait = await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsMatching(e -> e instanceof WebDriverException || e instanceof NumberFormatException);
        wait.until(condition);
    }
}
