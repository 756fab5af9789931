package com.fitnesscrm.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A Sentry ingest endpoint for the tests: receives the SDK's envelopes at the DSN's project URL
 * ({@code POST /api/<project>/envelope/}, optionally gzip-compressed, authenticated with {@code X-Sentry-Auth}) and
 * keeps each item with its raw JSON, so a test can check both the tags and that nothing scrubbed is in there.
 */
public final class FakeSentry {

    public static final String PROJECT = "4242";
    public static final String PUBLIC_KEY = "0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One envelope item: its type ("event", "transaction", ...), its payload as JSON and as received. */
    public record Item(String type, JsonNode payload, String raw, String authHeader) {
    }

    private final HttpServer server;
    private final List<Item> items = new CopyOnWriteArrayList<>();

    public FakeSentry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/" + PROJECT + "/envelope/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                byte[] bytes = body.readAllBytes();
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
                }
                parse(new String(bytes, StandardCharsets.UTF_8), exchange.getRequestHeaders().getFirst("X-Sentry-Auth"));
                byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The DSN that points the SDK here. */
    public String dsn() {
        return "http://" + PUBLIC_KEY + "@127.0.0.1:" + server.getAddress().getPort() + "/" + PROJECT;
    }

    public List<Item> items() {
        return List.copyOf(items);
    }

    public List<Item> events() {
        return items.stream().filter(i -> "event".equals(i.type())).toList();
    }

    public void clear() {
        items.clear();
    }

    public void stop() {
        server.stop(0);
    }

    /** An envelope: a header line, then per item a header line and a payload (of {@code length} bytes, or one line). */
    private void parse(String envelope, String auth) {
        String[] lines = envelope.split("\n", -1);
        int i = 1;
        while (i < lines.length) {
            if (lines[i].isBlank()) {
                i++;
                continue;
            }
            try {
                JsonNode header = JSON.readTree(lines[i]);
                String payload = i + 1 < lines.length ? lines[i + 1] : "";
                String type = header.path("type").asText();
                JsonNode parsed = payload.startsWith("{") ? JSON.readTree(payload) : null;
                items.add(new Item(type, parsed, payload, auth));
                i += 2;
            } catch (IOException e) {
                throw new IllegalArgumentException("not an envelope item: " + lines[i], e);
            }
        }
    }
}
