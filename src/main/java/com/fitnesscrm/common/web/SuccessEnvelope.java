package com.fitnesscrm.common.web;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource whose answers use the {@code {success, data}} envelope (goals, progress photos): the SPA's pages
 * for those modules test {@code success}, so their errors carry {@code success: false} besides {@code error}.
 * Applied by {@link SuccessEnvelopeErrorFilter}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SuccessEnvelope {
}
