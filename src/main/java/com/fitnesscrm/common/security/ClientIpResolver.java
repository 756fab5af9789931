package com.fitnesscrm.common.security;

import com.fitnesscrm.common.config.AppConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The caller's IP for rate limiting and the audit log. X-Forwarded-For is believed only when the connection comes
 * from a configured trusted proxy (Railway's edge); otherwise anyone could pick a fresh IP per request.
 */
@ApplicationScoped
public class ClientIpResolver {

    private final List<Cidr> trusted = new ArrayList<>();

    public ClientIpResolver(AppConfig config) {
        config.trustedProxies().ifPresent(list -> list.stream()
                .map(String::trim).filter(s -> !s.isEmpty()).map(Cidr::parse).forEach(trusted::add));
    }

    public String resolve(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        if (!isTrusted(peer)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        // Walk from the right: the nearest hop not itself a trusted proxy is the client.
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !isTrusted(hop)) {
                return hop;
            }
        }
        return hops[0].trim();
    }

    boolean isTrusted(String address) {
        for (Cidr cidr : trusted) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    record Cidr(byte[] network, int prefix) {
        static Cidr parse(String text) {
            String[] parts = text.split("/");
            try {
                byte[] address = InetAddress.getByName(parts[0]).getAddress();
                int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : address.length * 8;
                return new Cidr(address, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("TRUSTED_PROXIES: not a CIDR range: " + text, e);
            }
        }

        boolean contains(String text) {
            byte[] address;
            try {
                // Only literal addresses: never resolve a header value through DNS.
                if (!text.matches("[0-9a-fA-F:.]+")) {
                    return false;
                }
                address = InetAddress.getByName(text).getAddress();
            } catch (UnknownHostException e) {
                return false;
            }
            if (address.length != network.length) {
                return false;
            }
            int bits = address.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .shiftRight(prefix).xor(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
            return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }
}
