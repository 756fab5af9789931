package com.fitnesscrm.auth.api;

/**
 * Fired, inside the transaction, when a login joins an organization: the registrant of a new organization
 * (role admin, who also trains) or an invitee who accepted. Profile owners (trainers, clients) observe it.
 *
 * @param invitedByUserId the inviter, or null for the registrant
 */
public record MemberJoined(long organizationId, long userId, String role, String name, String email,
                           Long invitedByUserId) {
}
