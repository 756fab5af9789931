package com.fitnesscrm.auth.service;

import com.fitnesscrm.auth.domain.Organization;
import com.fitnesscrm.auth.domain.UserAccount;
import com.fitnesscrm.common.persistence.RequestMemo;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/** Facts about an organization and its members that other features need, such as the time zone they think in. */
@ApplicationScoped
public class OrganizationService {

    public static final String METRIC = "metric";
    public static final String IMPERIAL = "imperial";
    /**
     * What one request remembers (see {@link RequestMemo}): an organization's zone, a member's zone and units.
     * Only this service writes them, and forgets them when it does.
     */
    static final String MEMO = "organizations";

    private final RequestMemo memo;

    public OrganizationService(RequestMemo memo) {
        this.memo = memo;
    }

    public ZoneId zoneOf(long organizationId) {
        return memo.remember(MEMO, organizationId, () -> {
            Organization organization = Organization.findById(organizationId);
            return organization == null ? ZoneOffset.UTC : zone(organization.timeZone).orElse(ZoneOffset.UTC);
        });
    }

    /**
     * The zone an active member thinks in (their own when set, else the organization's), in one read of their
     * login; empty when there is no such active member.
     */
    public Optional<ZoneId> zoneOfMember(long organizationId, long userId) {
        return UserAccount.findInOrganization(organizationId, userId)
                .filter(user -> user.active)
                .map(user -> zone(user.timeZone).orElseGet(() -> zoneOf(organizationId)));
    }

    /** A member's own settings, read once per request however many features ask. */
    private record MemberSettings(String timeZone, String unitSystem) {
    }

    private Optional<MemberSettings> settingsOf(Caller caller) {
        return memo.remember(MEMO, new MemberKey(caller.organizationId(), caller.userId()),
                () -> UserAccount.findInOrganization(caller.organizationId(), caller.userId())
                        .map(user -> new MemberSettings(user.timeZone, user.unitSystem)));
    }

    private record MemberKey(long organizationId, long userId) {
    }

    /**
     * The zone a caller's wall-clock input means: their own when set (a trainer travelling, a client abroad),
     * else the organization's.
     */
    public ZoneId zoneFor(Caller caller) {
        return userTimeZone(caller).flatMap(OrganizationService::zone).orElseGet(() -> zoneOf(caller.organizationId()));
    }

    public Optional<String> userTimeZone(Caller caller) {
        return settingsOf(caller).map(MemberSettings::timeZone);
    }

    /** {@code metric} or {@code imperial}: the units the caller reads measurements in (metric until they choose). */
    public String unitSystem(Caller caller) {
        return settingsOf(caller).map(MemberSettings::unitSystem).orElse(METRIC);
    }

    /** An active member as a {@link Caller}, for work done on their behalf without a request (calendar feeds). */
    public Optional<Caller> memberAsCaller(long organizationId, long userId) {
        return UserAccount.findInOrganization(organizationId, userId)
                .filter(user -> user.active)
                .map(user -> Caller.of(user.id, user.organizationId, Role.of(user.role), user.email));
    }

    public Optional<String> nameOf(long organizationId) {
        return Optional.ofNullable(Organization.<Organization>findById(organizationId)).map(o -> o.name);
    }

    /**
     * Holds the organization's row until the transaction ends: serializes creating per-organization rows
     * (settings, policies) so concurrent first writes update one row instead of colliding on its key.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockOrganization(long organizationId) {
        Organization.findById(organizationId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    /** As {@link #lockOrganization}, for per-user rows (a calendar feed). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockMember(Caller caller) {
        UserAccount.findById(caller.userId(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    /** {@code zone} is a canonical IANA id (see TimeZones.parse). */
    @Transactional
    public void setTimeZone(long organizationId, String zone) {
        memo.forget(MEMO);
        Organization organization = Organization.findById(organizationId);
        if (organization != null && !zone.equals(organization.timeZone)) {
            organization.timeZone = zone;
            organization.updatedAt = Instant.now();
        }
    }

    /** A null zone returns the user to the organization's. */
    @Transactional
    public void setUserTimeZone(Caller caller, String zone) {
        memo.forget(MEMO);
        UserAccount.findInOrganization(caller.organizationId(), caller.userId()).ifPresent(user -> {
            user.timeZone = zone;
            user.updatedAt = Instant.now();
        });
    }

    /** {@code system} is {@code metric} or {@code imperial}; the settings page checks what users send. */
    @Transactional
    public void setUnitSystem(Caller caller, String system) {
        memo.forget(MEMO);
        if (!METRIC.equals(system) && !IMPERIAL.equals(system)) {
            throw new IllegalArgumentException("unit system " + system);
        }
        UserAccount.findInOrganization(caller.organizationId(), caller.userId()).ifPresent(user -> {
            if (!system.equals(user.unitSystem)) {
                user.unitSystem = system;
                user.updatedAt = Instant.now();
            }
        });
    }

    private static Optional<ZoneId> zone(String id) {
        if (id == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(id));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
