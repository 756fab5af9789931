package com.fitnesscrm.common.web;

import jakarta.ws.rs.core.Response;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A CSV download: RFC 4180 (Apache Commons CSV does the quoting), UTF-8 with a byte-order mark so spreadsheet
 * programs read accents right, and cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab
 * or carriage return: OWASP's "CSV injection") prefixed with an apostrophe. Numbers are written as numbers.
 */
public final class CsvExport {

    private CsvExport() {
    }

    public static String write(List<String> header, List<List<Object>> rows) {
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().get())) {
            printer.printRecord(header);
            for (List<Object> row : rows) {
                printer.printRecord(row.stream().map(CsvExport::cell).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The response that downloads {@code csv} as {@code filename}. */
    public static Response download(String csv, String filename) {
        return Response.ok(csv, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    static Object cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
