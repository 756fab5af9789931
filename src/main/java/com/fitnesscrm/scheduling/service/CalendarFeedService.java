package com.fitnesscrm.scheduling.service;

import com.fitnesscrm.auth.service.OrganizationService;
import com.fitnesscrm.common.config.AppConfig;
import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.common.security.SecretBox;
import com.fitnesscrm.common.security.SecureTokens;
import com.fitnesscrm.scheduling.api.CalendarFeedView;
import com.fitnesscrm.scheduling.api.SessionRequests;
import com.fitnesscrm.scheduling.domain.CalendarFeed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Per-user calendar subscriptions. Calendar apps poll a URL and cannot send a bearer token, so the URL itself is
 * the secret: 256 random bits, looked up by hash, revocable and rotatable, showing what the user may see.
 */
@ApplicationScoped
public class CalendarFeedService {

    private static final Logger LOG = Logger.getLogger(CalendarFeedService.class);

    /** How far back and ahead a feed reaches: enough for a calendar app, bounded for the database. */
    static final Duration PAST = Duration.ofDays(60);
    static final Duration AHEAD = Duration.ofDays(400);

    private final CalendarExportService export;
    private final OrganizationService organizations;
    private final SecretBox secrets;
    private final String baseUrl;

    public CalendarFeedService(CalendarExportService export, OrganizationService organizations, SecretBox secrets,
                               AppConfig config) {
        this.export = export;
        this.organizations = organizations;
        this.secrets = secrets;
        this.baseUrl = config.baseUrl().replaceAll("/+$", "");
    }

    /**
     * The caller's feed; empty when there is none, or when its stored token can no longer be decrypted (the
     * ENCRYPTION_KEY changed): the user then simply issues a new URL.
     */
    public Optional<CalendarFeedView> current(Caller caller) {
        return Optional.ofNullable(CalendarFeed.<CalendarFeed>findById(caller.userId()))
                .filter(feed -> feed.organizationId == caller.organizationId())
                .flatMap(feed -> {
                    try {
                        return Optional.of(view(feed));
                    } catch (IllegalArgumentException unreadable) {
                        LOG.warnf("Calendar feed of user %d cannot be decrypted with the current ENCRYPTION_KEY",
                                feed.userId);
                        return Optional.empty();
                    }
                });
    }

    /** A new secret URL; any earlier one stops working at once. */
    @Transactional
    public CalendarFeedView issue(Caller caller) {
        // Two rotations at once: the second waits, then replaces the first's row.
        organizations.lockMember(caller);
        String token = SecureTokens.generate();
        CalendarFeed feed = CalendarFeed.<CalendarFeed>findByIdOptional(caller.userId()).orElseGet(CalendarFeed::new);
        feed.userId = caller.userId();
        feed.organizationId = caller.organizationId();
        feed.tokenHash = SecureTokens.sha256Hex(token);
        feed.tokenCiphertext = secrets.encrypt(token);
        feed.createdAt = Instant.now();
        feed.lastPolledAt = null;
        feed.persist();
        return view(feed);
    }

    @Transactional
    public boolean revoke(Caller caller) {
        return CalendarFeed.delete("userId = ?1 and organizationId = ?2", caller.userId(), caller.organizationId()) > 0;
    }

    /** The calendar behind a feed token, or empty for an unknown or revoked token or a deactivated user. */
    @Transactional
    public Optional<String> ics(String token) {
        Optional<CalendarFeed> feed = CalendarFeed.findByTokenHash(SecureTokens.sha256Hex(token));
        if (feed.isEmpty()) {
            return Optional.empty();
        }
        Optional<Caller> owner = organizations.memberAsCaller(feed.get().organizationId, feed.get().userId);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        feed.get().lastPolledAt = Instant.now();
        Instant now = Instant.now();
        return Optional.of(export.ics(owner.get(), new SessionRequests.Filter(null, null, null,
                now.minus(PAST).toString(), now.plus(AHEAD).toString())));
    }

    private CalendarFeedView view(CalendarFeed feed) {
        String token = secrets.decrypt(feed.tokenCiphertext);
        return new CalendarFeedView(baseUrl + "/api/calendar/feed/" + token + ".ics", feed.createdAt,
                feed.lastPolledAt);
    }
}
