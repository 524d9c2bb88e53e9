package dev.shopreco.common.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Settings by name, read with types: a process's environment (read once, in its {@code main}) or,
 * in the API, its configuration. A missing or blank value is "not set"; every error names the
 * setting and what it must be.
 */
public final class Variables {

    private final Function<String, String> lookup;
    private final Map<String, String> families;

    /**
     * @param lookup   the value of a setting by name, null when not set
     * @param families where the families of {@link #family} are read (every name they may have)
     */
    public Variables(final Function<String, String> lookup, final Map<String, String> families) {
        this.lookup = lookup;
        this.families = families;
    }

    /** The settings of {@code values}. */
    public static Variables of(final Map<String, String> values) {
        return new Variables(values::get, values);
    }

    /** This process's environment: call it once, in {@code main}, and pass the result down. */
    public static Variables ofEnvironment() {
        return of(System.getenv());
    }

    /** These settings, where one that is not set takes the default its {@link Setting} gives. */
    public Variables withDefaults(final List<Setting> settings) {
        final Map<String, String> defaults = new HashMap<>();
        settings.forEach(setting -> defaults.put(setting.name(), setting.fallback()));
        return new Variables(name -> {
            final String value = lookup.apply(name);
            return value == null || value.isBlank() ? defaults.get(name) : value;
        }, families);
    }

    /** The trimmed value, or null when not set. */
    public String text(final String name) {
        final String value = lookup.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The trimmed value, or {@code fallback} when not set. */
    public String text(final String name, final String fallback) {
        final String value = text(name);
        return value == null ? fallback : value;
    }

    /** An integer that must be set (give it a default with {@link #withDefaults}). */
    public long number(final String name) {
        return parsed(name, "an integer", Long::parseLong);
    }

    /** An {@code int} that must be set. */
    public int integer(final String name) {
        final long value = number(name);
        if (value != (int) value) {
            throw new IllegalArgumentException(name + " is out of range: " + value);
        }
        return (int) value;
    }

    /** A number that must be set. */
    public double decimal(final String name) {
        return parsed(name, "a number", Double::parseDouble);
    }

    /** The value of {@code name}, which must be set, through {@code parser}; an error names the variable. */
    private <T> T parsed(final String name, final String what, final Function<String, T> parser) {
        final String value = required(name);
        try {
            return parser.apply(value);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be " + what + ", got '" + value + "'", e);
        }
    }

    /** {@code true} or {@code false} (any case), which must be set. */
    public boolean flag(final String name) {
        final String value = required(name);
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
        };
    }

    /** A duration in the one syntax of {@link Durations}, or null when not set. */
    public Duration duration(final String name) {
        final String value = text(name);
        try {
            return value == null ? null : Durations.parse(value);
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** A duration that must be set. */
    public Duration requiredDuration(final String name) {
        required(name);
        return duration(name);
    }

    /**
     * The family of settings named {@code prefix + REST}, keyed by {@code REST} lower-cased with
     * dots for underscores ({@code STREAMS_KAFKA_PRODUCER_LINGER_MS} -> {@code producer.linger.ms}).
     */
    public Map<String, String> family(final String prefix) {
        final Map<String, String> family = new TreeMap<>();
        named(prefix).forEach((name, value) -> family.put(
                name.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value));
        return family;
    }

    /** The settings whose names start with {@code prefix} (and go on after it), by their full names. */
    public Map<String, String> named(final String prefix) {
        final Map<String, String> named = new TreeMap<>();
        families.forEach((name, value) -> {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                named.put(name, value);
            }
        });
        return named;
    }

    private String required(final String name) {
        final String value = text(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " must be set");
        }
        return value;
    }
}
