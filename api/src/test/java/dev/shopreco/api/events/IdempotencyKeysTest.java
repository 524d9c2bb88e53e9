package dev.shopreco.api.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {

    private final IdempotencyKeys keys = new IdempotencyKeys(new EventSettings(10, Duration.ofHours(1), 100,
            Duration.ofSeconds(1)));
    private final AtomicInteger writes = new AtomicInteger();

    private CompletableFuture<Integer> write() {
        writes.incrementAndGet();
        return CompletableFuture.completedFuture(2);
    }

    @Test
    void shouldWriteOncePerKeyAndBody() {
        final IdempotencyKeys.Outcome first = keys.write("k", "[1]", this::write);
        final IdempotencyKeys.Outcome retry = keys.write("k", "[1]", this::write);
        assertFalse(first.replayed());
        assertTrue(retry.replayed());
        assertEquals(2, retry.accepted().join());
        assertEquals(1, writes.get());
        keys.write(null, "[1]", this::write);
        keys.write(null, "[1]", this::write);
        assertEquals(3, writes.get(), "no key: every request writes");
        assertThrows(IdempotencyKeys.KeyReusedException.class, () -> keys.write("k", "[2]", this::write));
    }

    @Test
    void shouldForgetAKeyWhoseWriteFailed() {
        final IdempotencyKeys.Outcome failed = keys.write("f", "[1]",
                () -> CompletableFuture.failedFuture(new IllegalStateException("broker away")));
        assertTrue(failed.accepted().isCompletedExceptionally());
        final IdempotencyKeys.Outcome retry = keys.write("f", "[1]", this::write);
        assertFalse(retry.replayed(), "the retry writes");
        assertEquals(1, writes.get());
    }
}
