package com.fitnesscrm.auth.service;

import com.fitnesscrm.auth.domain.RefreshToken;
import com.fitnesscrm.common.security.SessionRevocations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * Ends logins. A login is a refresh-token family: its refresh tokens are revoked in the database and its access
 * tokens are refused from now on through {@link SessionRevocations}.
 */
@ApplicationScoped
public class SessionService {

    private final SessionRevocations revocations;

    public SessionService(SessionRevocations revocations) {
        this.revocations = revocations;
    }

    /** @return how many refresh tokens were revoked */
    @Transactional(Transactional.TxType.MANDATORY)
    public int end(UUID family) {
        int revoked = RefreshToken.revokeFamily(family);
        revocations.revokeFamily(family.toString());
        return revoked;
    }

    /** Ends every login of the user except {@code kept} (null: all of them). @return the logins ended */
    @Transactional(Transactional.TxType.MANDATORY)
    public int endAll(long userId, UUID kept) {
        List<UUID> families = RefreshToken.liveFamilies(userId).stream().filter(f -> !f.equals(kept)).toList();
        families.forEach(this::end);
        return families.size();
    }
}
