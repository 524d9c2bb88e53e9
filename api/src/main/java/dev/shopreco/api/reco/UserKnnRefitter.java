package dev.shopreco.api.reco;

import dev.shopreco.api.streams.KafkaStreamsHost;
import dev.shopreco.api.streams.LocalState;
import dev.shopreco.api.streams.StoreUnavailableException;
import dev.shopreco.common.Names;
import dev.shopreco.streams.collaborative.Weighting;
import dev.shopreco.streams.knn.Postings;
import dev.shopreco.streams.knn.UserKnnFit;
import dev.shopreco.streams.knn.UserKnnIndex;
import dev.shopreco.streams.knn.UserKnnIndex.Neighbours;
import dev.shopreco.streams.model.UserKnnFits;
import dev.shopreco.streams.model.UserKnnSettings;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * USER_KNN's fits, refitted in the background on one daemon thread from start-up, never on a request.
 * A refit reads the published postings (the global {@code user-knn-postings-all} store, complete on
 * every instance), builds the matrix X of each configured weighting ({@link UserKnnIndex}) and
 * computes the neighbour lists of the users this instance owns (those whose partition of
 * {@code user-interactions} it holds as an active task: requests for them come here), the most
 * recently active first, at most {@code USER_KNN_MAX_LISTS} of them; then it swaps the fits in at once.
 * A neighbour may be any user with postings, whoever owns it: every instance holds every posting, so
 * no list needs another instance.
 *
 * <p>It refits when the postings changed or partitions may have moved (a rebalance), starting
 * {@code USER_KNN_REFIT_INTERVAL} after the previous refit ended, or {@link #PAUSE_PER_FIT_TIME} times
 * the previous refit's duration if longer, so refitting takes at most a fifth of one core. Until a
 * user has a list, USER_KNN answers that user with the popularity list flagged as a fallback, and
 * HYBRID's user-kNN term is 0; so it is for a user whose partition moved here until the next refit.
 * A refit that cannot read the stores (starting, rebalancing) keeps the last fits and is retried at
 * the next tick; any other failure is logged as a warning and retried the same way.
 */
@Context
public class UserKnnRefitter implements UserKnnFits, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UserKnnRefitter.class);

    /** The pause after a refit, in multiples of its duration: refits then use at most 1 / (1 + 4) of a core. */
    static final int PAUSE_PER_FIT_TIME = 4;

    private final LocalState state;
    private final KafkaStreamsHost host;
    private final UserKnnSettings settings;
    private final int maxLists;
    private final ScheduledExecutorService executor;
    private final long intervalMillis;
    private volatile Map<Weighting, UserKnnFit> fits = Map.of();
    private volatile Postings fittedOn;
    private volatile long fittedOwnership = -1;
    private volatile long lastFitMillis;

    public UserKnnRefitter(final LocalState state, final KafkaStreamsHost host, final UserKnnSettings settings,
            final UserKnnServing serving) {
        this.state = state;
        this.host = host;
        this.settings = settings;
        this.maxLists = serving.maxLists();
        this.intervalMillis = serving.refitInterval().toMillis();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread thread = new Thread(r, "user-knn-refit");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
        executor.schedule(this::refitAndReschedule, Math.min(1000, intervalMillis), TimeUnit.MILLISECONDS);
    }

    @Override
    public UserKnnFit current(final Weighting weighting) {
        return fits.get(weighting);
    }

    /** The pause before the next refit attempt. */
    long nextDelayMillis() {
        return Math.max(intervalMillis, PAUSE_PER_FIT_TIME * lastFitMillis);
    }

    private void refitAndReschedule() {
        refitQuietly();
        try {
            executor.schedule(this::refitAndReschedule, nextDelayMillis(), TimeUnit.MILLISECONDS);
        } catch (final RejectedExecutionException closed) {
            // the service is shutting down
        }
    }

    /**
     * Refits now if the postings or the partitions this instance owns may have changed since the last
     * fit (the background thread's step).
     *
     * @return whether it refitted
     */
    boolean refitIfChanged() {
        // the counters first: a change after this read makes the next tick refit
        final long ownership = host.versions().everything();
        final Postings postings = state.view().postings();
        if (postings.isEmpty() || postings == fittedOn && ownership == fittedOwnership) {
            return false;
        }
        final KafkaStreams streams = host.streams();
        final Owned owned = streams == null ? null : Owned.of(streams);
        if (owned == null) {
            return false;
        }
        final long start = System.nanoTime();
        final Map<Weighting, UserKnnFit> next = new EnumMap<>(Weighting.class);
        int listed = 0;
        int users = 0;
        for (final Weighting weighting : Weighting.values()) {
            final int k = settings.neighboursFor(weighting);
            if (k == 0) {
                continue;
            }
            final UserKnnIndex index = UserKnnIndex.of(postings, weighting);
            final Neighbours[] lists = new Neighbours[index.users()];
            for (final int row : owned.rowsOf(index, maxLists)) {
                lists[row] = index.neighbours(row, k);
            }
            final UserKnnFit fit = UserKnnFit.of(index, k, lists);
            next.put(weighting, fit);
            listed = fit.listed();
            users = index.users();
        }
        fits = Map.copyOf(next);
        fittedOn = postings;
        fittedOwnership = ownership;
        lastFitMillis = (System.nanoTime() - start) / 1_000_000;
        LOG.info("USER_KNN refitted on {} postings of {} users: neighbour lists for {} users of this instance's "
                + "partitions {} in {} ms; next in {} s or later", postings.size(), users, listed, owned.partitions,
                lastFitMillis, nextDelayMillis() / 1000);
        return true;
    }

    private void refitQuietly() {
        try {
            refitIfChanged();
        } catch (final StoreUnavailableException | InvalidStateStoreException e) {
            LOG.debug("USER_KNN refit skipped, retried at the next tick: {}", e.toString());
        } catch (final RuntimeException e) {
            LOG.warn("USER_KNN refit failed; the last fits stay, retried at the next tick", e);
        }
    }

    @PreDestroy
    @Override
    public void close() {
        executor.shutdownNow();
    }

    /**
     * The partitions of {@code shop.interactions} (and so of {@code user-interactions}) this instance
     * holds as active tasks, out of how many. A user's partition is the one the producer's default
     * partitioner gives the user id's text, as Kafka Streams' {@code queryMetadataForKey} computes it.
     */
    record Owned(Set<Integer> partitions, int count) {

        /** This instance's partitions, or null while the assignment is incomplete (rebalancing). */
        static Owned of(final KafkaStreams streams) {
            final Set<Integer> mine = new HashSet<>();
            streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task ->
                    task.topicPartitions().stream().filter(p -> Names.TOPIC_INTERACTIONS.equals(p.topic()))
                            .forEach(p -> mine.add(p.partition()))));
            final Set<Integer> all = new HashSet<>();
            for (final StreamsMetadata client : streams.metadataForAllStreamsClients()) {
                for (final TopicPartition partition : client.topicPartitions()) {
                    if (Names.TOPIC_INTERACTIONS.equals(partition.topic())) {
                        all.add(partition.partition());
                    }
                }
            }
            if (all.isEmpty() || all.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1 != all.size()) {
                return null;
            }
            return new Owned(Set.copyOf(mine), all.size());
        }

        boolean owns(final long userId) {
            return partitions.contains(partitionOf(userId, count));
        }

        /** The rows of the users this instance owns, the most recently active first, at most {@code max}. */
        List<Integer> rowsOf(final UserKnnIndex index, final int max) {
            final List<Integer> rows = new ArrayList<>();
            for (int row = 0; row < index.users(); row++) {
                if (owns(index.user(row))) {
                    rows.add(row);
                }
            }
            rows.sort(Comparator.comparingLong(index::lastEventTime).reversed()
                    .thenComparingLong(index::user));
            return rows.size() <= max ? rows : rows.subList(0, max);
        }

        static int partitionOf(final long userId, final int count) {
            return Utils.toPositive(Utils.murmur2(Long.toString(userId).getBytes(StandardCharsets.UTF_8))) % count;
        }
    }
}
