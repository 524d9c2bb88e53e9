package dev.shopreco.api.reco;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids of answers: UUIDs in the version-4 layout, unique by construction instead of by chance.
 * {@code UUID.randomUUID()} would read the shared {@code SecureRandom} under a lock on every request;
 * here the high half is drawn from it once per
 * instance start (60 random bits) and the low half is a per-instance counter passed through a
 * bijection of 62 bits, so two answers of one instance never share an id, and two instances share
 * one only if their starts drew the same 60 bits. The ids still look random to a reader.
 */
final class AnswerIds {

    private static final long MASK_62 = (1L << 62) - 1;

    private final long high;
    private final AtomicLong counter;

    AnswerIds() {
        this(new SecureRandom());
    }

    AnswerIds(final SecureRandom random) {
        // version 4 in bits 12-15 of the high half
        this.high = random.nextLong() & ~0xF000L | 0x4000L;
        this.counter = new AtomicLong(random.nextLong() & MASK_62);
    }

    /** A new id. */
    UUID next() {
        // IETF variant (binary 10) in the two top bits of the low half
        return new UUID(high, mix(counter.getAndIncrement() & MASK_62) | Long.MIN_VALUE);
    }

    /** A bijection of [0, 2^62): xor-shifts and multiplications by odd constants, each invertible mod 2^62. */
    static long mix(final long value) {
        long z = value;
        z = (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L & MASK_62;
        z = (z ^ (z >>> 29)) * 0x94D049BB133111EBL & MASK_62;
        return z ^ (z >>> 32);
    }
}
