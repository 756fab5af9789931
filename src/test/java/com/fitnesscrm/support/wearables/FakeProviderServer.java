package com.fitnesscrm.support.wearables;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/** What the wearable fakes share: a local HTTP server, the requests it saw, form and query parsing, JSON answers. */
public abstract class FakeProviderServer {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received. */
    public record Seen(String method, String path, Map<String, String> query, String bearer) {
    }

    /** An answer: status, headers, body. */
    record Answer(int status, Map<String, String> headers, Object body) {
        static Answer json(int status, Object body) {
            return new Answer(status, new LinkedHashMap<>(), body);
        }

        Answer header(String name, String value) {
            headers.put(name, value);
            return this;
        }
    }

    private final HttpServer server;
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    /** Artificial latency per request, as a provider across the internet has. */
    volatile long latencyMillis;

    FakeProviderServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.createContext("/", this::dispatch);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    public List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    public long count(String pathPart) {
        return seen().stream().filter(s -> s.path().contains(pathPart)).count();
    }

    public void clearSeen() {
        seen.clear();
    }

    abstract Answer handle(String method, String path, Map<String, String> query, Map<String, String> form,
                           String body, String bearer) throws Exception;

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            Map<String, String> form = contentType != null && contentType.startsWith("application/x-www-form-urlencoded")
                    ? parse(body) : Map.of();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String bearer = authorization != null && authorization.startsWith("Bearer ")
                    ? authorization.substring(7) : null;
            seen.add(new Seen(method, path, query, bearer));
            if (latencyMillis > 0) {
                Thread.sleep(latencyMillis);
            }
            Answer answer;
            try {
                answer = handle(method, path, query, form, body, bearer);
            } catch (Exception e) {
                answer = Answer.json(500, Map.of("error", String.valueOf(e)));
            }
            byte[] out = answer.body() == null ? new byte[0] : answer.body() instanceof String s
                    ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(answer.body());
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, String> parse(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(k, v);
        }
        return values;
    }

    /** A query string of the values, encoded. */
    static String encode(Map<String, String> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(java.util.stream.Collectors.joining("&"));
    }

    /** The consent page sending the browser back: 302 to the redirect URI with the query. */
    static Answer redirect(String redirectUri, Map<String, String> query) {
        return new Answer(302, new LinkedHashMap<>(Map.of("Location", redirectUri + "?" + encode(query))), null);
    }

    /** The query of a URL (an authorization URL the server built), decoded. */
    public static Map<String, String> queryOf(String url) {
        return parse(java.net.URI.create(url).getRawQuery());
    }
}
