package com.fitnesscrm.wearables.provider;

import java.net.URI;
import java.net.http.HttpRequest;

/**
 * One connection's authenticated access to its provider during a sync. The framework adds the bearer token, refreshes
 * it once on a 401 (under the connection's lock) and sends again, applies the provider's rate-limit pauses, and turns
 * a 429 into {@link ProviderFailure.Kind#RATE_LIMITED}: adapters only build requests and read answers.
 */
public interface ProviderSession {

    /** The scopes of this connection's grant. */
    String scopes();

    /** GET with the user's token; the answer is 2xx or a 4xx other than 401 and 429. */
    ProviderHttp.Response get(URI uri);

    /** Sends the request built here with the user's token; same rules as {@link #get}. */
    ProviderHttp.Response send(HttpRequest.Builder request);
}
