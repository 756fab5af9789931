package com.fitnesscrm.wearables.service;

import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.wearables.provider.WearableProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every provider adapter CDI knows of, by id: the framework never names a provider itself. */
@ApplicationScoped
public class ProviderRegistry {

    private final Map<String, WearableProvider> byId;

    @jakarta.inject.Inject
    public ProviderRegistry(Instance<WearableProvider> providers) {
        this(providers.stream().toList());
    }

    ProviderRegistry(List<WearableProvider> providers) {
        this.byId = providers.stream().collect(Collectors.toUnmodifiableMap(WearableProvider::id, Function.identity()));
    }

    /** The providers in a stable order (by display name), for lists. */
    public List<WearableProvider> all() {
        return byId.values().stream().sorted(Comparator.comparing(WearableProvider::displayName)).toList();
    }

    public Optional<WearableProvider> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** The provider a path names, or a 404 naming the ones there are. */
    public WearableProvider require(String id) {
        return find(id).orElseThrow(() -> new ApiException(404, "not_found", "Unknown wearable provider '" + id
                + "'; known: " + String.join(", ", byId.keySet().stream().sorted().toList())));
    }

    /** The provider a path names, which must also be configured on this server (else 503). */
    public WearableProvider requireConfigured(String id) {
        WearableProvider provider = require(id);
        if (!provider.configured()) {
            throw new ApiException(503, "provider_not_configured", provider.displayName()
                    + " is not configured on this server (its client id and secret are not set)");
        }
        return provider;
    }
}
