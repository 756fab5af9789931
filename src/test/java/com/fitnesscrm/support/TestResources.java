package com.fitnesscrm.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Test resources every @QuarkusTest shares: the SMTP server. */
@QuarkusTestResource(GreenMailResource.class)
public final class TestResources {

    private TestResources() {
    }
}
