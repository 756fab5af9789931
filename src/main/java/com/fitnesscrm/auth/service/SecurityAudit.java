package com.fitnesscrm.auth.service;

import com.fitnesscrm.auth.domain.SecurityEvent;
import com.fitnesscrm.common.security.RequestOrigin;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Map;

/** Writes the security audit log: who, from where, what happened. Never records secrets. */
@ApplicationScoped
public class SecurityAudit {

    public static final String LOGIN_SUCCESS = "login_success";
    public static final String LOGIN_FAILURE = "login_failure";
    public static final String REGISTERED = "organization_registered";
    public static final String REFRESH_REUSE = "refresh_token_reuse";
    public static final String LOGOUT = "logout";
    public static final String LOGOUT_ALL = "logout_all";
    public static final String INVITATION_CREATED = "invitation_created";
    public static final String INVITATION_REVOKED = "invitation_revoked";
    public static final String INVITATION_ACCEPTED = "invitation_accepted";
    public static final String PASSWORD_CHANGED = "password_changed";
    public static final String PASSWORD_RESET_REQUESTED = "password_reset_requested";
    public static final String PASSWORD_RESET = "password_reset";
    public static final String PASSWORD_SET_BY_ADMIN = "password_set_by_admin";
    public static final String ROLE_CHANGED = "role_changed";
    public static final String ACCOUNT_CREATED = "account_created";
    public static final String ACCOUNT_DISABLED = "account_disabled";

    private final RequestOrigin origin;
    private final MeterRegistry metrics;

    public SecurityAudit(RequestOrigin origin, MeterRegistry metrics) {
        this.origin = origin;
        this.metrics = metrics;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public void record(String type, Long organizationId, Long userId, String email, Map<String, Object> details) {
        SecurityEvent event = new SecurityEvent();
        event.eventType = type;
        event.organizationId = organizationId;
        event.userId = userId;
        event.email = email;
        event.details = details;
        event.ipAddress = origin.ip();
        event.userAgent = origin.userAgent();
        event.persist();
        // Login failures and refresh-token reuse are alerted on (deploy/monitoring/alerts.yml).
        metrics.counter("fitnesscrm.security.events", "type", type).increment();
    }
}
