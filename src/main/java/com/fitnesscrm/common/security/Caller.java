package com.fitnesscrm.common.security;

/**
 * Who a service acts for: the verified caller of a request ({@link CurrentUser}), or an explicit identity for
 * work that has no request (demo data, scheduled jobs acting for a user).
 */
public interface Caller {

    long userId();

    long organizationId();

    Role role();

    String email();

    /** The refresh-token family of the current login, or null outside a request. */
    String familyId();

    default boolean isAdmin() {
        return role() == Role.ADMIN;
    }

    default boolean isTrainer() {
        return role() == Role.TRAINER;
    }

    default boolean isClient() {
        return role() == Role.CLIENT;
    }

    static Caller of(long userId, long organizationId, Role role, String email) {
        return new Fixed(userId, organizationId, role, email);
    }

    record Fixed(long userId, long organizationId, Role role, String email) implements Caller {
        @Override
        public String familyId() {
            return null;
        }
    }
}
