package com.fitnesscrm.photos.rest;

import com.fitnesscrm.common.storage.UploadSizeGuard;
import com.fitnesscrm.photos.service.PhotoService;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Refuses photo uploads that declare a size over the limit before their body is read (JSON 413). */
@ApplicationScoped
public class PhotoUploadLimit {

    void install(@Observes Router router, PhotoService photos) {
        UploadSizeGuard.install(router, "/api/progress-photos", photos.maxUploadBytes(), true);
    }
}
