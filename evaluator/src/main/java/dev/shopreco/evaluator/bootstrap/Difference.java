package dev.shopreco.evaluator.bootstrap;

/**
 * A served model's figure minus a reference's (POPULARITY, or the best offline baseline), with
 * its paired bootstrap interval.
 *
 * @param model      the served model
 * @param reference  the model it is compared with
 * @param metric     the figure's key ({@code ndcg@10}, {@code recall@10:new}, ...)
 * @param difference model's figure minus reference's, on all test users
 * @param interval   the interval of that difference
 */
public record Difference(String model, String reference, String metric, double difference, Interval interval) {
}
