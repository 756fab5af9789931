package com.fitnesscrm.auth.service;

import com.fitnesscrm.auth.domain.UserAccount;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.Role;
import com.fitnesscrm.common.web.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Map;

/**
 * Logins managed on someone's behalf: the trainer and client forms create, re-password, rename and disable the
 * login behind a profile. Every operation is confined to the given organization.
 */
@ApplicationScoped
public class AccountService {

    private final AuthService auth;
    private final PasswordService passwords;
    private final SecurityAudit audit;
    private final SessionService sessions;

    public AccountService(AuthService auth, PasswordService passwords, SecurityAudit audit, SessionService sessions) {
        this.sessions = sessions;
        this.auth = auth;
        this.passwords = passwords;
        this.audit = audit;
    }

    public boolean emailRegistered(String email) {
        return UserAccount.findByEmail(Text.normalizeEmail(email)).isPresent();
    }

    /** Creates a login for a profile; 409 when the email already has one anywhere. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long createLogin(long organizationId, String email, String name, Role role, String password,
                            long createdByUserId) {
        String normalized = Text.normalizeEmail(email);
        if (UserAccount.findByEmail(normalized).isPresent()) {
            throw ApiException.conflict("email_taken", "An account with this email already exists");
        }
        passwords.requireStrong("password", password, normalized, name);
        UserAccount user = auth.newAccount(organizationId, normalized, name, role, passwords.hash(password));
        audit.record(SecurityAudit.ACCOUNT_CREATED, organizationId, user.id, normalized,
                Map.of("role", role.value(), "created_by", createdByUserId));
        return user.id;
    }

    /** An admin (or trainer, for their client) sets a password; every session of that login ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void setPassword(long organizationId, long userId, String password, long actorUserId) {
        UserAccount user = UserAccount.findInOrganization(organizationId, userId)
                .orElseThrow(() -> ApiException.notFound("Account"));
        passwords.requireStrong("password", password, user.email, user.name);
        user.passwordHash = passwords.hash(password);
        user.passwordChangedAt = Instant.now();
        sessions.endAll(user.id, null);
        audit.record(SecurityAudit.PASSWORD_SET_BY_ADMIN, organizationId, user.id, user.email,
                Map.of("actor_user_id", actorUserId));
    }

    /** Keeps the login's email and name in step with the profile's. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void updateIdentity(long organizationId, long userId, String email, String name) {
        UserAccount user = UserAccount.findInOrganization(organizationId, userId).orElse(null);
        if (user == null) {
            return;
        }
        String normalized = Text.normalizeEmail(email);
        if (normalized != null && !normalized.equals(user.email)) {
            if (UserAccount.findByEmail(normalized).isPresent()) {
                throw ApiException.conflict("email_taken", "An account with this email already exists");
            }
            user.email = normalized;
        }
        if (name != null) {
            user.name = name;
        }
        user.updatedAt = Instant.now();
    }

    /** Disables a login and ends its sessions (profile deletion keeps history, so the row stays). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void disable(long organizationId, long userId, long actorUserId) {
        UserAccount.findInOrganization(organizationId, userId)
                .filter(user -> !Role.ADMIN.value().equals(user.role)) // an admin who also trains keeps their login
                .ifPresent(user -> {
            user.active = false;
            user.updatedAt = Instant.now();
            sessions.endAll(user.id, null);
            audit.record(SecurityAudit.ACCOUNT_DISABLED, organizationId, user.id, user.email,
                    Map.of("actor_user_id", actorUserId));
        });
    }
}
