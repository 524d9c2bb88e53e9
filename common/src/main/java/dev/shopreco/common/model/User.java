package dev.shopreco.common.model;

/**
 * One line of {@code users.jsonl}.
 *
 * @param userId id, from 101
 * @param name   full name
 * @param city   city
 * @param street street address
 */
public record User(long userId, String name, String city, String street) {
}
