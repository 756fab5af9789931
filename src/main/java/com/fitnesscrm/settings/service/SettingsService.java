package com.fitnesscrm.settings.service;

import com.fitnesscrm.auth.service.OrganizationService;
import com.fitnesscrm.common.activity.ActivityEvent;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.security.SecretBox;
import com.fitnesscrm.common.time.TimeZones;
import com.fitnesscrm.common.web.Text;
import com.fitnesscrm.scheduling.api.CalendarFeedView;
import com.fitnesscrm.scheduling.domain.SchedulingPolicy;
import com.fitnesscrm.scheduling.service.CalendarFeedService;
import com.fitnesscrm.scheduling.service.ScheduleService;
import com.fitnesscrm.settings.api.SettingsRequest;
import com.fitnesscrm.settings.api.SettingsView;
import com.fitnesscrm.settings.domain.OrganizationSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The settings page. Business details, credentials and the scheduling policy belong to the organization and only
 * admins change them; anyone may set their own time zone and unit system. Credentials are stored encrypted and only
 * ever shown as "***": the SPA sends the mask or "" back when the field was left alone, and both keep the stored
 * value.
 */
@ApplicationScoped
public class SettingsService {

    public static final String MASK = "***";
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    /** Outcome of a save: the settings and whether the organization's row was created by it. */
    public record Saved(SettingsView settings, boolean created) {
    }

    private final OrganizationService organizations;
    private final ScheduleService schedule;
    private final CalendarFeedService feeds;
    private final SecretBox secrets;
    private final Event<ActivityEvent> activity;

    public SettingsService(OrganizationService organizations, ScheduleService schedule, CalendarFeedService feeds,
                           SecretBox secrets, Event<ActivityEvent> activity) {
        this.organizations = organizations;
        this.schedule = schedule;
        this.feeds = feeds;
        this.secrets = secrets;
        this.activity = activity;
    }

    public SettingsView get(Caller caller) {
        OrganizationSettings stored = OrganizationSettings.findById(caller.organizationId());
        return view(caller, stored);
    }

    /** {@code createOnly}: the SPA's POST, which refuses when settings were already saved (409). */
    @Transactional
    public Saved save(Caller caller, SettingsRequest request, boolean createOnly) {
        long org = caller.organizationId();
        List<String> changed = new ArrayList<>();
        if (request.userTimeZone() != null) {
            organizations.setUserTimeZone(caller, TimeZones.parse("user_time_zone", request.userTimeZone()));
            changed.add("user_time_zone");
        }
        if (request.unitSystem() != null) {
            organizations.setUnitSystem(caller, unitSystem(request.unitSystem()));
            changed.add("unit_system");
        }
        boolean organizationFields = touchesOrganization(request);
        if ((organizationFields || createOnly) && !caller.isAdmin()) {
            throw ApiException.forbidden("Only an admin can change the organization's settings");
        }
        if (organizationFields || createOnly) {
            // Two admins saving the first settings at once: the second waits and then updates the first's row.
            organizations.lockOrganization(org);
        }
        OrganizationSettings stored = OrganizationSettings.findById(org);
        boolean created = stored == null;
        if (!created && createOnly) {
            throw ApiException.conflict("settings_exist", "Settings already exist; update them with PUT");
        }
        if (organizationFields || createOnly) {
            if (created) {
                stored = new OrganizationSettings();
                stored.organizationId = org;
            }
            apply(stored, request, changed);
            if (request.timeZone() != null) {
                String zone = TimeZones.parse("time_zone", request.timeZone());
                if (zone == null) {
                    throw ApiException.invalidField("time_zone", "must be an IANA time zone such as Europe/London");
                }
                organizations.setTimeZone(org, zone);
                changed.add("time_zone");
            }
            if (request.workingHours() != null) {
                schedule.setDefaultWorkingHours(org, request.workingHours());
                changed.add("working_hours");
            }
            if (request.bufferMinutes() != null || request.cancellationWindowHours() != null
                    || request.lateCancellationUsesPackage() != null || request.noShowUsesPackage() != null) {
                schedule.setPolicy(org, request.bufferMinutes(), request.cancellationWindowHours(),
                        request.lateCancellationUsesPackage(), request.noShowUsesPackage());
                changed.add("scheduling_policy");
            }
            stored.updatedAt = Instant.now();
            stored.persist();
        } else {
            created = false;
        }
        activity.fire(ActivityEvent.of(caller, created ? ActivityEvent.CREATE : ActivityEvent.UPDATE, "settings", org)
                .withDetails(Map.of("fields", changed)));
        return new Saved(view(caller, stored), created);
    }

    private static boolean touchesOrganization(SettingsRequest r) {
        return r.businessName() != null || r.ownerName() != null || r.contactEmail() != null
                || r.contactPhone() != null || r.address() != null || r.website() != null || r.logoUrl() != null
                || r.sendgridApiKey() != null || r.sendgridFromEmail() != null || r.sendgridFromName() != null
                || r.sendgridEnabled() != null || r.twilioAccountSid() != null || r.twilioAuthToken() != null
                || r.twilioPhoneNumber() != null || r.twilioEnabled() != null || r.timeZone() != null
                || r.workingHours() != null || r.bufferMinutes() != null || r.cancellationWindowHours() != null
                || r.lateCancellationUsesPackage() != null || r.noShowUsesPackage() != null;
    }

    private void apply(OrganizationSettings s, SettingsRequest r, List<String> changed) {
        if (r.businessName() != null) {
            s.businessName = Text.blankToNull(r.businessName());
            changed.add("business_name");
        }
        if (r.ownerName() != null) {
            s.ownerName = Text.blankToNull(r.ownerName());
            changed.add("owner_name");
        }
        if (r.contactEmail() != null) {
            s.contactEmail = email("contact_email", r.contactEmail());
            changed.add("contact_email");
        }
        if (r.contactPhone() != null) {
            s.contactPhone = Text.blankToNull(r.contactPhone());
            changed.add("contact_phone");
        }
        if (r.address() != null) {
            s.address = Text.blankToNull(r.address());
            changed.add("address");
        }
        if (r.website() != null) {
            s.website = url("website", r.website());
            changed.add("website");
        }
        if (r.logoUrl() != null) {
            s.logoUrl = url("logo_url", r.logoUrl());
            changed.add("logo_url");
        }
        if (isNewSecret(r.sendgridApiKey())) {
            s.sendgridApiKeyCiphertext = secrets.encrypt(r.sendgridApiKey().trim());
            changed.add("sendgrid_api_key");
        }
        if (r.sendgridFromEmail() != null) {
            s.sendgridFromEmail = email("sendgrid_from_email", r.sendgridFromEmail());
            changed.add("sendgrid_from_email");
        }
        if (r.sendgridFromName() != null) {
            s.sendgridFromName = Text.blankToNull(r.sendgridFromName());
            changed.add("sendgrid_from_name");
        }
        if (r.sendgridEnabled() != null) {
            s.sendgridEnabled = r.sendgridEnabled();
            changed.add("sendgrid_enabled");
        }
        if (isNewSecret(r.twilioAccountSid())) {
            s.twilioAccountSidCiphertext = secrets.encrypt(r.twilioAccountSid().trim());
            changed.add("twilio_account_sid");
        }
        if (isNewSecret(r.twilioAuthToken())) {
            s.twilioAuthTokenCiphertext = secrets.encrypt(r.twilioAuthToken().trim());
            changed.add("twilio_auth_token");
        }
        if (r.twilioPhoneNumber() != null) {
            s.twilioPhoneNumber = Text.blankToNull(r.twilioPhoneNumber());
            changed.add("twilio_phone_number");
        }
        if (r.twilioEnabled() != null) {
            s.twilioEnabled = r.twilioEnabled();
            changed.add("twilio_enabled");
        }
    }

    /** Blank or the mask means "left alone": the stored secret stays. */
    private static boolean isNewSecret(String value) {
        return Text.blankToNull(value) != null && !MASK.equals(value.trim());
    }

    /** "" returns to the default; "Imperial" reads as imperial. */
    private static String unitSystem(String value) {
        String system = Text.blankToNull(value);
        if (system == null) {
            return OrganizationService.METRIC;
        }
        system = system.toLowerCase(java.util.Locale.ROOT);
        if (!OrganizationService.METRIC.equals(system) && !OrganizationService.IMPERIAL.equals(system)) {
            throw ApiException.invalidField("unit_system", "must be metric or imperial");
        }
        return system;
    }

    private static String email(String field, String value) {
        String email = Text.blankToNull(value);
        if (email != null && !EMAIL.matcher(email.trim()).matches()) {
            throw ApiException.invalidField(field, "must be an email address");
        }
        return email == null ? null : email.trim();
    }

    private static String url(String field, String value) {
        String url = Text.blankToNull(value);
        if (url == null) {
            return null;
        }
        String candidate = url.trim().matches("(?i)^https?://.*") ? url.trim() : "https://" + url.trim();
        try {
            URI uri = URI.create(candidate);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return candidate;
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, "must be a web address such as https://studio.example");
        }
    }

    private SettingsView view(Caller caller, OrganizationSettings s) {
        long org = caller.organizationId();
        boolean admin = caller.isAdmin();
        SchedulingPolicy policy = schedule.policy(org);
        String feedUrl = feeds.current(caller).map(CalendarFeedView::url).orElse(null);
        String zone = organizations.zoneOf(org).getId();
        String userZone = organizations.userTimeZone(caller).orElse(null);
        String units = organizations.unitSystem(caller);
        if (s == null) {
            return new SettingsView(org, organizations.nameOf(org).orElse(null), null, null, null, null, null, null,
                    null, null, null, false, null, null, null, false, zone, userZone, units,
                    schedule.defaultWorkingHours(org), policy.bufferMinutes, policy.cancellationWindowHours,
                    policy.lateCancellationUsesPackage, policy.noShowUsesPackage, feedUrl,
                    null, null);
        }
        // Credentials and sender identities are the admin's business; others see the studio's public details.
        return new SettingsView(org, s.businessName, s.ownerName, s.contactEmail, s.contactPhone, s.address,
                s.website, s.logoUrl,
                admin && s.sendgridApiKeyCiphertext != null ? MASK : null,
                admin ? s.sendgridFromEmail : null, admin ? s.sendgridFromName : null, s.sendgridEnabled,
                admin && s.twilioAccountSidCiphertext != null ? MASK : null,
                admin && s.twilioAuthTokenCiphertext != null ? MASK : null,
                admin ? s.twilioPhoneNumber : null, s.twilioEnabled, zone, userZone, units,
                schedule.defaultWorkingHours(org), policy.bufferMinutes, policy.cancellationWindowHours,
                    policy.lateCancellationUsesPackage, policy.noShowUsesPackage, feedUrl,
                s.createdAt, s.updatedAt);
    }
}
