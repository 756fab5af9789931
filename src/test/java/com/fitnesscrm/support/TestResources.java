package com.fitnesscrm.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Test resources every @QuarkusTest shares: the SMTP server, the local Stripe. */
@QuarkusTestResource(GreenMailResource.class)
@QuarkusTestResource(FakeStripeResource.class)
public final class TestResources {

    private TestResources() {
    }
}
