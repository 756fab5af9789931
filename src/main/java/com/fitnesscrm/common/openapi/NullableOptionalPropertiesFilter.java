package com.fitnesscrm.common.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's records send every optional field, null when it has no value (the SPA's contract: "every field
 * except id may be null"). This marks each typed property that is not required as nullable in the generated
 * document, so clients validating responses against openapi.yaml accept those nulls.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class NullableOptionalPropertiesFilter implements OASFilter {

    @Override
    public Schema filterSchema(Schema schema) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties == null) {
            return schema;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        Map<String, Schema> adjusted = new LinkedHashMap<>();
        properties.forEach((name, property) -> adjusted.put(name, required.contains(name) ? property : nullable(property)));
        schema.setProperties(adjusted);
        return schema;
    }

    private static Schema nullable(Schema property) {
        if (property.getRef() != null) {
            // A reference (e.g. Instant) cannot take a type of its own: allow it or null.
            return OASFactory.createSchema()
                    .addAnyOf(OASFactory.createSchema().ref(property.getRef()))
                    .addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL))
                    .description(property.getDescription());
        }
        List<Schema.SchemaType> types = property.getType();
        if (types != null && !types.isEmpty() && !types.contains(Schema.SchemaType.NULL)) {
            property.addType(Schema.SchemaType.NULL);
        }
        return property;
    }
}
