package com.fitnesscrm.files.rest;

import com.fitnesscrm.common.storage.UploadSizeGuard;
import com.fitnesscrm.files.service.FileService;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Refuses file uploads that declare a size over the limit before their body is read (JSON 413). */
@ApplicationScoped
public class FileUploadLimit {

    void install(@Observes Router router, FileService files) {
        UploadSizeGuard.install(router, "/api/files", files.maxUploadBytes(), false);
    }
}
