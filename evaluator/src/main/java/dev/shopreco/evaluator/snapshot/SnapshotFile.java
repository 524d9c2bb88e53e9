package dev.shopreco.evaluator.snapshot;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopreco.common.io.DataFolder;
import dev.shopreco.common.json.Json;
import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.Product;
import dev.shopreco.common.validation.CatalogParser;
import dev.shopreco.common.validation.Parsed;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A snapshot saved to a file, so that an evaluation can be repeated exactly. JSON Lines, gzip when
 * the name ends in {@code .gz}: a header ({@code format}, {@code version}, the origin, the counts),
 * then one product per line (ascending id), then one interaction per line (canonical order), each
 * written as the topics carry them. Nothing in it depends on when it was written, so equal
 * snapshots give byte-equal files and the SHA-256 in the results identifies the content.
 */
public final class SnapshotFile {

    static final String FORMAT = "shop-reco-snapshot";
    static final int VERSION = 1;

    private SnapshotFile() {
    }

    /** Writes {@code snapshot} to {@code file} (parent folders are created). */
    public static void write(final Snapshot snapshot, final Path file) {
        final ObjectMapper mapper = Json.mapper();
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (OutputStream raw = Files.newOutputStream(file);
                 OutputStream out = file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
                 BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
                final ObjectNode header = mapper.createObjectNode();
                header.put("format", FORMAT);
                header.put("version", VERSION);
                header.set("origin", mapper.valueToTree(snapshot.origin().asMap()));
                header.put("products", snapshot.catalog().size());
                header.put("interactions", snapshot.interactions().size());
                writeLine(writer, mapper.writeValueAsString(header));
                for (final Product product : snapshot.catalog().values()) {
                    writeLine(writer, mapper.writeValueAsString(product));
                }
                for (final Interaction interaction : snapshot.interactions()) {
                    writeLine(writer, mapper.writeValueAsString(interaction));
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot write the snapshot " + file, e);
        }
    }

    /** Reads a file written by {@link #write}; the origin records the file, its SHA-256 and the saved origin. */
    public static Snapshot read(final Path file) {
        final ObjectMapper mapper = Json.mapper();
        try (BufferedReader reader = DataFolder.open(file)) {
            final JsonNode header = mapper.readTree(reader.readLine());
            if (header == null || !FORMAT.equals(header.path("format").asText())
                    || header.path("version").asInt() != VERSION) {
                throw new IllegalArgumentException(file + " is not a snapshot file (" + FORMAT + " version " + VERSION + ")");
            }
            final long productCount = header.path("products").asLong();
            final long interactionCount = header.path("interactions").asLong();
            final List<Product> products = new ArrayList<>();
            for (long i = 0; i < productCount; i++) {
                if (!(CatalogParser.product(next(reader, file)) instanceof Parsed.Valid<Product> valid)) {
                    throw new IllegalArgumentException(file + ": product line " + (i + 2) + " is not a product");
                }
                products.add(valid.value());
            }
            final List<Interaction> interactions = new ArrayList<>((int) Math.min(interactionCount, 1 << 24));
            for (long i = 0; i < interactionCount; i++) {
                interactions.add(mapper.readValue(next(reader, file), Interaction.class));
            }
            final Map<String, Object> details = new LinkedHashMap<>();
            details.put("path", file.toAbsolutePath().normalize().toString());
            details.put("sha256", sha256(file));
            details.put("interactions", interactions.size());
            details.put("products", products.size());
            details.put("saved_from", mapper.convertValue(header.path("origin"), new TypeReference<Map<String, Object>>() { }));
            return Snapshot.of(interactions, products, new SnapshotOrigin(SnapshotOrigin.FILE, details));
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read the snapshot " + file, e);
        }
    }

    /** The SHA-256 of the file's bytes, as lower-case hex. */
    public static String sha256(final Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static String next(final BufferedReader reader, final Path file) throws IOException {
        final String line = reader.readLine();
        if (line == null) {
            throw new IllegalArgumentException(file + " ends before the counts its header announces");
        }
        return line;
    }

    private static void writeLine(final BufferedWriter writer, final String line) throws IOException {
        writer.write(line);
        writer.write('\n');
    }
}
