package com.fitnesscrm.notifications.service;

/** A rendered email: plain-text and HTML parts of the same message. */
public record EmailMessage(String to, String subject, String textBody, String htmlBody) {
}
