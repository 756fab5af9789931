package com.fitnesscrm.common.storage;

import org.apache.commons.imaging.bytesource.ByteSource;
import org.apache.commons.imaging.formats.jpeg.JpegImageParser;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Removes location data from uploaded images before they are stored. Each format is rewritten as a stream of its
 * segments or chunks, so only one metadata block at a time is in memory, never the image:
 * <ul>
 *   <li>JPEG: the GPS directory is dropped from the EXIF block (commons-imaging's lossless EXIF rewriter, so the
 *   orientation, camera and date tags stay); XMP blocks, which can repeat the location, are dropped whole; an EXIF
 *   block that cannot be parsed is dropped whole.</li>
 *   <li>PNG: the eXIf chunk and text chunks carrying EXIF or XMP profiles are dropped.</li>
 *   <li>WebP: the EXIF and XMP chunks are dropped and the VP8X flags updated.</li>
 *   <li>GIF has no such metadata.</li>
 * </ul>
 */
public final class MetadataStripper {

    /** An image whose structure is broken: refused like any other file that is not what it claims. */
    public static class InvalidImageException extends IOException {
        InvalidImageException(String message) {
            super(message);
        }
    }

    private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0, 0};
    private static final byte[] XMP_HEADER = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] XMP_EXTENSION_HEADER = "http://ns.adobe.com/xmp/extension/\0"
            .getBytes(StandardCharsets.US_ASCII);

    private MetadataStripper() {
    }

    /** Writes {@code source} without location metadata to {@code target}. */
    public static void strip(DetectedType type, Path source, Path target) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(source));
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
            switch (type) {
                case JPEG -> jpeg(new DataInputStream(in), out);
                case PNG -> png(new DataInputStream(in), out);
                case WEBP -> webp(new DataInputStream(in), out, Files.size(source));
                default -> in.transferTo(out);
            }
        } catch (EOFException e) {
            throw new InvalidImageException("The image is truncated");
        }
    }

    // ---------- JPEG ----------

    private static void jpeg(DataInputStream in, OutputStream out) throws IOException {
        if (in.readUnsignedByte() != 0xFF || in.readUnsignedByte() != 0xD8) {
            throw new InvalidImageException("Not a JPEG image");
        }
        out.write(0xFF);
        out.write(0xD8);
        while (true) {
            if (in.readUnsignedByte() != 0xFF) {
                throw new InvalidImageException("Broken JPEG segment structure");
            }
            int marker;
            do {
                marker = in.readUnsignedByte();
            } while (marker == 0xFF);
            if (marker == 0xDA || marker == 0xD9) {
                // Start of scan (the image data, then possibly further scans) or end of image: the metadata
                // segments are behind us, copy the rest as it is.
                out.write(0xFF);
                out.write(marker);
                in.transferTo(out);
                return;
            }
            if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
                out.write(0xFF);
                out.write(marker);
                continue;
            }
            int length = in.readUnsignedShort();
            if (length < 2) {
                throw new InvalidImageException("Broken JPEG segment length");
            }
            byte[] data = new byte[length - 2];
            in.readFully(data);
            if (marker == 0xE1) {
                if (startsWith(data, EXIF_HEADER)) {
                    data = exifWithoutGps(data);
                } else if (startsWith(data, XMP_HEADER) || startsWith(data, XMP_EXTENSION_HEADER)) {
                    data = null;
                }
            }
            if (data != null) {
                writeSegment(out, marker, data);
            }
        }
    }

    /** The APP1 EXIF payload without its GPS directory; null (drop it) when it cannot be parsed. */
    static byte[] exifWithoutGps(byte[] app1) {
        // The rewriter works on whole JPEG files: give it one made of just this segment.
        ByteArrayOutputStream mini = new ByteArrayOutputStream(app1.length + 8);
        mini.write(0xFF);
        mini.write(0xD8);
        writeSegmentUnchecked(mini, 0xE1, app1);
        mini.write(0xFF);
        mini.write(0xD9);
        try {
            byte[] miniJpeg = mini.toByteArray();
            TiffImageMetadata exif = new JpegImageParser().getExifMetadata(ByteSource.array(miniJpeg), null);
            if (exif == null) {
                return null;
            }
            TiffOutputSet original = exif.getOutputSet();
            if (original.getGpsDirectory() == null && original.findField(ExifTagConstants.EXIF_TAG_GPSINFO) == null) {
                return app1;
            }
            TiffOutputSet withoutGps = new TiffOutputSet(original.byteOrder);
            for (TiffOutputDirectory directory : original.getDirectories()) {
                if (directory.getType() != TiffDirectoryConstants.DIRECTORY_TYPE_GPS) {
                    withoutGps.addDirectory(directory);
                }
            }
            withoutGps.removeField(ExifTagConstants.EXIF_TAG_GPSINFO);
            ByteArrayOutputStream rewritten = new ByteArrayOutputStream(miniJpeg.length);
            new ExifRewriter().updateExifMetadataLossless(miniJpeg, rewritten, withoutGps);
            return firstApp1(rewritten.toByteArray());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The payload of the first APP1 segment of a small JPEG made of metadata segments only. */
    private static byte[] firstApp1(byte[] jpeg) {
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xD9) {
                break;
            }
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            if (marker == 0xE1) {
                return Arrays.copyOfRange(jpeg, i + 4, i + 2 + length);
            }
            i += 2 + length;
        }
        return null;
    }

    private static void writeSegment(OutputStream out, int marker, byte[] data) throws IOException {
        if (data.length + 2 > 0xFFFF) {
            throw new InvalidImageException("JPEG segment too long");
        }
        out.write(0xFF);
        out.write(marker);
        out.write((data.length + 2) >> 8);
        out.write((data.length + 2) & 0xFF);
        out.write(data);
    }

    private static void writeSegmentUnchecked(ByteArrayOutputStream out, int marker, byte[] data) {
        try {
            writeSegment(out, marker, data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------- PNG ----------

    private static void png(DataInputStream in, OutputStream out) throws IOException {
        byte[] signature = new byte[8];
        in.readFully(signature);
        out.write(signature);
        while (true) {
            int length = in.readInt();
            byte[] type = new byte[4];
            in.readFully(type);
            if (length < 0) {
                throw new InvalidImageException("Broken PNG chunk length");
            }
            String name = new String(type, StandardCharsets.US_ASCII);
            boolean end = name.equals("IEND");
            boolean drop = name.equals("eXIf") || (isTextChunk(name) && carriesProfile(in, length));
            if (drop) {
                in.skipNBytes(length + 4L);
                continue;
            }
            DataOutput.writeInt(out, length);
            out.write(type);
            copy(in, out, length + 4L);
            if (end) {
                in.transferTo(out);
                return;
            }
        }
    }

    private static boolean isTextChunk(String name) {
        return name.equals("tEXt") || name.equals("zTXt") || name.equals("iTXt");
    }

    /** Text chunks whose keyword marks an embedded EXIF or XMP profile (ImageMagick, Adobe). Peeks, then resets. */
    private static boolean carriesProfile(DataInputStream in, int length) throws IOException {
        int peek = Math.min(length, 80);
        in.mark(peek + 1);
        byte[] head = in.readNBytes(peek);
        in.reset();
        int nul = 0;
        while (nul < head.length && head[nul] != 0) {
            nul++;
        }
        String keyword = new String(head, 0, nul, StandardCharsets.ISO_8859_1);
        return keyword.equals("XML:com.adobe.xmp") || keyword.startsWith("Raw profile type exif")
                || keyword.startsWith("Raw profile type APP1") || keyword.startsWith("Raw profile type xmp");
    }

    // ---------- WebP ----------

    private static void webp(DataInputStream in, OutputStream out, long fileSize) throws IOException {
        byte[] header = new byte[12];
        in.readFully(header);
        // The RIFF header states the size of what follows, known only once the chunks are filtered: the kept
        // chunks go to a spool file first, then the corrected header and the spool are written out.
        long declared = Integer.toUnsignedLong(littleInt(header, 4));
        long kept = 4;
        Path spool = Files.createTempFile("webp", ".part");
        try {
            try (OutputStream body = new BufferedOutputStream(Files.newOutputStream(spool))) {
                long read = 4;
                while (read < declared && read < fileSize - 8) {
                    byte[] chunkHeader = new byte[8];
                    in.readFully(chunkHeader);
                    String name = new String(chunkHeader, 0, 4, StandardCharsets.US_ASCII);
                    long size = Integer.toUnsignedLong(littleInt(chunkHeader, 4));
                    long padded = size + (size & 1);
                    read += 8 + padded;
                    if (name.equals("EXIF") || name.equals("XMP ")) {
                        in.skipNBytes(padded);
                        continue;
                    }
                    if (name.equals("VP8X") && size >= 10) {
                        byte[] data = new byte[(int) padded];
                        in.readFully(data);
                        data[0] &= (byte) ~0x0C; // clear the EXIF (0x08) and XMP (0x04) flags
                        body.write(chunkHeader);
                        body.write(data);
                    } else {
                        body.write(chunkHeader);
                        copy(in, body, padded);
                    }
                    kept += 8 + padded;
                }
            }
            writeLittleInt(header, 4, (int) kept);
            out.write(header);
            Files.copy(spool, out);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    // ---------- helpers ----------

    private static void copy(InputStream in, OutputStream out, long count) throws IOException {
        byte[] buffer = new byte[8192];
        long left = count;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException();
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int littleInt(byte[] b, int offset) {
        return (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8 | (b[offset + 2] & 0xFF) << 16
                | (b[offset + 3] & 0xFF) << 24;
    }

    private static void writeLittleInt(byte[] b, int offset, int value) {
        b[offset] = (byte) value;
        b[offset + 1] = (byte) (value >> 8);
        b[offset + 2] = (byte) (value >> 16);
        b[offset + 3] = (byte) (value >> 24);
    }

    private static final class DataOutput {
        static void writeInt(OutputStream out, int value) throws IOException {
            out.write(value >>> 24);
            out.write(value >>> 16);
            out.write(value >>> 8);
            out.write(value);
        }
    }
}
