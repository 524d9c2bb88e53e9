package dev.shopreco.api.http;

import dev.shopreco.api.Application;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI document at a path that does not change with the API's version, {@code /openapi.yml},
 * as {@code application/yaml} (RFC 9512). micronaut-openapi generates it at compile time; Swagger UI
 * ({@code /swagger-ui/index.html}) is generated with it and served from the jar, scripts included.
 */
@Controller
@Hidden
public class OpenApiController {

    /** The YAML media type of RFC 9512. */
    public static final String YAML = "application/yaml";
    /** Where micronaut-openapi writes the document (named after the title and version). */
    static final String RESOURCE = "META-INF/swagger/" + Application.TITLE + "-" + Application.VERSION + ".yml";

    private final byte[] document;

    public OpenApiController() {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath: the build generates it");
            }
            this.document = in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(uri = "/openapi.yml", produces = YAML)
    public HttpResponse<byte[]> openApi() {
        return HttpResponse.ok(document).contentType(YAML);
    }
}
