package com.fitnesscrm.notifications.service;

import java.util.List;

/**
 * Something a person should hear about, independent of the channel: a headline, a few lines of facts and an
 * optional link. Email renders it today; SMS and in-app messages can render the same notice later.
 */
public record Notice(String recipientEmail, String recipientName, String subject, String headline,
                     List<String> lines, String linkLabel, String link) {
}
