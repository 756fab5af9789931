package com.fitnesscrm.auth.service;

import com.fitnesscrm.auth.domain.Organization;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneId;
import java.time.ZoneOffset;

/** Facts about an organization that other features need, such as the time zone its people think in. */
@ApplicationScoped
public class OrganizationService {

    public ZoneId zoneOf(long organizationId) {
        Organization organization = Organization.findById(organizationId);
        if (organization == null || organization.timeZone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(organization.timeZone);
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
