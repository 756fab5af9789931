package com.fitnesscrm.common.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/** The one {@link FileStorage} of the application, chosen by {@code app.storage.type} (STORAGE). */
@ApplicationScoped
public class StorageProducer {

    private static final Logger LOG = Logger.getLogger(StorageProducer.class);

    @Produces
    @ApplicationScoped
    FileStorage storage(StorageConfig config, Instance<S3FileStorage> s3) {
        if (config.type() == StorageConfig.Type.S3) {
            LOG.infof("Uploads are stored in the S3 bucket %s", config.s3().bucket().orElse("?"));
            return s3.get();
        }
        LocalFileStorage local = new LocalFileStorage(Path.of(config.localDir()));
        LOG.infof("Uploads are stored on local disk under %s", local.root());
        return local;
    }
}
