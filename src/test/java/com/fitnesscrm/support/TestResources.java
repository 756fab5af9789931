package com.fitnesscrm.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Test resources every @QuarkusTest shares: the SMTP server, the local Stripe, the local Google Health and Strava. */
@QuarkusTestResource(GreenMailResource.class)
@QuarkusTestResource(FakeStripeResource.class)
@QuarkusTestResource(com.fitnesscrm.support.wearables.FakeWearablesResource.class)
public final class TestResources {

    private TestResources() {
    }
}
