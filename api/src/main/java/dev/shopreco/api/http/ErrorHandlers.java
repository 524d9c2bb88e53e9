package dev.shopreco.api.http;

import dev.shopreco.api.experiment.ExperimentNotFoundException;
import dev.shopreco.api.reco.ModelNotFoundException;
import dev.shopreco.api.reco.ProductNotFoundException;
import dev.shopreco.api.streams.StoreUnavailableException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the API's exceptions to statuses with a problem+json body ({@link Problems}). Expected
 * conditions (bad input, unknown model, state moving) are not logged as errors; anything else is a
 * bug, logged with its stack trace and request id here and answered with a plain 500 body that
 * reveals nothing.
 */
public final class ErrorHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandlers.class);

    private ErrorHandlers() {
    }

    /** 400: the client sent a value the API cannot use. */
    @Produces
    @Singleton
    public static class BadRequest implements ExceptionHandler<BadRequestException, HttpResponse<?>> {
        private final Problems problems;

        public BadRequest(final Problems problems) {
            this.problems = problems;
        }

        @Override
        public HttpResponse<?> handle(final HttpRequest request, final BadRequestException e) {
            return problems.response(request, HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /** 404: no such model. */
    @Produces
    @Singleton
    public static class UnknownModel implements ExceptionHandler<ModelNotFoundException, HttpResponse<?>> {
        private final Problems problems;

        public UnknownModel(final Problems problems) {
            this.problems = problems;
        }

        @Override
        public HttpResponse<?> handle(final HttpRequest request, final ModelNotFoundException e) {
            return problems.response(request, HttpStatus.NOT_FOUND, e.getMessage());
        }
    }

    /** 404: no such product. */
    @Produces
    @Singleton
    public static class UnknownProduct implements ExceptionHandler<ProductNotFoundException, HttpResponse<?>> {
        private final Problems problems;

        public UnknownProduct(final Problems problems) {
            this.problems = problems;
        }

        @Override
        public HttpResponse<?> handle(final HttpRequest request, final ProductNotFoundException e) {
            return problems.response(request, HttpStatus.NOT_FOUND, e.getMessage());
        }
    }

    /** 404: no such experiment. */
    @Produces
    @Singleton
    public static class UnknownExperiment implements ExceptionHandler<ExperimentNotFoundException, HttpResponse<?>> {
        private final Problems problems;

        public UnknownExperiment(final Problems problems) {
            this.problems = problems;
        }

        @Override
        public HttpResponse<?> handle(final HttpRequest request, final ExperimentNotFoundException e) {
            return problems.response(request, HttpStatus.NOT_FOUND, e.getMessage());
        }
    }

    /** 503 with Retry-After: Kafka Streams is starting, rebalancing or restoring. */
    @Produces
    @Singleton
    public static class Unavailable implements ExceptionHandler<StoreUnavailableException, HttpResponse<?>> {
        private final Problems problems;

        public Unavailable(final Problems problems) {
            this.problems = problems;
        }

        @Override
        public HttpResponse<?> handle(final HttpRequest request, final StoreUnavailableException e) {
            LOG.debug("503 for {}: {}", request.getPath(), e.getMessage());
            return problems.unavailable(request, e.getMessage());
        }
    }

    /** 503 as well: a store read that raced a rebalance and escaped the services' own mapping. */
    @Produces
    @Singleton
    public static class StoreMigrating implements ExceptionHandler<InvalidStateStoreException, HttpResponse<?>> {
        private final Problems problems;

        public StoreMigrating(final Problems problems) {
            this.problems = problems;
        }

        @Override
        public HttpResponse<?> handle(final HttpRequest request, final InvalidStateStoreException e) {
            return problems.unavailable(request, "The stores are migrating: " + e.getMessage());
        }
    }

    /** 500 for a bug: logged in full here, never shown to the client. */
    @Produces
    @Singleton
    public static class Unexpected implements ExceptionHandler<RuntimeException, HttpResponse<?>> {
        private final Problems problems;

        public Unexpected(final Problems problems) {
            this.problems = problems;
        }

        @Override
        public HttpResponse<?> handle(final HttpRequest request, final RuntimeException e) {
            LOG.error("Unexpected error for {} {} (request {})", request.getMethod(), request.getPath(),
                    RequestIds.of(request), e);
            return problems.response(request, HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");
        }
    }
}
