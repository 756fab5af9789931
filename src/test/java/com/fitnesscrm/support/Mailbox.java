package com.fitnesscrm.support;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what arrived at the test SMTP server. */
public final class Mailbox {

    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_%-]+)");

    private Mailbox() {
    }

    /** Waits for the newest message to a recipient (delivery happens after commit, off the request thread). */
    public static MimeMessage awaitMessage(String to, String subjectPart) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            Optional<MimeMessage> found = Arrays.stream(GreenMailResource.greenMail().getReceivedMessages())
                    .filter(m -> recipient(m).equalsIgnoreCase(to) && subject(m).contains(subjectPart))
                    .reduce((first, second) -> second);
            if (found.isPresent()) {
                return found.get();
            }
            sleep();
        }
        throw new AssertionError("No email '" + subjectPart + "' arrived for " + to);
    }

    public static long countTo(String to) {
        return Arrays.stream(GreenMailResource.greenMail().getReceivedMessages())
                .filter(m -> recipient(m).equalsIgnoreCase(to)).count();
    }

    public static String body(MimeMessage message) {
        return GreenMailUtil.getBody(message);
    }

    /** The token of the link in the message. */
    public static String token(MimeMessage message) {
        Matcher matcher = TOKEN.matcher(body(message));
        if (!matcher.find()) {
            throw new AssertionError("No token link in the email");
        }
        return java.net.URLDecoder.decode(matcher.group(1), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            return "";
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            return "";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
