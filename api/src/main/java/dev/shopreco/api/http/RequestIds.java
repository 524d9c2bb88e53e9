package dev.shopreco.api.http;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives every request an id, {@value #HEADER}: the client's own if it sent a usable one (1 to
 * {@value #MAX_LENGTH} visible ASCII characters), otherwise a new one. The id is set on the
 * response, printed in the access log line ({@code %{X-Request-ID}o}), written to the
 * {@code reco.served} records of the request, named in error bodies, and relayed with a request
 * forwarded to another instance, so one id follows a request across instances.
 *
 * <p>New ids are 16 hex digits unique per instance by construction: 24 random bits drawn at start
 * followed by a 40-bit counter passed through a bijection (no {@code SecureRandom} per request).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestIds implements Ordered {

    /** The header carrying the id, in requests and responses. */
    public static final String HEADER = "X-Request-ID";
    /** The longest client id kept; longer ones are replaced. */
    public static final int MAX_LENGTH = 128;

    private static final String ATTRIBUTE = "shopreco.request-id";
    private static final long MASK_40 = (1L << 40) - 1;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final long prefix;
    private final AtomicLong counter;

    public RequestIds() {
        final SecureRandom random = new SecureRandom();
        this.prefix = random.nextInt(1 << 24);
        this.counter = new AtomicLong(random.nextLong() & MASK_40);
    }

    /** Runs first, so that every later filter, handler and error body sees the id. */
    @RequestFilter
    public void assign(final HttpRequest<?> request) {
        final String sent = request.getHeaders().get(HEADER);
        request.setAttribute(ATTRIBUTE, usable(sent) ? sent : next());
    }

    @ResponseFilter
    public void echo(final HttpRequest<?> request, final MutableHttpResponse<?> response) {
        response.getHeaders().set(HEADER, of(request));
    }

    /** The request's id (a new one if the filter did not run, e.g. in a unit test). */
    public static String of(final HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElse("none");
    }

    /** Whether a client's id is kept: 1 to MAX_LENGTH characters from '!' to '~'. */
    static boolean usable(final String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            final char c = id.charAt(i);
            if (c < '!' || c > '~') {
                return false;
            }
        }
        return true;
    }

    /** A new id: the prefix, then the scrambled counter, as 16 hex digits. */
    String next() {
        final long value = prefix << 40 | mix(counter.getAndIncrement() & MASK_40);
        final char[] text = new char[16];
        for (int i = 15; i >= 0; i--) {
            text[i] = HEX[(int) (value >>> (4 * (15 - i)) & 0xF)];
        }
        return new String(text);
    }

    /** A bijection of [0, 2^40): xor-shifts and multiplications by odd constants, each invertible mod 2^40. */
    static long mix(final long value) {
        long z = value;
        z = (z ^ (z >>> 20)) * 0xBF58476D1CE4E5B9L & MASK_40;
        z = (z ^ (z >>> 19)) * 0x94D049BB133111EBL & MASK_40;
        return z ^ (z >>> 21);
    }

    /** Filters run in phase order: this one before every other. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}
