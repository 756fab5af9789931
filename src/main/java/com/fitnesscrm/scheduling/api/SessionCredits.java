package com.fitnesscrm.scheduling.api;

import java.time.Instant;
import java.util.Optional;

/**
 * Prepaid sessions, as scheduling needs them: a session that is completed (or charged under the organization's
 * policy) takes one session from a package the client bought, and gives it back when it is cancelled in time.
 * Billing keeps the packages and implements this; scheduling records on the session which package paid. So that
 * scheduling never depends on billing, scheduling declares it and billing implements it (as clients implements
 * {@code trainers.api.ClientTrainers}).
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
