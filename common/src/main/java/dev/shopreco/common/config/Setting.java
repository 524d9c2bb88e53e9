package dev.shopreco.common.config;

import java.util.List;

/**
 * One setting a process reads: its name (an environment variable), its default as text (blank:
 * none) and what it means. A settings record lists its settings once, reads them with these
 * defaults ({@link Variables#withDefaults}) and prints them for {@code --help} ({@link #table}).
 *
 * @param name     the variable
 * @param fallback the default, in the syntax the setting takes; blank when there is none
 * @param meaning  one line for a person
 */
public record Setting(String name, String fallback, String meaning) {

    /** The settings as a plain-text table: name, default, meaning. */
    public static String table(final List<Setting> settings) {
        int nameWidth = "variable".length();
        int defaultWidth = "default".length();
        for (final Setting setting : settings) {
            nameWidth = Math.max(nameWidth, setting.name().length());
            defaultWidth = Math.max(defaultWidth, setting.shownDefault().length());
        }
        final String row = "%-" + nameWidth + "s  %-" + defaultWidth + "s  %s%n";
        final StringBuilder out = new StringBuilder(String.format(row, "variable", "default", "meaning"));
        for (final Setting setting : settings) {
            out.append(String.format(row, setting.name(), setting.shownDefault(), setting.meaning()));
        }
        return out.toString();
    }

    private String shownDefault() {
        return fallback.isBlank() ? "(none)" : fallback;
    }
}
