package com.fitnesscrm.scheduling.service;

import com.fitnesscrm.common.config.AppConfig;
import com.fitnesscrm.common.config.JwtKeys;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.security.Role;
import com.fitnesscrm.scheduling.api.ExportLink;
import com.fitnesscrm.scheduling.api.SessionRequests;
import com.fitnesscrm.scheduling.api.SessionView;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The calendar export. The SPA opens it as a plain link, which carries no Authorization header, so besides the
 * bearer token the export accepts a short-lived signed link: an RS256 token from the same keys as access tokens
 * but with an issuer of its own, so it can never be used as an access token, and it works for five minutes only.
 */
@ApplicationScoped
public class CalendarExportService {

    static final Duration LINK_LIFETIME = Duration.ofMinutes(5);

    private final SessionService sessions;
    private final JWTParser parser;
    private final JWTAuthContextInfo linkContext;
    private final PrivateKey signingKey;
    private final String keyId;
    private final String linkIssuer;
    private final String baseUrl;

    public CalendarExportService(SessionService sessions, JWTParser parser, JWTAuthContextInfo accessContext,
                                 AppConfig config) {
        this.sessions = sessions;
        this.parser = parser;
        this.linkIssuer = config.jwt().issuer() + "/calendar-export";
        this.linkContext = new JWTAuthContextInfo(accessContext);
        this.linkContext.setIssuedBy(linkIssuer);
        this.signingKey = JwtKeys.privateKey(config.jwt().privateKey());
        this.keyId = config.jwt().keyId();
        this.baseUrl = config.baseUrl().replaceAll("/+$", "");
    }

    /** A link to the export with the caller's filters, usable without a bearer token for five minutes. */
    public ExportLink link(Caller caller, SessionRequests.Filter filter) {
        Instant expires = Instant.now().plus(LINK_LIFETIME);
        String token = Jwt.issuer(linkIssuer)
                .subject(String.valueOf(caller.userId()))
                .upn(caller.email())
                .groups(Set.of(caller.role().value()))
                .claim("org", caller.organizationId())
                .expiresAt(expires)
                .jws().keyId(keyId)
                .sign(signingKey);
        StringBuilder url = new StringBuilder(baseUrl).append("/api/sessions/export/ical?access_token=").append(token);
        append(url, "trainer_id", filter.trainerId() == null ? null : filter.trainerId().toString());
        append(url, "client_id", filter.clientId() == null ? null : filter.clientId().toString());
        append(url, "status", filter.status());
        append(url, "start_date", filter.startDate());
        append(url, "end_date", filter.endDate());
        return new ExportLink(url.toString(), expires);
    }

    /** The identity a signed link speaks for; 401 when it is forged, expired or not an export link. */
    public Caller callerOfLink(String token) {
        try {
            JsonWebToken jwt = parser.parse(token, linkContext);
            return Caller.of(Long.parseLong(jwt.getSubject()), Long.parseLong(jwt.getClaim("org").toString()),
                    Role.of(jwt.getGroups().iterator().next()), jwt.getName());
        } catch (ParseException | RuntimeException e) {
            throw ApiException.unauthorized("invalid_link", "This calendar link is invalid or has expired");
        }
    }

    /** The sessions the caller may see, as an RFC 5545 calendar. */
    public String ics(Caller caller, SessionRequests.Filter filter) {
        List<SessionView> visible = sessions.sessions(caller, filter);
        List<ICalendarWriter.Event> events = visible.stream().map(s -> new ICalendarWriter.Event(
                "session-" + s.id() + "@fitnesscrm.app", s.sessionDate(), s.endTime(),
                s.updatedAt() == null ? s.sessionDate() : s.updatedAt(),
                (s.sessionType() == null ? "Training session" : s.sessionType())
                        + (s.clientName() == null ? "" : " – " + s.clientName())
                        + (s.trainerName() == null ? "" : " with " + s.trainerName()),
                s.location(), s.notes(), icalStatus(s.status()))).toList();
        return ICalendarWriter.calendar("FitnessCRM sessions", events);
    }

    private static String icalStatus(String status) {
        return switch (status) {
            case "cancelled" -> "CANCELLED";
            case "requested" -> "TENTATIVE";
            default -> "CONFIRMED";
        };
    }

    private static void append(StringBuilder url, String name, String value) {
        if (value != null && !value.isBlank()) {
            url.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
