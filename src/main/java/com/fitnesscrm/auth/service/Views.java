package com.fitnesscrm.auth.service;

import com.fitnesscrm.auth.api.InvitationView;
import com.fitnesscrm.auth.api.UserView;
import com.fitnesscrm.auth.domain.Invitation;
import com.fitnesscrm.auth.domain.UserAccount;

import java.time.Instant;

/** Entity to record mapping: entities never leave the service layer. */
final class Views {

    private Views() {
    }

    static UserView user(UserAccount user) {
        return new UserView(user.id, user.email, user.role, user.name, user.organizationId, user.active,
                user.createdAt, user.lastLogin);
    }

    static InvitationView invitation(Invitation invitation) {
        return new InvitationView(invitation.id, invitation.email, invitation.role, invitation.name,
                invitation.status(Instant.now()), invitation.invitedBy, invitation.expiresAt, invitation.acceptedAt,
                invitation.createdAt);
    }
}
