package dev.shopreco.api.reco;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The popularity list.
 *
 * @param products best first
 */
@Serdeable
public record PopularResponse(List<Entry> products) {

    /**
     * A product and its popularity.
     *
     * @param productId  the product
     * @param popularity sum over users of {@code s(u,p)}
     */
    @Serdeable
    public record Entry(@JsonProperty("product_id") long productId, double popularity) {
    }
}
