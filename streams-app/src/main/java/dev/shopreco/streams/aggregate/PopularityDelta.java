package dev.shopreco.streams.aggregate;

/**
 * The sum of the s(u,p) changes of one product over a flush period: what {@code product-popularity}
 * adds.
 *
 * @param delta the change of the product's popularity
 */
public record PopularityDelta(double delta) implements ProductChange {
}
