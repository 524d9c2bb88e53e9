package dev.shopreco.api.experiment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Assigns users to weighted variants by a salted hash of the user id: deterministic (no state, the
 * same answer on every instance and after every restart) and sticky (same salt, same variant).
 *
 * <p>The scheme is weighted rendezvous hashing (highest random weight, as an exponential race):
 * for every variant {@code v} the user draws {@code u(salt, v, user)} uniform in (0,1) from the hash,
 * and lands in the variant with the smallest {@code -ln(u) / weight(v)}. Each variant then wins with
 * probability {@code weight / sum of weights}, and a configuration change moves as few users as
 * it can:
 * <ul>
 *   <li>raising one variant's weight only moves users <em>into</em> it (their race time for it
 *       shrinks, everyone else's stays), and lowering it only moves users <em>out of</em> it, so
 *       exactly the share that changed moves (50/50 to 40/60 moves 10 % of users, all from the
 *       first arm to the second);</li>
 *   <li>adding a variant only takes users into the new one; removing one (or setting its weight to
 *       0) only moves its own users;</li>
 *   <li>the order of the list does not matter.</li>
 * </ul>
 * Contiguous ranges over [0,1) would do as well for two arms but move users between untouched arms
 * when a middle arm changes; {@code hash mod n} reshuffles nearly everyone.
 *
 * <p>The hash is fixed (FNV-1a of salt and variant name, mixed with the user id by SplitMix64's
 * finaliser), not {@code String.hashCode} or anything that could change with the JVM; a new salt
 * gives an independent assignment (a new experiment).
 */
public final class HashRule implements RoutingRule {

    public static final String NAME = "hash";

    private final List<WeightedVariant> variants;
    private final long[] seeds;

    public HashRule(final String salt, final List<WeightedVariant> variants) {
        if (variants.stream().noneMatch(v -> v.weight() > 0)) {
            throw new IllegalArgumentException("The hash rule needs at least one variant with a positive weight");
        }
        this.variants = List.copyOf(variants);
        this.seeds = new long[variants.size()];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = mix(fnv1a(salt + '\u0000' + variants.get(i).variant().name()));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Variant variantOf(final long userId) {
        Variant best = null;
        double bestTime = Double.POSITIVE_INFINITY;
        for (int i = 0; i < seeds.length; i++) {
            final double weight = variants.get(i).weight();
            if (weight <= 0) {
                continue;
            }
            final double time = -Math.log(uniform(seeds[i], userId)) / weight;
            if (best == null || time < bestTime) {
                best = variants.get(i).variant();
                bestTime = time;
            }
        }
        return best;
    }

    /**
     * One variant's draw for a user: the user lands in the variant with the smallest {@code time}.
     *
     * @param variant the variant
     * @param weight  its configured weight
     * @param uniform the user's draw in (0,1) for this variant
     * @param time    {@code -ln(uniform) / weight}; infinite for weight 0
     */
    public record Draw(Variant variant, double weight, double uniform, double time) {
    }

    /** Every variant's draw for {@code userId}, in configured order: why {@link #variantOf} chose its variant. */
    public List<Draw> draws(final long userId) {
        final List<Draw> draws = new ArrayList<>(seeds.length);
        for (int i = 0; i < seeds.length; i++) {
            final double weight = variants.get(i).weight();
            final double u = uniform(seeds[i], userId);
            draws.add(new Draw(variants.get(i).variant(), weight, u,
                    weight <= 0 ? Double.POSITIVE_INFINITY : -Math.log(u) / weight));
        }
        return draws;
    }

    /** The variants with their weights, as configured. */
    public List<WeightedVariant> weightedVariants() {
        return variants;
    }

    @Override
    public List<Variant> variants() {
        return variants.stream().map(WeightedVariant::variant).toList();
    }

    /** A draw in the open interval (0,1), a pure function of the variant's seed and the user id. */
    static double uniform(final long seed, final long userId) {
        final long bits = mix(seed ^ mix(userId));
        return ((bits >>> 11) + 0.5) * 0x1.0p-53;
    }

    /** SplitMix64's finaliser: a bijection on 64 bits with good avalanche. */
    static long mix(final long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** 64-bit FNV-1a over the UTF-8 bytes. */
    static long fnv1a(final String text) {
        long hash = 0xCBF29CE484222325L;
        for (final byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= 0x100000001B3L;
        }
        return hash;
    }
}
