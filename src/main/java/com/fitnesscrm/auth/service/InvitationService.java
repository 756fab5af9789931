package com.fitnesscrm.auth.service;

import com.fitnesscrm.auth.api.InvitationView;
import com.fitnesscrm.auth.api.Requests;
import com.fitnesscrm.auth.domain.Invitation;
import com.fitnesscrm.auth.domain.Organization;
import com.fitnesscrm.auth.domain.UserAccount;
import com.fitnesscrm.common.config.AppConfig;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.security.Role;
import com.fitnesscrm.common.security.SecureTokens;
import com.fitnesscrm.common.web.Text;
import com.fitnesscrm.notifications.service.EmailOutbox;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Invitations: admins invite trainers and clients, trainers invite clients. */
@ApplicationScoped
public class InvitationService {

    private final EmailOutbox outbox;
    private final AuthEmails emails;
    private final SecurityAudit audit;
    private final AppConfig config;

    public InvitationService(EmailOutbox outbox, AuthEmails emails, SecurityAudit audit, AppConfig config) {
        this.outbox = outbox;
        this.emails = emails;
        this.audit = audit;
        this.config = config;
    }

    @Transactional
    public InvitationView invite(Caller caller, Requests.Invite request) {
        Role role = Role.parse("role", request.role(), Role.TRAINER, Role.CLIENT);
        if (role == Role.TRAINER && !caller.isAdmin()) {
            throw ApiException.forbidden("Only an admin can invite trainers");
        }
        if (caller.isClient()) {
            throw ApiException.forbidden("Clients cannot invite");
        }
        String email = Text.normalizeEmail(request.email());
        if (UserAccount.findByEmail(email).isPresent()) {
            throw ApiException.conflict("email_taken", "An account with this email already exists");
        }
        long organizationId = caller.organizationId();
        Instant now = Instant.now();
        // Re-inviting replaces the pending invitation, so only the newest link works.
        Invitation.update("revokedAt = ?1 where organizationId = ?2 and email = ?3 and acceptedAt is null"
                + " and revokedAt is null", now, organizationId, email);

        String token = SecureTokens.generate();
        Invitation invitation = new Invitation();
        invitation.organizationId = organizationId;
        invitation.email = email;
        invitation.name = Text.blankToNull(request.name());
        invitation.role = role.value();
        invitation.tokenHash = SecureTokens.sha256Hex(token);
        invitation.invitedBy = caller.userId();
        invitation.createdAt = now;
        invitation.expiresAt = now.plus(config.invitationTtl());
        invitation.persist();

        Organization organization = Organization.findById(organizationId);
        UserAccount inviter = UserAccount.findById(caller.userId());
        outbox.queue(organizationId, emails.invitation(email, invitation.name, role.value(), organization.name,
                inviter == null || inviter.name == null ? organization.name : inviter.name, token,
                invitation.expiresAt));
        audit.record(SecurityAudit.INVITATION_CREATED, organizationId, caller.userId(), email,
                Map.of("invitation_id", invitation.id, "role", role.value()));
        return Views.invitation(invitation);
    }

    /** Admins see every invitation of the organization; trainers see those they sent. */
    public List<InvitationView> list(Caller caller) {
        if (caller.isClient()) {
            throw ApiException.forbidden("Clients cannot list invitations");
        }
        Sort newestFirst = Sort.descending("createdAt").and("id", Sort.Direction.Descending);
        List<Invitation> invitations = caller.isAdmin()
                ? Invitation.list("organizationId", newestFirst, caller.organizationId())
                : Invitation.list("organizationId = ?1 and invitedBy = ?2", newestFirst, caller.organizationId(),
                caller.userId());
        return invitations.stream().map(Views::invitation).toList();
    }

    @Transactional
    public Optional<InvitationView> revoke(Caller caller, long id) {
        Optional<Invitation> found = Invitation.<Invitation>find("id = ?1 and organizationId = ?2", id,
                        caller.organizationId()).firstResultOptional()
                .filter(i -> caller.isAdmin() || (caller.isTrainer() && i.invitedBy == caller.userId()));
        found.ifPresent(invitation -> {
            if (invitation.acceptedAt != null) {
                throw ApiException.conflict("invitation_accepted", "This invitation was already accepted");
            }
            if (invitation.revokedAt == null) {
                invitation.revokedAt = Instant.now();
                audit.record(SecurityAudit.INVITATION_REVOKED, invitation.organizationId, caller.userId(),
                        invitation.email, Map.of("invitation_id", invitation.id));
            }
        });
        return found.map(Views::invitation);
    }
}
