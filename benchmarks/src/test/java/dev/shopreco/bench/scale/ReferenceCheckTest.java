package dev.shopreco.bench.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopreco.streams.state.UserInteraction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the scale command's reference check reads a served profile against the batch reference. */
class ReferenceCheckTest {

    private static final List<UserInteraction> WANT = List.of(
            new UserInteraction(1001, 3.0, false, 0, 10), new UserInteraction(1002, 1.0, true, 5, 5));

    private static JsonNode served(final String interactions) throws Exception {
        return new ObjectMapper().readTree(interactions);
    }

    private static String pair(final long product, final double sum, final boolean purchased) {
        final double strength = Math.log(1 + sum) / Math.log(2);
        return "{\"product_id\":" + product + ",\"strength\":" + strength + ",\"strength_sum\":" + sum
                + ",\"purchased\":" + purchased + "}";
    }

    @Test
    void shouldFindTheServedProfileEqualWithinTheToleranceAndTellWhatDiffers() throws Exception {
        assertEquals(2.0, WANT.get(0).strength(), 1e-12, "s(u,p) = log2(1 + sum), as the served JSON above");
        assertNull(ReferenceCheck.userDifference(7, WANT,
                served("[" + pair(1001, 3.0, false) + "," + pair(1002, 1.0, true) + "]")));
        assertNull(ReferenceCheck.userDifference(7, WANT,
                served("[" + pair(1001, 3.0 * (1 + 1e-12), false) + "," + pair(1002, 1.0, true) + "]")),
                "another summation order: within 1e-9");

        final String purchased = ReferenceCheck.userDifference(7, WANT,
                served("[" + pair(1001, 3.0, true) + "," + pair(1002, 1.0, true) + "]"));
        assertTrue(purchased.startsWith("user 7 at 0"), purchased);
        final String missing = ReferenceCheck.userDifference(7, WANT, served("[" + pair(1001, 3.0, false) + "]"));
        assertTrue(missing.contains("1 products served, the reference 2"), missing);
        assertTrue(ReferenceCheck.userDifference(7, WANT, null).contains("no products served"));
        assertFalse(ReferenceCheck.close(1.0, 1.0 + 1e-6));
    }
}
