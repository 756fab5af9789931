package com.fitnesscrm.scheduling.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes RFC 5545 iCalendar text: CRLF line ends, lines folded at 75 octets, TEXT values escaped, all times in
 * UTC. Small enough to keep here; the tests parse its output with ical4j to prove it is valid.
 */
final class ICalendarWriter {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    record Event(String uid, Instant start, Instant end, Instant updated, String summary, String location,
                 String description, String status) {
    }

    private final StringBuilder out = new StringBuilder();

    static String calendar(String name, List<Event> events) {
        ICalendarWriter writer = new ICalendarWriter();
        writer.line("BEGIN:VCALENDAR");
        writer.line("VERSION:2.0");
        writer.line("PRODID:-//FitnessCRM//Sessions//EN");
        writer.line("CALSCALE:GREGORIAN");
        writer.line("METHOD:PUBLISH");
        writer.line("X-WR-CALNAME:" + escape(name));
        Instant now = Instant.now();
        for (Event event : events) {
            writer.line("BEGIN:VEVENT");
            writer.line("UID:" + event.uid());
            writer.line("DTSTAMP:" + UTC.format(now));
            writer.line("DTSTART:" + UTC.format(event.start()));
            writer.line("DTEND:" + UTC.format(event.end()));
            writer.line("LAST-MODIFIED:" + UTC.format(event.updated()));
            writer.line("SUMMARY:" + escape(event.summary()));
            if (event.location() != null) {
                writer.line("LOCATION:" + escape(event.location()));
            }
            if (event.description() != null) {
                writer.line("DESCRIPTION:" + escape(event.description()));
            }
            writer.line("STATUS:" + event.status());
            writer.line("END:VEVENT");
        }
        writer.line("END:VCALENDAR");
        return writer.out.toString();
    }

    /** RFC 5545 3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    /** RFC 5545 3.1: lines longer than 75 octets are folded with CRLF and a space, never inside a character. */
    private void line(String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 75) {
            out.append(content).append("\r\n");
            return;
        }
        int limit = 75;
        int octets = 0;
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            String ch = new String(Character.toChars(codePoint));
            int size = ch.getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append(current).append("\r\n ");
                current.setLength(0);
                octets = 0;
                limit = 74; // continuation lines start with the folding space
            }
            current.append(ch);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append(current).append("\r\n");
    }
}
