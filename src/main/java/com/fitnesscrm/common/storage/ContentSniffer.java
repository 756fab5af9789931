package com.fitnesscrm.common.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Recognises an upload by its bytes (magic numbers and container structure), never by its name or the type the
 * browser declared: a text file named photo.jpg is text. Only the types the API accepts are recognised.
 */
public final class ContentSniffer {

    private static final int HEADER_BYTES = 64;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
            (byte) 0xE1};
    private static final byte[] ZIP = {'P', 'K', 3, 4};

    private ContentSniffer() {
    }

    public static Optional<DetectedType> detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEADER_BYTES);
        }
        if (head.length == 0) {
            return Optional.empty();
        }
        if (startsWith(head, 0, PNG)) {
            return Optional.of(DetectedType.PNG);
        }
        if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return Optional.of(DetectedType.JPEG);
        }
        if (startsWith(head, 0, ascii("GIF87a")) || startsWith(head, 0, ascii("GIF89a"))) {
            return Optional.of(DetectedType.GIF);
        }
        if (startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("WEBP"))) {
            return Optional.of(DetectedType.WEBP);
        }
        if (startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("AVI "))) {
            return Optional.of(DetectedType.AVI);
        }
        if (startsWith(head, 0, ascii("%PDF-"))) {
            return Optional.of(DetectedType.PDF);
        }
        if (startsWith(head, 0, OLE2)) {
            // The OLE2 compound file of Word 97–2003 (.doc).
            return Optional.of(DetectedType.DOC);
        }
        Optional<DetectedType> video = isoMedia(head);
        if (video.isPresent()) {
            return video;
        }
        if (startsWith(head, 0, ZIP)) {
            return isWordDocument(file) ? Optional.of(DetectedType.DOCX) : Optional.empty();
        }
        return isUtf8Text(file) ? Optional.of(DetectedType.TXT) : Optional.empty();
    }

    /** ISO base media files (MP4, QuickTime): a box of type ftyp first, whose major brand tells the two apart. */
    private static Optional<DetectedType> isoMedia(byte[] head) {
        if (head.length < 12) {
            return Optional.empty();
        }
        if (startsWith(head, 4, ascii("ftyp"))) {
            return Optional.of(startsWith(head, 8, ascii("qt  ")) ? DetectedType.MOV : DetectedType.MP4);
        }
        // Older QuickTime files start directly with one of these atoms.
        for (String atom : new String[]{"moov", "mdat", "wide", "pnot"}) {
            if (startsWith(head, 4, ascii(atom))) {
                return Optional.of(DetectedType.MOV);
            }
        }
        return Optional.empty();
    }

    /** A .docx is a ZIP (OPC package) with [Content_Types].xml and the document under word/. */
    private static boolean isWordDocument(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            boolean contentTypes = false;
            boolean word = false;
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements() && !(contentTypes && word)) {
                String name = entries.nextElement().getName();
                contentTypes |= name.equals("[Content_Types].xml");
                word |= name.startsWith("word/");
            }
            return contentTypes && word;
        } catch (ZipException e) {
            return false;
        }
    }

    /** Plain text: the whole file decodes as UTF-8 and holds no NUL byte (binary formats nearly always do). */
    private static boolean isUtf8Text(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(8192);
        CharBuffer chars = CharBuffer.allocate(8192);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[8192];
            while (true) {
                int read = in.read(chunk, 0, bytes.remaining());
                boolean end = read < 0;
                if (!end) {
                    for (int i = 0; i < read; i++) {
                        if (chunk[i] == 0) {
                            return false;
                        }
                    }
                    bytes.put(chunk, 0, read);
                }
                bytes.flip();
                if (decoder.decode(bytes, chars, end).isError()) {
                    return false;
                }
                chars.clear();
                bytes.compact();
                if (end) {
                    return !decoder.flush(chars).isError() && bytes.position() == 0;
                }
            }
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        return data.length >= offset + prefix.length
                && Arrays.equals(data, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
