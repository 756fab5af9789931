package com.fitnesscrm.support;

import com.fitnesscrm.common.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Map;

/**
 * Test-only endpoint (src/test, never packaged) that fails the way a bug does, so the error path (500 with a
 * reference, the error report and its scrubbing) can be exercised end to end. The message carries the kinds of
 * personal data and secrets a real exception message can carry.
 */
@Path("/api/test-support/failure")
@Produces(MediaType.APPLICATION_JSON)
public class FailureResource {

    public static final String LEAKY_MESSAGE = "Lookup failed for jane.doe@client.example (phone +1 415 555 0199),"
            + " token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl, password=hunter2-secret;"
            + " Failing row contains (7, Jane Doe, asthma and a knee injury, 1980-01-01).";

    private final CurrentUser caller;

    public FailureResource(CurrentUser caller) {
        this.caller = caller;
    }

    @POST
    @RolesAllowed({"admin", "trainer", "client"})
    @Operation(hidden = true)
    public Map<String, Object> fail(Map<String, Object> body) {
        caller.organizationId();
        throw new IllegalStateException(LEAKY_MESSAGE);
    }
}
