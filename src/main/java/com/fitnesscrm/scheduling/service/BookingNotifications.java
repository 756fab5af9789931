package com.fitnesscrm.scheduling.service;

import com.fitnesscrm.auth.service.OrganizationService;
import com.fitnesscrm.clients.api.ClientView;
import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.config.AppConfig;
import com.fitnesscrm.notifications.service.Notice;
import com.fitnesscrm.notifications.service.NotificationService;
import com.fitnesscrm.scheduling.domain.TrainingSession;
import com.fitnesscrm.trainers.api.TrainerView;
import com.fitnesscrm.trainers.service.TrainerService;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The messages a booking's two sides receive as it moves from request to confirmation, decline or cancellation. */
@ApplicationScoped
public class BookingNotifications {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm (zzz)",
            Locale.ENGLISH);

    private final NotificationService notifications;
    private final TrainerService trainers;
    private final ClientService clients;
    private final OrganizationService organizations;
    private final String frontendUrl;

    public BookingNotifications(NotificationService notifications, TrainerService trainers, ClientService clients,
                                OrganizationService organizations, AppConfig config) {
        this.notifications = notifications;
        this.trainers = trainers;
        this.clients = clients;
        this.organizations = organizations;
        this.frontendUrl = config.frontendUrl().replaceAll("/+$", "");
    }

    /** To the trainer: a client asked for a slot. */
    void requested(TrainingSession session) {
        Parties p = parties(session);
        send(session, p.trainerEmail, p.trainerName, "Session request from " + p.clientName,
                p.clientName + " asked for a session with you.", facts(session, p, null),
                "Confirm or decline it", frontendUrl + "/trainer.html");
    }

    /** To the client: the trainer confirmed their request. */
    void confirmed(TrainingSession session) {
        Parties p = parties(session);
        send(session, p.clientEmail, p.clientName, "Your session is confirmed",
                p.trainerName + " confirmed your session.", facts(session, p, null),
                "See your sessions", frontendUrl + "/client.html");
    }

    /** To the client: the trainer could not take the requested slot. */
    void declined(TrainingSession session, String reason) {
        Parties p = parties(session);
        send(session, p.clientEmail, p.clientName, "Your session request was declined",
                p.trainerName + " cannot take the session you asked for.", facts(session, p, reason),
                "Pick another time", frontendUrl + "/client.html");
    }

    /** To the trainer: their client cancelled; a late cancellation says so. */
    void cancelledByClient(TrainingSession session) {
        Parties p = parties(session);
        String headline = p.clientName + " cancelled a session"
                + (session.lateCancellation ? ", inside your cancellation window (late cancellation)." : ".");
        send(session, p.trainerEmail, p.trainerName, "Session cancelled by " + p.clientName, headline,
                facts(session, p, null), null, null);
    }

    private List<String> facts(TrainingSession session, Parties p, String reason) {
        ZoneId zone = organizations.zoneOf(session.organizationId);
        List<String> lines = new ArrayList<>();
        lines.add("When: " + WHEN.format(session.startsAt.atZone(zone)) + ", "
                + Duration.between(session.startsAt, session.endsAt).toMinutes() + " minutes");
        lines.add("Trainer: " + p.trainerName + " · Client: " + p.clientName);
        if (session.sessionType != null) {
            lines.add("Type: " + session.sessionType);
        }
        if (session.location != null) {
            lines.add("Where: " + session.location);
        }
        if (reason != null && !reason.isBlank()) {
            lines.add("Note: " + reason.trim());
        }
        return lines;
    }

    private void send(TrainingSession session, String email, String name, String subject, String headline,
                      List<String> lines, String linkLabel, String link) {
        String organization = organizations.nameOf(session.organizationId).orElse("FitnessCRM");
        notifications.send(session.organizationId, organization,
                new Notice(email, name, subject, headline, lines, linkLabel, link));
    }

    private Parties parties(TrainingSession session) {
        TrainerView trainer = trainers.view(session.organizationId, session.trainerId).orElse(null);
        ClientView client = clients.view(session.organizationId, session.clientId).orElse(null);
        return new Parties(trainer == null ? "Your trainer" : trainer.name(), trainer == null ? null : trainer.email(),
                client == null ? "Your client" : client.name(), client == null ? null : client.email());
    }

    private record Parties(String trainerName, String trainerEmail, String clientName, String clientEmail) {
    }
}
