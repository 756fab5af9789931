package com.fitnesscrm.common.observability;

import io.sentry.Breadcrumb;
import io.sentry.SentryEvent;
import io.sentry.protocol.Message;
import io.sentry.protocol.SentryException;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What leaves the service in an error report: the failure's type, stack and tags, and its message with every
 * piece of personal data or secret cut out. No request (body, headers, cookies), no user object (the user id is a
 * tag), no extra data; messages lose email addresses, phone numbers, tokens, credentials and the row values
 * PostgreSQL quotes in its errors ("Failing row contains (...)", "Key (email)=(...)"), where medical notes and
 * contact details would otherwise travel.
 */
final class SentryScrubber {

    static final String FILTERED = "[Filtered]";

    /** Everything after these markers can quote row values (over several lines): cut to the end of the text. */
    private static final Pattern DATABASE_ROW = Pattern.compile("(?s)Failing row contains \\(.*");
    private static final Pattern DATABASE_KEY = Pattern.compile("Key \\(([^)]*)\\)=\\((.*?)\\)");
    private static final Pattern DATABASE_DETAIL = Pattern.compile("(?is)\\b(detail|context|where|hint|command was):.*");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");
    private static final Pattern CREDENTIAL = Pattern.compile(
            "(?i)\\b(password|passwd|secret|token|api[_-]?key|authorization|cookie)(\\s*[=:]\\s*)\\S+");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ().-]{7,}\\d");
    /** Breadcrumb data keys that name personal, medical or secret fields. */
    private static final Pattern SENSITIVE_KEY = Pattern.compile("(?i).*(password|secret|token|authorization|cookie"
            + "|email|phone|medical|injur|medication|allerg|health|condition|notes|birth|address|body).*");

    private SentryScrubber() {
    }

    static SentryEvent scrub(SentryEvent event) {
        event.setRequest(null);
        event.setUser(null);
        event.setExtras(null);
        event.setServerName(null);
        Message message = event.getMessage();
        if (message != null) {
            message.setFormatted(text(message.getFormatted()));
            message.setMessage(text(message.getMessage()));
            message.setParams(null);
        }
        List<SentryException> exceptions = event.getExceptions();
        if (exceptions != null) {
            exceptions.forEach(e -> e.setValue(text(e.getValue())));
        }
        if (event.getBreadcrumbs() != null) {
            event.getBreadcrumbs().forEach(SentryScrubber::scrub);
        }
        return event;
    }

    static Breadcrumb scrub(Breadcrumb breadcrumb) {
        breadcrumb.setMessage(text(breadcrumb.getMessage()));
        Map<String, Object> data = breadcrumb.getData();
        data.keySet().removeIf(key -> SENSITIVE_KEY.matcher(key).matches());
        data.replaceAll((key, value) -> value instanceof String s ? text(s) : value);
        return breadcrumb;
    }

    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        String out = DATABASE_ROW.matcher(value).replaceAll("Failing row contains (" + FILTERED + ").");
        out = DATABASE_KEY.matcher(out).replaceAll("Key ($1)=(" + FILTERED + ")");
        out = DATABASE_DETAIL.matcher(out).replaceAll("$1: " + FILTERED);
        out = JWT.matcher(out).replaceAll(FILTERED);
        out = BEARER.matcher(out).replaceAll("$1 " + FILTERED);
        out = CREDENTIAL.matcher(out).replaceAll("$1$2" + FILTERED);
        out = EMAIL.matcher(out).replaceAll(FILTERED);
        return PHONE.matcher(out).replaceAll(FILTERED);
    }
}
