package dev.shopreco.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongPredicate;

/**
 * Clients asking for recommendations while faults happen, on a thread of their own. Every answer is
 * judged: a 200 must be a well-formed list for the user asked about, from the model the experiment
 * gives that user; a 503 must carry {@code Retry-After}; anything else (a 500 above all) is a
 * violation. A refused connection (the instance is down) is counted, not judged.
 */
public final class Traffic implements AutoCloseable {

    private final List<ApiProcess> instances;
    private final Set<Long> catalog;
    private final LongPredicate contentBased;
    private final Random random;
    private final Thread thread;
    private final Map<String, Integer> outcomes = Collections.synchronizedMap(new TreeMap<>());
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    private final List<String> servedIds = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean running = true;

    /** One answer: when it came ({@link System#nanoTime()}), from which instance, its status (-1: no connection). */
    public record Answer(long nanos, String instance, int status) {
    }

    /**
     * Answers other than 200 in a period: how many, and the span from the first to the last of them
     * (0 when there was one or none).
     */
    public record Gap(int count, double seconds) {
        @Override
        public String toString() {
            return String.format("%d in %.1f s", count, seconds);
        }
    }

    /**
     * @param instances    instances to ask, one at random each time (those not alive are skipped)
     * @param catalog      product ids that may appear in a list
     * @param contentBased which users the experiment gives CONTENT_BASE (the others POPULARITY)
     * @param seed         seed of the user and instance choices
     */
    public Traffic(final List<ApiProcess> instances, final Set<Long> catalog, final LongPredicate contentBased,
            final long seed) {
        this.instances = List.copyOf(instances);
        this.catalog = Set.copyOf(catalog);
        this.contentBased = contentBased;
        this.random = new Random(seed);
        this.thread = new Thread(this::run, "traffic");
        this.thread.setDaemon(true);
    }

    public Traffic start() {
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            final ApiProcess instance = instances.get(random.nextInt(instances.size()));
            final long user = 101 + random.nextInt(1100);
            if (!instance.isAlive()) {
                sleep(5);
                continue;
            }
            judge(instance.name(), user, instance.http().get("/models/user/" + user));
            sleep(10);
        }
    }

    private void judge(final String instance, final long user, final Http.Response response) {
        answers.add(new Answer(System.nanoTime(), instance, response.status()));
        final String what = instance + " /models/user/" + user + " -> " + response.status() + " " + response.body();
        switch (response.status()) {
            case -1 -> count("no connection");
            case 200 -> {
                count("200");
                servedIds.add(response.json().path("id").asText());
                final String problem = problem(user, response.json());
                if (problem != null) {
                    violations.add(problem + ": " + what);
                }
            }
            case 503 -> {
                count("503");
                if (response.header("Retry-After").isEmpty()) {
                    violations.add("503 without Retry-After: " + what);
                }
            }
            default -> {
                count(Integer.toString(response.status()));
                violations.add(what);
            }
        }
    }

    private String problem(final long user, final JsonNode body) {
        if (body.path("user_id").asLong() != user) {
            return "wrong user";
        }
        final String model = contentBased.test(user) ? "CONTENT_BASE" : "POPULARITY";
        if (!model.equals(body.path("model").asText())) {
            return "wrong model (expected " + model + ")";
        }
        final JsonNode products = body.path("products");
        final Set<Long> seen = new HashSet<>();
        for (final JsonNode p : products) {
            if (!catalog.contains(p.asLong()) || !seen.add(p.asLong())) {
                return "product outside the catalog or listed twice";
            }
        }
        // before the first events the popularity list may be shorter; never longer
        return products.size() > 10 ? "more than 10 products" : null;
    }

    private void count(final String outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }

    private static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers by status (and "no connection"). */
    public Map<String, Integer> outcomes() {
        synchronized (outcomes) {
            return Map.copyOf(outcomes);
        }
    }

    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    public int answered(final String status) {
        return outcomes().getOrDefault(status, 0);
    }

    /** The ids of the 200 answers: each must be on {@code reco.served} exactly once. */
    public List<String> servedIds() {
        synchronized (servedIds) {
            return List.copyOf(servedIds);
        }
    }

    /** Every answer so far, in order. */
    public List<Answer> answers() {
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }

    /**
     * The answers with {@code status} (503, or -1 for a refused connection) between {@code fromNanos}
     * and {@code toNanos}: their number and the span from the first to the last.
     */
    public Gap gap(final int status, final long fromNanos, final long toNanos) {
        return gap(status, fromNanos, toNanos, null);
    }

    /** As {@link #gap(int, long, long)}, counting only the answers of {@code instance} (every instance's if null). */
    public Gap gap(final int status, final long fromNanos, final long toNanos, final String instance) {
        final List<Answer> in = answers().stream()
                .filter(a -> a.status() == status && a.nanos() >= fromNanos && a.nanos() <= toNanos)
                .filter(a -> instance == null || a.instance().equals(instance)).toList();
        return in.isEmpty() ? new Gap(0, 0)
                : new Gap(in.size(), (in.get(in.size() - 1).nanos() - in.get(0).nanos()) / 1e9);
    }

    /** Whether the last {@code n} answers were all 200 (and there were {@code n}). */
    public boolean lastAllOk(final int n) {
        final List<Answer> all = answers();
        return all.size() >= n && all.subList(all.size() - n, all.size()).stream().allMatch(a -> a.status() == 200);
    }

    /** Stops asking and waits for the last answer. */
    public void stop() {
        running = false;
        try {
            thread.join(30_000);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
