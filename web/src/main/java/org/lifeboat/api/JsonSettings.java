package org.lifeboat.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * How request bodies are read: strictly. {@code "threads": 3.7} is refused rather than rounded, a key given twice
 * is refused rather than one of them silently winning, unknown fields are refused (a typo is not ignored).
 */
@Provider
public class JsonSettings implements ContextResolver<ObjectMapper> {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return MAPPER;
    }
}
