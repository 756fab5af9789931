package com.fitnesscrm.common.web;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Which JSON responses are gzipped. Quarkus compresses (quarkus.http.enable-compression) a resource method's
 * response whose media type is listed in quarkus.http.compress-media-types, whatever its size: it marks each response
 * {@code Content-Encoding: identity} and the REST layer removes that mark for listed types, so Vert.x gzips them for
 * a client that accepts gzip. Two gaps remain, closed here just before the headers go out:
 * <ul>
 * <li>no size floor: Vert.x 4.5 has no content-size threshold option (setCompressionContentSizeThreshold arrives in
 * Vert.x 5), and gzip only costs CPU and bytes on a small body. A JSON body whose declared length is under
 * {@link #MIN_COMPRESSED_BYTES} is sent identity; a streamed one (no Content-Length) stays compressible;</li>
 * <li>JSON that never passes the REST layer's compression step (error bodies of exception mappers, the project's
 * own Vert.x handlers such as HttpGuards) keeps the identity mark; a JSON body of 1 KB or more is made
 * compressible like the others.</li>
 * </ul>
 * <p>
 * Every compressible response also carries {@code Vary: Accept-Encoding}, whether or not this one was compressed,
 * so a shared cache never hands a gzipped body to a client that did not ask for it (or the reverse).
 * <p>
 * It runs before every other route (HttpGuards answers oversized bodies from order -1000, before Quarkus marks
 * responses identity), so the floor holds for responses written by the project's own Vert.x handlers too.
 */
@ApplicationScoped
public class JsonCompression {

    /** Bodies shorter than this are sent as they are. */
    public static final long MIN_COMPRESSED_BYTES = 1024;

    void install(@Observes Router router) {
        router.route().order(-1001).handler(ctx -> {
            ctx.addHeadersEndHandler(v -> apply(ctx));
            ctx.next();
        });
    }

    private static void apply(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        MultiMap headers = response.headers();
        String encoding = headers.get(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !HttpHeaders.IDENTITY.toString().equalsIgnoreCase(encoding)) {
            return; // already encoded by its handler
        }
        if (!isJson(headers.get(HttpHeaders.CONTENT_TYPE))) {
            return; // Quarkus' decision stands: identity unless listed in quarkus.http.compress-media-types
        }
        if (!headers.contains(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING, true)) {
            headers.add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
        String length = headers.get(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredLength(length) < MIN_COMPRESSED_BYTES) {
            headers.set(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY);
        } else {
            // Also JSON that Quarkus left identity: error bodies written by exception mappers skip the REST layer's
            // compression step, and the project's own Vert.x handlers never pass it.
            headers.remove(HttpHeaders.CONTENT_ENCODING);
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase();
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    private static long declaredLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
