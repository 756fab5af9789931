package com.fitnesscrm.common.storage;

import com.fitnesscrm.common.observability.RequestTelemetry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * Refuses an upload whose declared size already exceeds its limit before a byte of it is read or spooled to disk
 * (413 in the API's JSON error shape). Uploads without a declared size, or whose file alone is too large, are
 * refused by {@link Uploads#store} after spooling; the temporary file is deleted when the request ends.
 */
public final class UploadSizeGuard {

    /** Room for the multipart framing and the form's text fields around the file. */
    static final long MULTIPART_OVERHEAD = 1024 * 1024;

    private UploadSizeGuard() {
    }

    /** {@code successFlag}: the module answers errors with {@code success: false} ({success, data} envelope). */
    public static void install(Router router, String path, long maxFileBytes, boolean successFlag) {
        router.post(path).order(-900).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null) {
                try {
                    if (Long.parseLong(length.trim()) > maxFileBytes + MULTIPART_OVERHEAD) {
                        String message = "is larger than " + Uploads.megabytes(maxFileBytes) + " MB";
                        JsonObject body = new JsonObject().put("error", "File too large: the file " + message)
                                .put("status", 413).put("code", "payload_too_large")
                                .put("details", new JsonArray().add(new JsonObject().put("field", "file")
                                        .put("message", message)))
                                .put("request_id", RequestTelemetry.currentRequestId());
                        if (successFlag) {
                            body.put("success", false);
                        }
                        ctx.response().setStatusCode(413)
                                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                                .putHeader(HttpHeaders.CONNECTION, "close")
                                .end(body.encode());
                        return;
                    }
                } catch (NumberFormatException e) {
                    // HttpGuards answers malformed lengths of JSON bodies; anything else is left to the server.
                }
            }
            ctx.next();
        });
    }
}
