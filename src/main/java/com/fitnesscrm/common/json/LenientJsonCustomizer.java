package com.fitnesscrm.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * The SPA's HTML forms send every value as a string and empty fields as "". Numbers and booleans written as
 * strings are read as their type (Jackson's scalar coercion, on by default); an empty string reads as "no value".
 * A string that cannot be read as the type still fails, and the error mapper names the field.
 * <p>
 * A string holding a NUL character ({@code \u0000}) is refused here, naming its field: PostgreSQL cannot store it
 * in any text column, so it would otherwise fail at the insert as a server error.
 */
@Singleton
public class LenientJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull)
                .setAcceptBlankAsEmpty(Boolean.TRUE);
        mapper.registerModule(new SimpleModule("no-nul-strings").addDeserializer(String.class, new NoNulStrings()));
    }

    /** Jackson's own string reading (with its scalar coercions), then the NUL check. */
    static final class NoNulStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            if (value != null && value.indexOf('\0') >= 0) {
                return (String) ctxt.handleWeirdStringValue(String.class, value, "must not contain NUL characters");
            }
            return value;
        }
    }
}
