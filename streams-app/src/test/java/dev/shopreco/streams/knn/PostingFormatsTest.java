package dev.shopreco.streams.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

/** The binary formats of the user-kNN postings: round trips, refused bytes, and the key orders stores rely on. */
class PostingFormatsTest {

    @Test
    void shouldRoundTripEveryFormat() {
        final Posting posting = new Posting(3.5, 1_609_459_200_000L);
        assertEquals(posting, Posting.fromBytes(Posting.toBytes(posting)));
        final StoredPosting stored = new StoredPosting(2.0, -5L, true);
        assertEquals(stored, StoredPosting.fromBytes(StoredPosting.toBytes(stored)));
        final PostingKey key = new PostingKey(1001, 101);
        assertEquals(key, PostingKey.fromBytes(PostingKey.toBytes(key)));
        final RecencyKey recency = new RecencyKey(1001, true, -1_000L, 7);
        assertEquals(recency, RecencyKey.fromBytes(RecencyKey.toBytes(recency)));
        final PostingChanges changes = new PostingChanges(new long[] {101, 102}, new double[] {4.0, Double.NaN},
                new long[] {10, 0});
        final PostingChanges back = PostingChanges.fromBytes(PostingChanges.toBytes(changes));
        assertEquals(changes, back);
        assertEquals(2, back.size());
        assertEquals(new Posting(4.0, 10), back.posting(0));
        assertFalse(back.removed(0));
        assertTrue(back.removed(1), "NaN marks a removal");
    }

    @Test
    void shouldRefuseBytesOfAnotherShapeWithASerializationException() {
        assertThrows(SerializationException.class, () -> Posting.fromBytes(new byte[16]));
        assertThrows(SerializationException.class, () -> Posting.fromBytes(new byte[17]), "version 0");
        assertThrows(SerializationException.class, () -> StoredPosting.fromBytes(new byte[3]));
        assertThrows(SerializationException.class, () -> PostingKey.fromBytes(new byte[15]));
        assertThrows(SerializationException.class, () -> RecencyKey.fromBytes(new byte[24]));
        final byte[] changes = PostingChanges.toBytes(new PostingChanges(new long[] {1}, new double[] {1},
                new long[] {1}));
        assertThrows(SerializationException.class, () -> PostingChanges.fromBytes(Arrays.copyOf(changes,
                changes.length - 1)), "an entry cut short");
        assertThrows(SerializationException.class, () -> PostingChanges.fromBytes(new byte[0]));
    }

    @Test
    void shouldOrderRecencyKeysByProductPublishedTimeAndUserInByteOrder() {
        final List<RecencyKey> keys = new ArrayList<>();
        for (final long product : new long[] {1, 2}) {
            for (final boolean published : new boolean[] {false, true}) {
                for (final long time : new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE}) {
                    for (final long user : new long[] {1, 5}) {
                        keys.add(new RecencyKey(product, published, time, user));
                    }
                }
            }
        }
        final List<RecencyKey> byBytes = new ArrayList<>(keys);
        byBytes.sort(Comparator.comparing(k -> Bytes.wrap(RecencyKey.toBytes(k))));
        assertEquals(keys, byBytes, "the stores' range scans run oldest to newest within (product, published)");
        final RecencyKey anyPublished = new RecencyKey(1, true, 0, 1);
        assertTrue(Bytes.wrap(RecencyKey.toBytes(RecencyKey.first(1, true))).compareTo(
                Bytes.wrap(RecencyKey.toBytes(anyPublished))) < 0);
        assertTrue(Bytes.wrap(RecencyKey.toBytes(RecencyKey.last(1, true))).compareTo(
                Bytes.wrap(RecencyKey.toBytes(anyPublished))) > 0);
        assertArrayEquals(PostingKey.toBytes(new PostingKey(1, 2)),
                new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2}, "product first, then user, big-endian");
    }
}
