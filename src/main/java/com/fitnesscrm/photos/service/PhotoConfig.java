package com.fitnesscrm.photos.service;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "app.photos")
public interface PhotoConfig {

    /** The largest progress photo accepted (PHOTO_MAX_SIZE, e.g. 10M). */
    @WithDefault("10M")
    @WithConverter(MemorySizeConverter.class)
    MemorySize maxUploadSize();
}
