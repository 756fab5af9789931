package com.fitnesscrm.common.web;

import com.fitnesscrm.common.error.ApiError;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/** Adds {@code success: false} to the errors of resources marked {@link SuccessEnvelope}; other modules keep the plain error shape. */
@Provider
@SuccessEnvelope
public class SuccessEnvelopeErrorFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof ApiError error && error.success() == null) {
            response.setEntity(error.unsuccessful());
        }
    }
}
