package com.fitnesscrm.auth.service;

import com.fitnesscrm.common.config.AppConfig;
import com.fitnesscrm.notifications.service.EmailMessage;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Renders the invitation and password-reset emails (plain text and HTML) from Qute templates. */
@ApplicationScoped
public class AuthEmails {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Location("email/invitation.txt")
    Template invitationText;
    @Location("email/invitation.html")
    Template invitationHtml;
    @Location("email/password-reset.txt")
    Template resetText;
    @Location("email/password-reset.html")
    Template resetHtml;

    private final String frontendUrl;

    public AuthEmails(AppConfig config) {
        this.frontendUrl = config.frontendUrl().replaceAll("/+$", "");
    }

    EmailMessage invitation(String to, String name, String role, String organizationName, String inviterName,
                            String token, Instant expiresAt) {
        String link = frontendUrl + "/accept-invite.html?token=" + encode(token);
        var data = new java.util.HashMap<String, Object>();
        data.put("name", name);
        data.put("role", role);
        data.put("organizationName", organizationName);
        data.put("inviterName", inviterName);
        data.put("link", link);
        data.put("expiresAt", WHEN.format(expiresAt));
        return new EmailMessage(to, "You're invited to " + organizationName + " on FitnessCRM",
                invitationText.data(data).render(), invitationHtml.data(data).render());
    }

    EmailMessage passwordReset(String to, String name, String token, Instant expiresAt) {
        String link = frontendUrl + "/reset-password.html?token=" + encode(token);
        var data = new java.util.HashMap<String, Object>();
        data.put("name", name);
        data.put("email", to);
        data.put("link", link);
        data.put("expiresAt", WHEN.format(expiresAt));
        return new EmailMessage(to, "Reset your FitnessCRM password",
                resetText.data(data).render(), resetHtml.data(data).render());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
