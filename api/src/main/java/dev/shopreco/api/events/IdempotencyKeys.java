package dev.shopreco.api.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The {@code Idempotency-Key}s of {@code POST /events} this instance has written, each with a digest
 * of its body and the number of events accepted, remembered for {@code EVENTS_IDEMPOTENCY_TTL} from
 * the request that wrote them (at most {@code EVENTS_IDEMPOTENCY_MAX_KEYS} keys). A retry with a known key and the same
 * body gets the first answer without writing again; while the first request is still writing, the
 * retry waits for its outcome. A write that fails forgets its key, so that a retry writes. Keys live
 * in this instance's memory: a retry that reaches another instance, or comes after a restart, is
 * written again.
 */
public class IdempotencyKeys {

    /** The first request's outcome for a key. */
    private record Entry(byte[] digest, CompletableFuture<Integer> accepted) {
    }

    /**
     * What to answer a request.
     *
     * @param accepted completes with the number of events accepted
     * @param replayed whether an earlier request with the key wrote them
     */
    public record Outcome(CompletableFuture<Integer> accepted, boolean replayed) {
    }

    private final Cache<String, Entry> keys;

    public IdempotencyKeys(final EventSettings settings) {
        this.keys = Caffeine.newBuilder().expireAfterWrite(settings.idempotencyTtl())
                .maximumSize(settings.maxKeys()).build();
    }

    /**
     * {@code write} for a request with {@code key} (null: none) and {@code body}; run at most once per
     * key and body while the key is remembered.
     *
     * @throws KeyReusedException if the key was used with another body
     */
    public Outcome write(final String key, final String body, final Supplier<CompletableFuture<Integer>> write) {
        if (key == null) {
            return new Outcome(write.get(), false);
        }
        final byte[] digest = digest(body);
        final CompletableFuture<Integer> mine = new CompletableFuture<>();
        final Entry entry = keys.asMap().putIfAbsent(key, new Entry(digest, mine));
        if (entry != null) {
            if (!Arrays.equals(entry.digest(), digest)) {
                throw new KeyReusedException("Idempotency-Key '" + key + "' was used with another body");
            }
            return new Outcome(entry.accepted(), true);
        }
        final CompletableFuture<Integer> written;
        try {
            written = write.get();
        } catch (final RuntimeException e) {
            keys.asMap().remove(key);
            mine.completeExceptionally(e);
            throw e;
        }
        written.whenComplete((n, error) -> {
            if (error != null) {
                keys.asMap().remove(key);
                mine.completeExceptionally(error);
            } else {
                mine.complete(n);
            }
        });
        return new Outcome(mine, false);
    }

    private static byte[] digest(final String body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** A key sent again with a different body: a 422. */
    public static final class KeyReusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public KeyReusedException(final String message) {
            super(message);
        }
    }
}
