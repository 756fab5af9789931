package com.fitnesscrm.backups.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fitnesscrm.backups.service.BackupConfig;
import com.fitnesscrm.backups.service.BackupService;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * The operator's backup endpoints, on the management interface (its own port, never the public one):
 * {@code POST /q/ops/backups} starts a backup, {@code GET /q/ops/backups} lists them, {@code GET /q/ops/backups/{id}}
 * shows one. Backups hold every organization's data, so they belong to the platform's operator: each call needs
 * {@code Authorization: Bearer <OPS_API_TOKEN>} (compared in constant time), and while no token is configured the
 * endpoints do not exist (404).
 */
@ApplicationScoped
public class BackupOpsRoutes {

    private static final Logger LOG = Logger.getLogger(BackupOpsRoutes.class);
    private static final String BASE = "/q/ops/backups";

    private final BackupService backups;
    private final byte[] token;
    private final ObjectMapper json;

    public BackupOpsRoutes(BackupService backups, BackupConfig config, ObjectMapper json) {
        this.backups = backups;
        this.token = config.opsToken().filter(t -> !t.isBlank())
                .map(t -> t.trim().getBytes(StandardCharsets.UTF_8)).orElse(null);
        this.json = json;
    }

    void install(@Observes ManagementInterface management) {
        management.router().route(BASE + "*").order(-10).handler(this::authorize);
        management.router().post(BASE).blockingHandler(ctx -> respond(ctx, () -> {
            try {
                return Map.entry(202, backups.startNow());
            } catch (BackupService.BackupRunning e) {
                return Map.entry(409, error(409, "backup_running", e.getMessage()));
            } catch (BackupService.BackupsOff e) {
                return Map.entry(503, error(503, "backups_off", e.getMessage()));
            }
        }), false);
        management.router().get(BASE).blockingHandler(ctx -> respond(ctx,
                () -> Map.entry(200, Map.of("backups", backups.list()))), false);
        management.router().get(BASE + "/:id").blockingHandler(ctx -> respond(ctx, () -> backups
                .find(ctx.pathParam("id"))
                .<Map.Entry<Integer, Object>>map(b -> Map.entry(200, b))
                .orElse(Map.entry(404, error(404, "not_found", "No such backup")))), false);
    }

    private void authorize(RoutingContext ctx) {
        if (token == null) {
            send(ctx, 404, error(404, "not_found", "Not found"));
            return;
        }
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        byte[] offered = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(offered, token)) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            send(ctx, 401, error(401, "unauthorized", "The operator token (OPS_API_TOKEN) is required"));
            return;
        }
        ctx.next();
    }

    private void respond(RoutingContext ctx, java.util.function.Supplier<Map.Entry<Integer, Object>> action) {
        try {
            Map.Entry<Integer, Object> answer = action.get();
            send(ctx, answer.getKey(), answer.getValue());
        } catch (RuntimeException e) {
            LOG.errorf(com.fitnesscrm.common.observability.LogSafe.of(e), "Backup endpoint failed");
            send(ctx, 500, error(500, "internal_error", "The backup request failed: see the service log"));
        }
    }

    private void send(RoutingContext ctx, int status, Object body) {
        String text;
        try {
            text = body instanceof JsonObject j ? j.encode() : json.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            status = 500;
            text = error(500, "internal_error", "Unserializable answer").encode();
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(text);
    }

    private static JsonObject error(int status, String code, String message) {
        return new JsonObject().put("error", message).put("status", status).put("code", code);
    }
}
