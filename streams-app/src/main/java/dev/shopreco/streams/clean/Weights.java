package dev.shopreco.streams.clean;

import dev.shopreco.common.model.EventType;
import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.SessionEvent;

/**
 * The strength of each event type (docs/design.md §1 step 4), from configuration.
 *
 * @param view strength of a {@code VIEW_PRODUCT} (default 1.0)
 * @param buy  strength of a {@code BUY_PRODUCT} (default 2.0)
 */
public record Weights(double view, double buy) {

    public static final Weights DEFAULT = new Weights(1.0, 2.0);

    public Weights {
        // a negative strength could make 1 + sum <= 0 (s(u,p) undefined) and popularity decrease,
        // which the top-K list does not support
        if (!(view >= 0 && buy >= 0) || Double.isInfinite(view) || Double.isInfinite(buy)) {
            throw new IllegalArgumentException("Event weights must be finite and >= 0, got view=" + view
                    + " buy=" + buy);
        }
    }

    /** The strength of {@code type}. */
    public double of(final EventType type) {
        return switch (type) {
            case VIEW_PRODUCT -> view;
            case BUY_PRODUCT -> buy;
        };
    }

    /** The cleaned, weighted form of an event whose user and product are known. */
    public Interaction weigh(final SessionEvent event) {
        return new Interaction(event.userId(), event.productId(), event.eventType(), of(event.eventType()),
                event.timestamp(), event.sessionId());
    }
}
