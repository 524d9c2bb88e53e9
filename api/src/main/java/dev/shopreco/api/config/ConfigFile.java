package dev.shopreco.api.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings {@code application.yml} lists: every key whose value is a placeholder
 * {@code ${VARIABLE:default}}, with the comment above it. It is what {@code api.jar --help} prints,
 * and how the settings records that read settings by variable name (the topology's) find the key
 * that holds each. Reads the subset of YAML the file uses: nested maps, one key a line, comments.
 */
public final class ConfigFile {

    private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_.-]+):(?: (.*))?$");
    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*):([^}]*)}$");

    private final List<Row> rows;
    private final List<String> notes;

    /**
     * One setting.
     *
     * @param key      its key in the file (dotted path)
     * @param variable the environment variable that overrides it
     * @param fallback its default (blank: none)
     * @param meaning  the comment above it
     */
    public record Row(String key, String variable, String fallback, String meaning) {
    }

    private ConfigFile(final List<Row> rows, final List<String> notes) {
        this.rows = List.copyOf(rows);
        this.notes = List.copyOf(notes);
    }

    /** The {@code application.yml} on the class path. */
    public static ConfigFile load() {
        try (InputStream in = ConfigFile.class.getResourceAsStream("/application.yml")) {
            if (in == null) {
                throw new IllegalStateException("application.yml is not on the class path");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ConfigFile parse(final List<String> lines) {
        final List<Row> rows = new ArrayList<>();
        final List<String> path = new ArrayList<>();
        final List<Integer> indents = new ArrayList<>();
        final List<String> comment = new ArrayList<>();
        final List<String> trailing = new ArrayList<>();
        for (final String line : lines) {
            final String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                final String text = trimmed.substring(1);
                comment.add(text.startsWith(" ") ? text.substring(1) : text);
                continue;
            }
            if (trimmed.isEmpty()) {
                trailing.clear();
                trailing.addAll(comment);
                comment.clear();
                continue;
            }
            final Matcher key = KEY.matcher(line);
            if (!key.matches()) {
                comment.clear();
                continue;
            }
            final int indent = key.group(1).length();
            while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
                indents.remove(indents.size() - 1);
                path.remove(path.size() - 1);
            }
            indents.add(indent);
            path.add(key.group(2));
            final Matcher placeholder = key.group(3) == null ? null : PLACEHOLDER.matcher(key.group(3).strip());
            if (placeholder != null && placeholder.matches()) {
                rows.add(new Row(String.join(".", path), placeholder.group(1), placeholder.group(2),
                        String.join(" ", comment.stream().map(String::strip).toList())));
            }
            comment.clear();
            trailing.clear();
        }
        trailing.addAll(comment);
        return new ConfigFile(rows, trailing);
    }

    /** Every setting, in file order. */
    public List<Row> rows() {
        return rows;
    }

    /** The key overridden by {@code variable}, or null if no key is. */
    public String keyOf(final String variable) {
        final Map<String, String> keys = new LinkedHashMap<>();
        rows.forEach(row -> keys.putIfAbsent(row.variable(), row.key()));
        return keys.get(variable);
    }

    /** The comment at the end of the file: the settings read from the environment only. */
    public List<String> notes() {
        return notes;
    }

    /** The settings as a plain-text table: variable, default, key, meaning; then the notes. */
    public String table() {
        int variableWidth = "variable".length();
        int defaultWidth = "default".length();
        int keyWidth = "application.yml key".length();
        for (final Row row : rows) {
            variableWidth = Math.max(variableWidth, row.variable().length());
            defaultWidth = Math.max(defaultWidth, shown(row).length());
            keyWidth = Math.max(keyWidth, row.key().length());
        }
        final String format = "%-" + variableWidth + "s  %-" + defaultWidth + "s  %-" + keyWidth + "s  %s%n";
        final StringBuilder out = new StringBuilder(String.format(format, "variable", "default",
                "application.yml key", "meaning"));
        rows.forEach(row -> out.append(String.format(format, row.variable(), shown(row), row.key(), row.meaning())));
        if (!notes.isEmpty()) {
            out.append(System.lineSeparator());
            notes.forEach(note -> out.append(note).append(System.lineSeparator()));
        }
        return out.toString();
    }

    private static String shown(final Row row) {
        return row.fallback().isBlank() ? "(none)" : row.fallback();
    }
}
