package dev.shopreco.reliability.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The bad-input corpus ({@code src/test/resources/bad-input/corpus.tsv}; its README explains the columns). */
public final class BadInputCorpus {

    /** Outcome of a record that is valid and counted as docs/design.md §1 says. */
    public static final String KEPT = "KEPT";

    /**
     * One bad record, its placeholders filled.
     *
     * @param file     sessions, products or users
     * @param kind     what is wrong with it
     * @param expected a RejectReason name, or {@link #KEPT}
     * @param bytes    the record as bytes (it may hold bytes that are not UTF-8)
     */
    public record Fixture(String file, String kind, String expected, byte[] bytes) {

        /** The text a UTF-8 reader sees (undecodable bytes become U+FFFD), as the producer and topology do. */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public boolean kept() {
            return KEPT.equals(expected);
        }
    }

    /**
     * The values placeholders stand for.
     *
     * @param time      {@code {{T}}}
     * @param user      {@code {{U}}}
     * @param product   {@code {{P}}}
     * @param duplicate {@code {{DUP}}}
     * @param sessions  source of {@code {{S}}}
     */
    public record Values(String time, long user, long product, String duplicate, AtomicLong sessions) {
    }

    private BadInputCorpus() {
    }

    /** Every fixture of the corpus, filled with {@code values}. */
    public static List<Fixture> load(final Values values) {
        final List<Fixture> fixtures = new ArrayList<>();
        for (final String line : read().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            final String[] columns = line.split("\t", 4);
            if (columns.length != 4) {
                throw new IllegalStateException("corpus line without 4 tab-separated columns: " + line);
            }
            fixtures.add(new Fixture(columns[0], columns[1], columns[2], fill(columns[3], values)));
        }
        return fixtures;
    }

    private static byte[] fill(final String template, final Values values) {
        String text = template.replace("{{T}}", values.time()).replace("{{U}}", Long.toString(values.user()))
                .replace("{{P}}", Long.toString(values.product())).replace("{{DUP}}", values.duplicate())
                .replace("{{PAD70K}}", "x".repeat(70_000)).replace("{{CTRL}}", "\u0001");
        while (text.contains("{{S}}")) {
            text = text.replaceFirst("\\{\\{S}}", Long.toString(values.sessions().incrementAndGet()));
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final String[] parts = text.split("\\{\\{BADUTF8}}", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.write(0xC3);
                out.write(0x28);
            }
            out.writeBytes(parts[i].getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String read() {
        try (InputStream in = BadInputCorpus.class.getResourceAsStream("/bad-input/corpus.tsv")) {
            if (in == null) {
                throw new IllegalStateException("bad-input/corpus.tsv is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
