package dev.shopreco.producer.simulate;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What the simulated clients were served and did. */
public final class SimulationSummary {

    /** One variant's side. */
    public static final class Arm {
        long lists;
        long relevantShown;
        long clicks;
        long purchases;
        long listsClicked;
        long listsBought;

        public long lists() {
            return lists;
        }

        public long clicks() {
            return clicks;
        }

        public long purchases() {
            return purchases;
        }

        public long listsClicked() {
            return listsClicked;
        }

        public long listsBought() {
            return listsBought;
        }
    }

    final TreeMap<String, Arm> arms = new TreeMap<>();
    final Map<String, Long> errors = new TreeMap<>();
    long unanswered;
    long staleLists;
    long waitedNanos;

    Arm arm(final String variant) {
        return arms.computeIfAbsent(variant, v -> new Arm());
    }

    /** Lists received, all variants. */
    public long lists() {
        return arms.values().stream().mapToLong(a -> a.lists).sum();
    }

    /** Per variant. */
    public Map<String, Arm> arms() {
        return Map.copyOf(arms);
    }

    /** Sessions whose list could not be fetched. */
    public long unanswered() {
        return unanswered;
    }

    /** A table, one variant a line. */
    public String report() {
        final StringBuilder out = new StringBuilder("Simulated clients\n");
        out.append(String.format(Locale.ROOT, "  %-16s %9s %12s %9s %9s %13s %12s%n", "variant", "lists",
                "relevant/list", "clicks", "purchases", "lists clicked", "lists bought"));
        arms.forEach((variant, a) -> out.append(String.format(Locale.ROOT, "  %-16s %,9d %12.3f %,9d %,9d %,13d %,12d%n",
                variant, a.lists, a.lists == 0 ? 0.0 : (double) a.relevantShown / a.lists, a.clicks, a.purchases,
                a.listsClicked, a.listsBought)));
        out.append(String.format(Locale.ROOT, "  waited %.1f s in all for the API's state to catch up with the replay%s%n",
                waitedNanos / 1e9, staleLists > 0 ? String.format(Locale.ROOT,
                        "; %,d lists asked for before it had (stale)", staleLists) : ""));
        if (unanswered > 0) {
            out.append(String.format(Locale.ROOT, "  sessions without a list: %,d %s%n", unanswered, errors));
        }
        return out.toString();
    }
}
