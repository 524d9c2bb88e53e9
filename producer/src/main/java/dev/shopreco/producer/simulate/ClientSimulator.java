package dev.shopreco.producer.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopreco.common.json.Json;
import dev.shopreco.common.model.EventType;
import dev.shopreco.common.model.SessionEvent;
import dev.shopreco.producer.replay.SessionHook;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Simulated shop clients during a replay. At the first event of every session whose user is known,
 * it asks the API for the user's list ({@code GET /models/user/{id}}, the experiment's endpoint) with
 * the replay's clock in {@code X-Shopreco-Event-Time}, and lets the user react by {@link ClickModel}:
 * a click is a {@code VIEW_PRODUCT} event in that session, a purchase a {@code BUY_PRODUCT} one, a
 * few seconds after the list. The replay sends them in event-time order with the data's events.
 *
 * <p>A replay sends events far faster than real time, and a list is only meaningful if it comes from
 * state that has caught up with the replay. So before asking, the simulator waits until the API's
 * clock ({@code GET /state/clock}) is within {@code maxLag} of the last event the replay sent, at
 * most {@code maxWait} (a list asked for after that is counted as stale). This paces the replay to
 * the topology. Waiting for the user's own latest events instead (a round trip through the
 * topology for most sessions) made a replay of the default data take hours on a loaded machine;
 * so a list may miss up to {@code maxLag} of the user's most recent history.
 *
 * <p>Deterministic given the seed and the lists: each session draws from its own generator, seeded
 * by the seed and the session id, in the list's order. The lists themselves come from the live state,
 * which depends on how far the topology has got, so two runs can differ in the lists they are served.
 */
public final class ClientSimulator implements SessionHook {

    /** The header that tells the API the replay's clock. */
    public static final String EVENT_TIME_HEADER = "X-Shopreco-Event-Time";
    private static final long CLICK_SPACING_MILLIS = 7_000;
    private static final long PURCHASE_DELAY_MILLIS = 60_000;
    private static final int ATTEMPTS = 20;

    private record Pending(SessionEvent event, long seq) {
    }

    private final URI api;
    private final FutureEvents future;
    private final ClickModel model;
    private final long seed;
    private final int listLength;
    private final long maxLagMillis;
    private final Duration maxWait;
    private long lastSent = Long.MIN_VALUE;
    private long apiClock = Long.MIN_VALUE;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(Comparator
            .comparing((Pending p) -> p.event().timestamp()).thenComparingLong(Pending::seq));
    private final Set<Long> seenSessions = new HashSet<>();
    private final SimulationSummary summary = new SimulationSummary();
    private long seq;
    private long purchaseIds = 900_000_000L;

    /**
     * @param api        the API's base URL, e.g. {@code http://127.0.0.1:8080}
     * @param data       the data folder being replayed (read once more, to look ahead)
     * @param model      the click model
     * @param seed       seed of every random draw
     * @param listLength n of each request
     * @param maxLag     how far (event time) the API's state may lag the replay when a list is asked for
     * @param maxWait    how long to wait at most for it to catch up
     */
    public ClientSimulator(final URI api, final Path data, final ClickModel model, final long seed,
            final int listLength, final Duration maxLag, final Duration maxWait) {
        this.api = api;
        this.maxLagMillis = maxLag.toMillis();
        this.maxWait = maxWait;
        this.future = FutureEvents.of(data);
        this.model = model;
        this.seed = seed;
        this.listLength = listLength;
    }

    @Override
    public List<SessionEvent> before(final SessionEvent next, final Runnable commit) {
        final List<SessionEvent> due = new ArrayList<>();
        while (!pending.isEmpty() && !pending.peek().event().timestamp().isAfter(next.timestamp())) {
            due.add(pending.poll().event());
        }
        if (seenSessions.add(next.sessionId())) {
            final Long user = future.userOf(next.sessionId());
            if (user != null) {
                awaitState(commit);
                visit(next.sessionId(), user, next.epochMillis());
            }
        }
        lastSent = Math.max(lastSent, next.epochMillis());
        return due;
    }

    @Override
    public List<SessionEvent> end() {
        final List<SessionEvent> rest = new ArrayList<>();
        while (!pending.isEmpty()) {
            rest.add(pending.poll().event());
        }
        return rest;
    }

    /** What the simulated clients were served and did, per variant. */
    public SimulationSummary summary() {
        return summary;
    }

    private void visit(final long session, final long user, final long now) {
        final JsonNode answer = ask(user, now);
        if (answer == null) {
            summary.unanswered++;
            return;
        }
        final String variant = answer.path("variant").isTextual() ? answer.get("variant").asText() : "(none)";
        final SimulationSummary.Arm arm = summary.arm(variant);
        arm.lists++;
        final SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ session);
        final long horizonEnd = now + model.horizon().toMillis();
        boolean clickedList = false;
        boolean boughtList = false;
        int rank = 0;
        for (final JsonNode node : answer.path("products")) {
            final long product = node.asLong();
            final boolean bought = future.buysBetween(user, product, now, horizonEnd);
            final boolean relevant = bought || future.viewsBetween(user, product, now, horizonEnd);
            if (relevant) {
                arm.relevantShown++;
            }
            final double clickDraw = random.nextDouble();
            final double buyDraw = random.nextDouble();
            rank++;
            if (clickDraw >= (relevant ? model.clickRelevant() : model.clickOther())) {
                continue;
            }
            final long clickAt = now + rank * CLICK_SPACING_MILLIS;
            schedule(event(session, clickAt, user, product, EventType.VIEW_PRODUCT, null));
            arm.clicks++;
            clickedList = true;
            final double buy = bought ? model.buyPurchased() : relevant ? model.buyViewed() : model.buyOther();
            if (buyDraw < buy) {
                schedule(event(session, clickAt + PURCHASE_DELAY_MILLIS, user, product, EventType.BUY_PRODUCT,
                        ++purchaseIds));
                arm.purchases++;
                boughtList = true;
            }
        }
        if (clickedList) {
            arm.listsClicked++;
        }
        if (boughtList) {
            arm.listsBought++;
        }
    }

    /**
     * Waits until the API's clock is within maxLag of the newest event sent (at most maxWait),
     * committing what the replay sent first so that the topology can see it.
     */
    private void awaitState(final Runnable commit) {
        if (lastSent == Long.MIN_VALUE) {
            return;
        }
        final long target = lastSent - maxLagMillis;
        if (apiClock >= target) {
            return;
        }
        commit.run();
        final long started = System.nanoTime();
        final HttpRequest request = HttpRequest.newBuilder(api.resolve("/state/clock"))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(10)).GET().build();
        while (true) {
            try {
                final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                final JsonNode time = response.statusCode() == 200
                        ? Json.mapper().readTree(response.body()).path("event_time") : null;
                if (time != null && time.canConvertToLong()) {
                    apiClock = Math.max(apiClock, time.asLong());
                }
            } catch (final IOException e) {
                // busy or restarting: wait and ask again
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the API", e);
            }
            if (apiClock >= target) {
                summary.waitedNanos += System.nanoTime() - started;
                return;
            }
            if (System.nanoTime() - started > maxWait.toNanos()) {
                summary.staleLists++;
                summary.waitedNanos += System.nanoTime() - started;
                return;
            }
            sleep(20);
        }
    }

    private void schedule(final SessionEvent event) {
        pending.add(new Pending(event, seq++));
    }

    private static SessionEvent event(final long session, final long at, final long user, final long product,
            final EventType type, final Long purchaseId) {
        return new SessionEvent(session, LocalDateTime.ofInstant(Instant.ofEpochMilli(at), ZoneOffset.UTC), user,
                product, type, 0, purchaseId);
    }

    /** The API's answer, retried while it is unavailable (503, starting) for a few seconds; null if never. */
    private JsonNode ask(final long user, final long now) {
        final HttpRequest request = HttpRequest.newBuilder(api.resolve("/models/user/" + user + "?n=" + listLength))
                .header(EVENT_TIME_HEADER, Long.toString(now)).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(10)).GET().build();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return Json.mapper().readTree(response.body());
                }
                if (response.statusCode() != 503) {
                    summary.errors.merge(Integer.toString(response.statusCode()), 1L, Long::sum);
                    return null;
                }
            } catch (final IOException e) {
                summary.errors.merge(e.getClass().getSimpleName(), 1L, Long::sum);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while asking the API", e);
            }
            sleep(250);
        }
        return null;
    }

    private static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
