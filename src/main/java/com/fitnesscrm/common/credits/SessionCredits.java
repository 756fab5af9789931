package com.fitnesscrm.common.credits;

import java.time.Instant;
import java.util.Optional;

/**
 * Prepaid sessions, as scheduling needs them: a session that is completed (or charged under the organization's
 * policy) takes one session from a package the client bought, and gives it back when it is cancelled in time.
 * Billing keeps the packages and implements this; scheduling records on the session which package paid. The
 * interface lives here so that neither feature imports the other's internals and scheduling never depends on
 * billing (which depends on clients, which scheduling uses too).
 *
 * <p>Both methods join the caller's transaction: the session's change and the package's balance commit together.
 */
public interface SessionCredits {

    /**
     * Takes one session from the client's package that is usable at {@code sessionStart} (bought, not void, not
     * expired then, sessions left), soonest to expire first. The package's id, or empty when the client has none.
     */
    Optional<Long> take(long organizationId, long clientId, Instant sessionStart);

    /** Gives back the session {@code packageId} paid for. */
    void giveBack(long organizationId, long packageId);
}
