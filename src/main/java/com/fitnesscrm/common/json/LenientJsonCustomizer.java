package com.fitnesscrm.common.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The SPA's HTML forms send every value as a string and empty fields as "". Numbers and booleans written as
 * strings are read as their type (Jackson's scalar coercion, on by default); an empty string reads as "no value".
 * A string that cannot be read as the type still fails, and the error mapper names the field.
 */
@Singleton
public class LenientJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull)
                .setAcceptBlankAsEmpty(Boolean.TRUE);
    }
}
