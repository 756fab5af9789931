package com.fitnesscrm.wearables.service;

import com.fitnesscrm.auth.service.OrganizationService;
import com.fitnesscrm.clients.api.ClientView;
import com.fitnesscrm.clients.service.ClientService;
import com.fitnesscrm.common.config.AppConfig;
import com.fitnesscrm.notifications.service.Notice;
import com.fitnesscrm.notifications.service.NotificationService;
import com.fitnesscrm.wearables.domain.WearableConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Tells a client by email that a wearable needs connecting again (their grant was revoked or expired). */
@ApplicationScoped
public class ConnectionAlerts {

    private final NotificationService notifications;
    private final ClientService clients;
    private final OrganizationService organizations;
    private final AppConfig app;

    public ConnectionAlerts(NotificationService notifications, ClientService clients,
                            OrganizationService organizations, AppConfig app) {
        this.notifications = notifications;
        this.clients = clients;
        this.organizations = organizations;
        this.app = app;
    }

    /** Queues the email in the caller's transaction (the outbox sends it), so it goes out once the mark commits. */
    public void needsReconnect(WearableConnection connection, String providerName) {
        ClientView client = clients.view(connection.organizationId, connection.clientId).orElse(null);
        if (client == null) {
            return;
        }
        String organization = organizations.nameOf(connection.organizationId).orElse("FitnessCRM");
        notifications.send(connection.organizationId, organization, new Notice(client.email(), client.name(),
                "Reconnect your " + providerName, providerName + " needs to be connected again",
                List.of(providerName + " no longer accepts the access you gave us (it was revoked or expired), so"
                                + " your activity stopped syncing to " + organization + ".",
                        "Connect it again to resume; nothing synced so far is lost."),
                "Reconnect " + providerName, app.frontendUrl().replaceAll("/+$", "") + "/client.html#wearables"));
    }
}
