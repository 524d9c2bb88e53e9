package dev.shopreco.common.model;

/**
 * One line of {@code products.jsonl}. Price and rating are carried but not used by the models
 * (they hold injected noise, as in the shop's data).
 *
 * @param productId    id, from 1001
 * @param productName  display name
 * @param categoryPath category levels separated by {@code ;}, e.g. {@code Gry i konsole;Gry komputerowe}
 * @param price        price, possibly negative or absurd
 * @param userRating   mean rating, absent in some deliveries
 */
public record Product(long productId, String productName, String categoryPath, Double price, Double userRating) {
}
