package com.fitnesscrm.common.openapi;

import com.fitnesscrm.common.web.ApiPaths;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the answers every API operation can give whatever its resource says: 429 from the rate limiter,
 * 413 for an oversize JSON body, 500 for an unexpected failure (with a reference to quote). All in the one error
 * shape.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class CommonErrorResponsesFilter implements OASFilter {

    private static final String ERROR_SCHEMA = "#/components/schemas/Error";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!ApiPaths.isApi(path)) {
                return;
            }
            item.getOperations().values().forEach(operation -> {
                add(operation, "429", "Too many requests: wait for the Retry-After header's seconds");
                if (operation.getRequestBody() != null) {
                    add(operation, "413", "Request body over 1 MB");
                }
                add(operation, "500", "Unexpected failure; the message carries a reference for support");
            });
        });
    }

    private static void add(Operation operation, String status, String description) {
        if (operation.getResponses() == null || operation.getResponses().hasAPIResponse(status)) {
            return;
        }
        APIResponse response = OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent().addMediaType("application/json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_SCHEMA))));
        operation.getResponses().addAPIResponse(status, response);
    }
}
