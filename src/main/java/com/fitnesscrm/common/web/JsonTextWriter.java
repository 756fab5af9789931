package com.fitnesscrm.common.web;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Writes a {@link JsonText} body's bytes as they are (serializing it again would quote it as a JSON string), in one
 * piece with its Content-Length, as the REST layer's own Jackson writer does.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class JsonTextWriter implements ServerMessageBodyWriter<JsonText> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target,
                               MediaType mediaType) {
        return JsonText.class.equals(type);
    }

    @Override
    public void writeResponse(JsonText body, Type genericType, ServerRequestContext context) {
        context.serverResponse().end(body.utf8());
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return JsonText.class.equals(type);
    }

    @Override
    public void writeTo(JsonText body, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        out.write(body.utf8());
    }
}
