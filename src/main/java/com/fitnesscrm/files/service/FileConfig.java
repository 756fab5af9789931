package com.fitnesscrm.files.service;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "app.files")
public interface FileConfig {

    /**
     * The largest file accepted (FILE_MAX_SIZE, e.g. 50M). Above 50 MB also raise quarkus.http.limits.max-body-size,
     * the server's limit for any request body.
     */
    @WithDefault("50M")
    @WithConverter(MemorySizeConverter.class)
    MemorySize maxUploadSize();
}
