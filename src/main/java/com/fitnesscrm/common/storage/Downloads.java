package com.fitnesscrm.common.storage;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.InputStream;

/** The HTTP answer for a stored object: streamed from storage in chunks, never read into memory whole. */
public final class Downloads {

    private Downloads() {
    }

    public static Response response(Uploads.Opened opened, String contentDisposition) {
        FileStorage.StoredObject object = opened.object();
        StreamingOutput body = out -> {
            try (InputStream in = object.content()) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, opened.contentType())
                .header(HttpHeaders.CONTENT_LENGTH, object.length())
                .header("Content-Disposition", contentDisposition)
                // The stored type was recognised from the bytes; the browser must not guess another.
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=300")
                .build();
    }
}
