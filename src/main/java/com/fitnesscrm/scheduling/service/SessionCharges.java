package com.fitnesscrm.scheduling.service;

import com.fitnesscrm.scheduling.api.SessionCredits;
import com.fitnesscrm.scheduling.domain.SchedulingPolicy;
import com.fitnesscrm.scheduling.domain.TrainingSession;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which sessions a client's package pays for: a completed one, and (as the organization's policy says) a no-show
 * or a late cancellation. After every change to a session, {@link #settle} makes the package balance agree with
 * the session as it now stands: a session that became chargeable takes one from the client's package, one that
 * stopped being chargeable (cancelled in time, moved back to scheduled, deleted, given to another client) gives
 * it back. It runs in the session's transaction, so a booking that fails leaves the balance untouched.
 */
@ApplicationScoped
public class SessionCharges {

    private final SessionCredits credits;
    private final BookingRules rules;

    public SessionCharges(SessionCredits credits, BookingRules rules) {
        this.credits = credits;
        this.rules = rules;
    }

    /** Settles the session's package use; {@code previousClientId} is its client before this change. */
    void settle(TrainingSession session, Long previousClientId) {
        boolean clientChanged = previousClientId != null && !previousClientId.equals(session.clientId);
        boolean chargeable = session.deletedAt == null && chargeable(session);
        if (session.paidByPackageId != null && (!chargeable || clientChanged)) {
            credits.giveBack(session.organizationId, session.paidByPackageId);
            session.paidByPackageId = null;
        }
        if (chargeable && session.paidByPackageId == null) {
            session.paidByPackageId = credits.take(session.organizationId, session.clientId, session.startsAt)
                    .orElse(null);
        }
    }

    private boolean chargeable(TrainingSession session) {
        if (TrainingSession.COMPLETED.equals(session.status)) {
            return true;
        }
        boolean noShow = TrainingSession.NO_SHOW.equals(session.status);
        boolean late = TrainingSession.CANCELLED.equals(session.status) && session.lateCancellation;
        if (!noShow && !late) {
            return false;
        }
        SchedulingPolicy policy = rules.policyOf(session.organizationId);
        return noShow ? policy.noShowUsesPackage : policy.lateCancellationUsesPackage;
    }
}
