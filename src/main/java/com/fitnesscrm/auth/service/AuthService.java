package com.fitnesscrm.auth.service;

import com.fitnesscrm.auth.api.LoginResponse;
import com.fitnesscrm.auth.api.MemberJoined;
import com.fitnesscrm.auth.api.Requests;
import com.fitnesscrm.auth.api.UserView;
import com.fitnesscrm.auth.domain.Invitation;
import com.fitnesscrm.auth.domain.Organization;
import com.fitnesscrm.auth.domain.PasswordResetToken;
import com.fitnesscrm.auth.domain.RefreshToken;
import com.fitnesscrm.auth.domain.UserAccount;
import com.fitnesscrm.common.config.AppConfig;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.security.RateLimiter;
import com.fitnesscrm.common.security.Role;
import com.fitnesscrm.common.security.SecureTokens;
import com.fitnesscrm.common.time.TimeZones;
import com.fitnesscrm.common.web.Text;
import com.fitnesscrm.notifications.service.EmailOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Registration, login, token refresh with rotation and reuse detection, logout, password change and reset,
 * and invitation acceptance. Credential operations count against the per-account rate limit.
 */
@ApplicationScoped
public class AuthService {

    private static final Logger LOG = Logger.getLogger(AuthService.class);
    private static final String INVALID_CREDENTIALS = "Invalid email or password";
    /** organizations.name is VARCHAR(200). */
    static final int ORGANIZATION_NAME_LENGTH = 200;
    static final String STUDIO_SUFFIX = "'s studio";

    private final PasswordService passwords;
    private final TokenService tokens;
    private final SecurityAudit audit;
    private final RateLimiter rateLimiter;
    private final EmailOutbox outbox;
    private final AuthEmails emails;
    private final Event<MemberJoined> memberJoined;
    private final AppConfig config;
    private final SessionService sessions;

    public AuthService(PasswordService passwords, TokenService tokens, SecurityAudit audit, RateLimiter rateLimiter,
                       EmailOutbox outbox, AuthEmails emails, Event<MemberJoined> memberJoined, AppConfig config,
                       SessionService sessions) {
        this.sessions = sessions;
        this.passwords = passwords;
        this.tokens = tokens;
        this.audit = audit;
        this.rateLimiter = rateLimiter;
        this.outbox = outbox;
        this.emails = emails;
        this.memberJoined = memberJoined;
        this.config = config;
    }

    /**
     * A new organization with the registrant as its admin. A role in the request is never honoured.
     * The slow bcrypt hash is computed before the transaction, so no database connection waits on it.
     */
    public LoginResponse register(Requests.Register request) {
        String email = Text.normalizeEmail(request.email());
        rateLimiter.enforceAccount(email);
        passwords.requireStrong("password", request.password(), email, request.name());
        String parsedZone = TimeZones.parse("time_zone", request.timeZone());
        String zone = parsedZone == null ? "UTC" : parsedZone;
        String passwordHash = passwords.hash(request.password());
        return QuarkusTransaction.requiringNew().call(() -> createOrganization(request, email, passwordHash, zone));
    }

    private LoginResponse createOrganization(Requests.Register request, String email, String passwordHash,
                                             String zone) {
        if (UserAccount.findByEmail(email).isPresent()) {
            throw ApiException.conflict("email_taken", "An account with this email already exists");
        }
        String name = Text.blankToNull(request.name()) == null ? email.substring(0, email.indexOf('@'))
                : request.name().trim();
        Organization organization = new Organization();
        // The derived name must fit the 200-character column even for a 200-character owner's name.
        organization.name = Text.blankToNull(request.organizationName()) == null
                ? Text.shortenToWords(name, ORGANIZATION_NAME_LENGTH - STUDIO_SUFFIX.length()) + STUDIO_SUFFIX
                : request.organizationName().trim();
        organization.timeZone = zone;
        organization.persist();

        UserAccount admin = newAccount(organization.id, email, name, Role.ADMIN, passwordHash);
        audit.record(SecurityAudit.REGISTERED, organization.id, admin.id, email,
                request.role() == null ? null : Map.of("ignored_role", request.role()));
        memberJoined.fire(new MemberJoined(organization.id, admin.id, admin.role, name, email, null));
        admin.lastLogin = Instant.now();
        return tokens.startSession(admin, "Registration successful");
    }

    /** What login needs of an account, read without holding a connection through the password check. */
    private record StoredCredentials(long userId, long organizationId, String passwordHash, boolean active) {
    }

    /**
     * Signs in. The account is read in one short transaction and the session written in another; the bcrypt
     * comparison between them holds no database connection, so a burst of logins cannot drain the pool.
     */
    public LoginResponse login(Requests.Login request) {
        String email = Text.normalizeEmail(request.email());
        rateLimiter.enforceAccount(email);
        StoredCredentials stored = QuarkusTransaction.requiringNew().call(() -> UserAccount.findByEmail(email)
                .map(u -> new StoredCredentials(u.id, u.organizationId, u.passwordHash, u.active))
                .orElse(null));
        if (stored == null) {
            passwords.spendEquivalentTime(request.password());
            audit.record(SecurityAudit.LOGIN_FAILURE, null, null, email, Map.of("reason", "unknown_email"));
            throw ApiException.unauthorized("invalid_credentials", INVALID_CREDENTIALS);
        }
        if (!passwords.matches(request.password(), stored.passwordHash())) {
            audit.record(SecurityAudit.LOGIN_FAILURE, stored.organizationId(), stored.userId(), email,
                    Map.of("reason", "wrong_password"));
            throw ApiException.unauthorized("invalid_credentials", INVALID_CREDENTIALS);
        }
        if (!stored.active()) {
            audit.record(SecurityAudit.LOGIN_FAILURE, stored.organizationId(), stored.userId(), email,
                    Map.of("reason", "disabled"));
            throw new ApiException(403, "account_disabled", "This account is disabled");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            UserAccount user = UserAccount.findById(stored.userId());
            user.lastLogin = Instant.now();
            audit.record(SecurityAudit.LOGIN_SUCCESS, user.organizationId, user.id, email, null);
            return tokens.startSession(user, "Login successful");
        });
    }

    /**
     * Rotates a refresh token. A token that was already used means it leaked (or a client misbehaved):
     * the whole family is revoked, so the thief's newer token dies too.
     */
    @Transactional(dontRollbackOn = ApiException.class)
    public LoginResponse refresh(String refreshToken) {
        RefreshToken presented = RefreshToken.findByHashForUpdate(SecureTokens.sha256Hex(refreshToken))
                .orElseThrow(AuthService::invalidRefresh);
        Instant now = Instant.now();
        if (presented.revokedAt != null) {
            throw invalidRefresh();
        }
        if (presented.usedAt != null) {
            int revoked = sessions.end(presented.familyId);
            UserAccount owner = UserAccount.findById(presented.userId);
            audit.record(SecurityAudit.REFRESH_REUSE, owner == null ? null : owner.organizationId, presented.userId,
                    owner == null ? null : owner.email,
                    Map.of("family_id", presented.familyId.toString(), "revoked_tokens", revoked));
            LOG.warnf("Refresh token reuse for user %d: family %s revoked", presented.userId, presented.familyId);
            throw ApiException.unauthorized("refresh_token_reused",
                    "This refresh token was already used; all sessions of this login were signed out");
        }
        if (presented.expiresAt.isBefore(now)) {
            throw invalidRefresh();
        }
        UserAccount user = UserAccount.findById(presented.userId);
        if (user == null || !user.active) {
            throw invalidRefresh();
        }
        presented.usedAt = now;
        return tokens.continueSession(user, presented);
    }

    @Transactional
    public void logout(Caller caller) {
        String family = caller.familyId();
        if (family != null) {
            sessions.end(UUID.fromString(family));
        }
        audit.record(SecurityAudit.LOGOUT, caller.organizationId(), caller.userId(), caller.email(), null);
    }

    @Transactional
    public void logoutEverywhere(Caller caller) {
        int ended = sessions.endAll(caller.userId(), null);
        audit.record(SecurityAudit.LOGOUT_ALL, caller.organizationId(), caller.userId(), caller.email(),
                Map.of("ended_logins", ended));
    }

    /**
     * The caller's own account, read straight into its view: the SPA asks for it on every page, and a managed
     * entity (loaded, snapshotted for dirty checking, then mapped) cost more than the lookup itself.
     */
    public UserView me(Caller caller) {
        return Panache.getEntityManager().createQuery("select new " + UserView.class.getName() + "(u.id, u.email,"
                        + " u.role, u.name, u.organizationId, u.active, u.createdAt, u.lastLogin) from UserAccount u"
                        + " where u.id = ?1 and u.organizationId = ?2", UserView.class)
                .setParameter(1, caller.userId()).setParameter(2, caller.organizationId())
                .getResultStream().findFirst()
                .orElseThrow(() -> ApiException.unauthorized("unauthorized", "This account no longer exists"));
    }

    /** Changes the caller's password and signs out every other session of theirs. */
    @Transactional(dontRollbackOn = ApiException.class)
    public void changePassword(Caller caller, Requests.ChangePassword request) {
        UserAccount user = UserAccount.findInOrganization(caller.organizationId(), caller.userId())
                .orElseThrow(() -> ApiException.unauthorized("unauthorized", "This account no longer exists"));
        rateLimiter.enforceAccount(user.email);
        if (!passwords.matches(request.currentPassword(), user.passwordHash)) {
            throw ApiException.unauthorized("invalid_credentials", "The current password is not correct");
        }
        passwords.requireStrong("new_password", request.newPassword(), user.email, user.name);
        setPassword(user, request.newPassword());
        String family = caller.familyId();
        sessions.endAll(user.id, family == null ? null : UUID.fromString(family));
        audit.record(SecurityAudit.PASSWORD_CHANGED, user.organizationId, user.id, user.email, null);
    }

    /** Emails a reset link when the account exists; the caller learns nothing either way. */
    @Transactional
    public void forgotPassword(String rawEmail) {
        String email = Text.normalizeEmail(rawEmail);
        rateLimiter.enforceAccount(email);
        UserAccount user = UserAccount.findByEmail(email).filter(u -> u.active).orElse(null);
        if (user == null) {
            audit.record(SecurityAudit.PASSWORD_RESET_REQUESTED, null, null, email, Map.of("known", false));
            return;
        }
        // One live link at a time: older unused links stop working.
        PasswordResetToken.update("usedAt = ?1 where userId = ?2 and usedAt is null", Instant.now(), user.id);
        String token = SecureTokens.generate();
        PasswordResetToken reset = new PasswordResetToken();
        reset.userId = user.id;
        reset.tokenHash = SecureTokens.sha256Hex(token);
        reset.expiresAt = Instant.now().plus(config.passwordResetTtl());
        reset.persist();
        outbox.queue(user.organizationId, emails.passwordReset(user.email, user.name, token, reset.expiresAt));
        audit.record(SecurityAudit.PASSWORD_RESET_REQUESTED, user.organizationId, user.id, email, Map.of("known", true));
    }

    @Transactional
    public void resetPassword(Requests.ResetPassword request) {
        PasswordResetToken reset = PasswordResetToken.<PasswordResetToken>find("tokenHash",
                        SecureTokens.sha256Hex(request.token()))
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional()
                .filter(t -> t.usedAt == null && t.expiresAt.isAfter(Instant.now()))
                .orElseThrow(() -> ApiException.badRequest("invalid_token",
                        "This password-reset link is invalid, used or expired; ask for a new one"));
        UserAccount user = UserAccount.findById(reset.userId);
        rateLimiter.enforceAccount(user.email);
        passwords.requireStrong("password", request.password(), user.email, user.name);
        reset.usedAt = Instant.now();
        setPassword(user, request.password());
        sessions.endAll(user.id, null);
        audit.record(SecurityAudit.PASSWORD_RESET, user.organizationId, user.id, user.email, null);
    }

    /**
     * Redeems an invitation: a new login in the inviting organization, with the invited role. The password is
     * hashed between a validating read and the locked write, outside any transaction.
     */
    public LoginResponse acceptInvitation(Requests.AcceptInvite request) {
        String tokenHash = SecureTokens.sha256Hex(request.token());
        Invitation pending = QuarkusTransaction.requiringNew().call(() -> pendingInvitation(tokenHash, false));
        rateLimiter.enforceAccount(pending.email);
        passwords.requireStrong("password", request.password(), pending.email, pending.name);
        String passwordHash = passwords.hash(request.password());
        return QuarkusTransaction.requiringNew().call(() -> {
            // Locked and checked again: two concurrent acceptances cannot both succeed.
            Invitation invitation = pendingInvitation(tokenHash, true);
            if (UserAccount.findByEmail(invitation.email).isPresent()) {
                throw ApiException.conflict("email_taken",
                        "An account with this email already exists; sign in instead");
            }
            String name = invitation.name == null
                    ? invitation.email.substring(0, invitation.email.indexOf('@')) : invitation.name;
            UserAccount user = newAccount(invitation.organizationId, invitation.email, name,
                    Role.of(invitation.role), passwordHash);
            invitation.acceptedAt = Instant.now();
            user.lastLogin = Instant.now();
            audit.record(SecurityAudit.INVITATION_ACCEPTED, user.organizationId, user.id, user.email,
                    Map.of("invitation_id", invitation.id, "role", invitation.role));
            memberJoined.fire(new MemberJoined(user.organizationId, user.id, user.role, name, user.email,
                    invitation.invitedBy));
            return tokens.startSession(user, "Invitation accepted");
        });
    }

    private static Invitation pendingInvitation(String tokenHash, boolean lock) {
        var query = Invitation.<Invitation>find("tokenHash", tokenHash);
        if (lock) {
            query.withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        }
        return query.firstResultOptional()
                .filter(i -> "pending".equals(i.status(Instant.now())))
                .orElseThrow(() -> ApiException.badRequest("invalid_token",
                        "This invitation is invalid, already used, revoked or expired"));
    }

    UserAccount newAccount(long organizationId, String email, String name, Role role, String passwordHash) {
        UserAccount user = new UserAccount();
        user.organizationId = organizationId;
        user.email = email;
        user.name = name;
        user.role = role.value();
        user.passwordHash = passwordHash;
        user.persist();
        return user;
    }

    private void setPassword(UserAccount user, String password) {
        user.passwordHash = passwords.hash(password);
        user.passwordChangedAt = Instant.now();
        user.updatedAt = Instant.now();
    }

    private static ApiException invalidRefresh() {
        return ApiException.unauthorized("invalid_refresh_token", "The refresh token is invalid or expired");
    }
}
