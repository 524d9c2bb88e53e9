package dev.shopreco.evaluator.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class NegativeSamplerTest {

    private static final List<Long> POOL = LongStream.rangeClosed(1001, 1300).boxed().toList();

    @Test
    void shouldDrawDistinctProductsFromThePool() {
        final List<Long> sample = NegativeSampler.sample(POOL, 100, 1, 1042);

        assertEquals(100, sample.size());
        assertEquals(100, new HashSet<>(sample).size());
        assertTrue(POOL.containsAll(sample));
    }

    @Test
    void shouldTakeTheWholePoolWhenItIsSmallerThanAsked() {
        assertEquals(new HashSet<>(List.of(1L, 2L, 3L)),
                new HashSet<>(NegativeSampler.sample(List.of(1L, 2L, 3L), 100, 1, 7)));
    }

    @Test
    void shouldDependOnlyOnTheSeedAndTheTestProduct() {
        assertEquals(NegativeSampler.sample(POOL, 100, 1, 1042), NegativeSampler.sample(POOL, 100, 1, 1042));
        assertNotEquals(NegativeSampler.sample(POOL, 100, 1, 1042), NegativeSampler.sample(POOL, 100, 1, 1043));
        assertNotEquals(NegativeSampler.sample(POOL, 100, 1, 1042), NegativeSampler.sample(POOL, 100, 2, 1042));
    }
}
