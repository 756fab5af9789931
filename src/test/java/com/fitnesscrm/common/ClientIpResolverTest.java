package com.fitnesscrm.common;

import com.fitnesscrm.common.config.AppConfig;
import com.fitnesscrm.common.security.ClientIpResolver;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientIpResolverTest {

    private final ClientIpResolver resolver = new ClientIpResolver(config(List.of("10.0.0.0/8", "::1/128")));

    @Test
    void forwardedForIsBelievedOnlyFromATrustedProxy() {
        assertEquals("203.0.113.9", resolver.resolve(request("10.1.2.3", "203.0.113.9")));
        assertEquals("198.51.100.7", resolver.resolve(request("198.51.100.7", "203.0.113.9")));
        assertEquals("10.1.2.3", resolver.resolve(request("10.1.2.3", null)));
    }

    @Test
    void theNearestUntrustedHopIsTheClient() {
        // A client may send its own X-Forwarded-For; the proxy appends the real address, which wins.
        assertEquals("203.0.113.9", resolver.resolve(request("10.1.2.3", "6.6.6.6, 203.0.113.9, 10.9.9.9")));
        assertEquals("203.0.113.9", resolver.resolve(request("::1", "203.0.113.9")));
    }

    @Test
    void hostNamesInTheHeaderAreNeverResolved() {
        assertEquals("evil.example", resolver.resolve(request("10.1.2.3", "evil.example")));
    }

    private static HttpServerRequest request(String peer, String forwardedFor) {
        SocketAddress address = SocketAddress.inetSocketAddress(40000, peer);
        return (HttpServerRequest) Proxy.newProxyInstance(ClientIpResolverTest.class.getClassLoader(),
                new Class<?>[]{HttpServerRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "remoteAddress" -> address;
                    case "getHeader" -> "X-Forwarded-For".equals(args[0]) ? forwardedFor : null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static AppConfig config(List<String> proxies) {
        return (AppConfig) Proxy.newProxyInstance(ClientIpResolverTest.class.getClassLoader(),
                new Class<?>[]{AppConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("trustedProxies")) {
                        return Optional.of(proxies);
                    }
                    throw new UnsupportedOperationException(method.getName() + Map.of());
                });
    }
}
