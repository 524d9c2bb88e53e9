package dev.shopreco.api.http;

import dev.shopreco.api.reco.SimilarResponse;
import dev.shopreco.api.reco.SimilarService;
import dev.shopreco.streams.model.ProductFilter;
import dev.shopreco.streams.model.SimilarProducts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** Item-to-item lists, from state every instance holds: answered here, never forwarded. */
@Controller
@Tag(name = "products")
public class ProductController {

    private final SimilarService similar;

    public ProductController(final SimilarService similar) {
        this.similar = similar;
    }

    @Get(uri = "/products/{productId}/similar", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Products similar to a product, most similar first",
            description = "ITEM_EASE: the fitted EASE weights from the product; CONTENT_BASE: the cosine of the "
                    + "TF-IDF category vectors; HYBRID (default): a blend of both with popularity. A product "
                    + "without the model's signal gets the popularity list with fallback true.")
    @ApiResponse(responseCode = "200", description = "The similar products",
            content = @Content(schema = @Schema(implementation = SimilarResponse.class)))
    @ApiResponse(responseCode = "404", description = "The product is not in the catalog")
    public SimilarResponse similar(
            @Parameter(description = "product id", schema = @Schema(type = "integer")) @PathVariable
            final String productId,
            @Parameter(description = "list length, 1 to 100 (default 10)", schema = @Schema(type = "integer"))
            @Nullable @QueryValue final String n,
            @Parameter(description = "one of " + SimilarProducts.NAMES + ", case-insensitive; default "
                    + SimilarService.DEFAULT_MODEL)
            @Nullable @QueryValue final String model,
            @Parameter(description = RecommendationController.CATEGORY_DOC) @Nullable @QueryValue final String category,
            @Parameter(description = RecommendationController.EXCLUDE_DOC) @Nullable @QueryValue
            final List<String> exclude) {
        final long product = Params.productId(productId, "the product id");
        final int count = Params.count(n);
        final String name = Params.model(model, similar.models(), SimilarService.DEFAULT_MODEL);
        final ProductFilter filter = Params.products(category, exclude);
        return similar.similar(name, product, count, filter);
    }
}
