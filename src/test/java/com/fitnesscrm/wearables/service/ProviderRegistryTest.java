package com.fitnesscrm.wearables.service;

import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.wearables.provider.DataType;
import com.fitnesscrm.wearables.provider.ProviderData;
import com.fitnesscrm.wearables.provider.ProviderHttp;
import com.fitnesscrm.wearables.provider.ProviderSession;
import com.fitnesscrm.wearables.provider.WearableProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Providers by id: an unknown one is a 404 naming the known ones; one without credentials is a 503 to connect. */
class ProviderRegistryTest {

    /** A provider whose credentials are (not) set; nothing else is called. */
    record Stub(String id, boolean configured) implements WearableProvider {
        public String displayName() { return id.toUpperCase(); }
        public Set<DataType> supports() { return Set.of(DataType.WORKOUTS); }
        public Set<DataType> granted(String scopes) { return Set.of(); }
        public boolean usesPkce() { return true; }
        public String authorizationUrl(String state, String challenge, String redirectUri) { return ""; }
        public Grant exchange(String code, String verifier, String redirectUri, String scopes) { return null; }
        public Grant refresh(String refreshToken) { return null; }
        public void revoke(String accessToken, String refreshToken) { }
        public Identity identify(Grant grant, ProviderSession session) { return null; }
        public ProviderHttp http() { return null; }
        public void probe(ProviderSession session) { }
        public Duration window(DataType type) { return Duration.ofDays(1); }
        public ProviderData fetch(DataType type, Instant from, Instant to, ProviderSession session) { return null; }
        public Optional<Pause> pauseAfter(ProviderHttp.Response response) { return Optional.empty(); }
    }

    final ProviderRegistry registry = new ProviderRegistry(List.of(new Stub("zeta", true), new Stub("alpha", false)));

    @Test
    void listsByNameAndFindsById() {
        assertEquals(List.of("alpha", "zeta"), registry.all().stream().map(WearableProvider::id).toList());
        assertTrue(registry.find("zeta").isPresent());
        assertTrue(registry.find(null).isEmpty());
    }

    @Test
    void anUnknownProviderIsA404AndAnUnconfiguredOneA503() {
        ApiException unknown = assertThrows(ApiException.class, () -> registry.require("garmin"));
        assertEquals(404, unknown.status());
        assertTrue(unknown.getMessage().contains("alpha, zeta"), unknown.getMessage());
        ApiException off = assertThrows(ApiException.class, () -> registry.requireConfigured("alpha"));
        assertEquals(503, off.status());
        assertEquals("provider_not_configured", off.code());
        assertEquals("zeta", registry.requireConfigured("zeta").id());
    }
}
