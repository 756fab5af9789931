package com.fitnesscrm.auth.service;

import com.fitnesscrm.auth.api.UserView;
import com.fitnesscrm.auth.domain.UserAccount;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.security.Role;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The organization's logins as its admins manage them: who they are and which staff role they hold. */
@ApplicationScoped
public class MemberService {

    private final SecurityAudit audit;

    public MemberService(SecurityAudit audit) {
        this.audit = audit;
    }

    public List<UserView> list(Caller caller) {
        requireAdmin(caller);
        return UserAccount.<UserAccount>list("organizationId", Sort.by("email"), caller.organizationId())
                .stream().map(Views::user).toList();
    }

    /**
     * Promotes a trainer to admin or an admin back to trainer. Clients are not staff and keep their role; the last
     * admin cannot step down. The new role reaches the user's next access token (at the latest on refresh).
     */
    @Transactional
    public Optional<UserView> changeRole(Caller caller, long userId, String requestedRole) {
        requireAdmin(caller);
        Role role = Role.parse("role", requestedRole, Role.ADMIN, Role.TRAINER);
        Optional<UserAccount> found = UserAccount.findInOrganization(caller.organizationId(), userId);
        found.ifPresent(user -> {
            if (Role.CLIENT.value().equals(user.role)) {
                throw ApiException.conflict("not_staff", "A client's role cannot be changed; invite them as a trainer");
            }
            if (user.role.equals(role.value())) {
                return;
            }
            if (Role.ADMIN.value().equals(user.role)
                    && UserAccount.count("organizationId = ?1 and role = 'admin' and active = true",
                    user.organizationId) <= 1) {
                throw ApiException.conflict("last_admin", "The organization needs at least one admin");
            }
            String previous = user.role;
            user.role = role.value();
            user.updatedAt = Instant.now();
            audit.record(SecurityAudit.ROLE_CHANGED, user.organizationId, user.id, user.email,
                    Map.of("from", previous, "to", role.value(), "actor_user_id", caller.userId()));
        });
        return found.map(Views::user);
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("Only an admin can manage members");
        }
    }
}
