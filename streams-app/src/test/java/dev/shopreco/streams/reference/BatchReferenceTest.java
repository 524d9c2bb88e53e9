package dev.shopreco.streams.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.RejectReason;
import dev.shopreco.common.model.Rejected;
import dev.shopreco.streams.clean.Weights;
import dev.shopreco.streams.collaborative.GramSettings;
import dev.shopreco.streams.state.Strength;
import dev.shopreco.streams.state.UserInteraction;
import dev.shopreco.streams.support.Lines;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch reference read from a data folder, as the evaluator reads the seed's files. */
class BatchReferenceTest {

    @Test
    void shouldReadAFolderInTheOrderTheProducerSendsIt(@TempDir final Path dir) throws IOException {
        Files.writeString(dir.resolve("products.jsonl"), Lines.product(1001, "Gry i konsole;Gry komputerowe") + "\n"
                + Lines.product(1002, "Komputery;Monitory") + "\n" + "{\"product_id\": \"x\"}\n");
        Files.writeString(dir.resolve("users.jsonl"), "{\"user_id\": 101}\n");
        final String lines = String.join("\n",
                Lines.event(1, "2021-01-04T10:00:05", 101L, 1002L, "BUY_PRODUCT"),
                "not json",
                Lines.event(1, "2021-01-04T10:00:01", null, 1001L, "VIEW_PRODUCT"),
                Lines.event(2, "2021-01-04T10:00:02", 102L, null, "VIEW_PRODUCT"),
                "") + "\n";
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("sessions.jsonl.gz")))) {
            out.write(lines.getBytes(StandardCharsets.UTF_8));
        }

        final ReferenceResult result = BatchReference.fromFolder(dir, ReferenceOptions.defaults());

        assertEquals(List.of(1001L, 1002L), result.interactions().stream().map(Interaction::productId).toList(),
                "sorted by event time, the first event's user recovered from the later one");
        assertEquals(List.of(101L, 101L), result.interactions().stream().map(Interaction::userId).toList());
        assertEquals(1, result.recoveredEvents());
        assertEquals(List.of(RejectReason.MALFORMED_JSON), result.invalidLines().stream().map(Rejected::reason)
                .toList());
        assertEquals(2L, result.invalidLines().get(0).line(), "file line of the refused record");
        assertEquals("producer", result.invalidLines().get(0).stage());
        assertEquals(List.of(RejectReason.MISSING_PRODUCT_ID), result.rejected().stream().map(Rejected::reason)
                .toList());
        assertEquals(2, result.catalog().size(), "the invalid product line is skipped");
        assertEquals(Strength.smoothed(2.0), result.state().popularity(1002L));
        assertEquals(List.of(1001L, 1002L), result.state().interactions(101L).stream().map(UserInteraction::productId)
                .toList());
    }

    @Test
    void shouldKeepOrCloseSessionsStillOpenAtTheEnd() {
        final List<String> products = List.of(Lines.product(1001, "Gry i konsole"));
        final List<String> records = List.of(Lines.event(1, "2021-01-04T10:00:00", null, 1001L, "VIEW_PRODUCT"));

        final ReferenceResult open = BatchReference.fromRecords(products, records,
                new ReferenceOptions(Duration.ofMinutes(30), Weights.DEFAULT, 10, GramSettings.DEFAULT, false));
        final ReferenceResult closed = BatchReference.fromRecords(products, records, ReferenceOptions.defaults());

        assertEquals(1, open.pendingAtEnd().size());
        assertEquals(0, open.rejected().size());
        assertEquals(0, closed.pendingAtEnd().size());
        assertEquals(List.of(RejectReason.UNRESOLVED_USER), closed.rejected().stream().map(Rejected::reason).toList());
    }
}
