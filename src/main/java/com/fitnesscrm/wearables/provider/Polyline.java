package com.fitnesscrm.wearables.provider;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes Google's encoded polyline format (developers.google.com/maps/documentation/utilities/polylinealgorithm),
 * which Strava uses for {@code map.summary_polyline}: each coordinate is a signed delta from the previous one, ×1e5,
 * zig-zag encoded in 5-bit chunks offset by 63. Returns [longitude, latitude] pairs, GeoJSON's order.
 */
public final class Polyline {

    private Polyline() {
    }

    public static List<double[]> decode(String encoded) {
        List<double[]> points = new ArrayList<>();
        if (encoded == null || encoded.isEmpty()) {
            return points;
        }
        int index = 0;
        int lat = 0;
        int lng = 0;
        while (index < encoded.length()) {
            int[] next = value(encoded, index);
            lat += next[0];
            index = next[1];
            if (index >= encoded.length()) {
                break;
            }
            next = value(encoded, index);
            lng += next[0];
            index = next[1];
            points.add(new double[]{lng / 1e5, lat / 1e5});
        }
        return points;
    }

    /** One zig-zag value starting at {@code index}: {value, index after it}. */
    private static int[] value(String encoded, int index) {
        int result = 0;
        int shift = 0;
        int b;
        do {
            if (index >= encoded.length()) {
                throw new IllegalArgumentException("Truncated polyline");
            }
            b = encoded.charAt(index++) - 63;
            result |= (b & 0x1f) << shift;
            shift += 5;
        } while (b >= 0x20 && shift < 35);
        return new int[]{(result & 1) != 0 ? ~(result >> 1) : result >> 1, index};
    }

    /** Encodes [longitude, latitude] pairs (the fakes use it to serve routes). */
    public static String encode(List<double[]> points) {
        StringBuilder out = new StringBuilder();
        long lastLat = 0;
        long lastLng = 0;
        for (double[] p : points) {
            long lat = Math.round(p[1] * 1e5);
            long lng = Math.round(p[0] * 1e5);
            chunk(out, lat - lastLat);
            chunk(out, lng - lastLng);
            lastLat = lat;
            lastLng = lng;
        }
        return out.toString();
    }

    private static void chunk(StringBuilder out, long delta) {
        long v = delta < 0 ? ~(delta << 1) : delta << 1;
        while (v >= 0x20) {
            out.append((char) ((0x20 | (v & 0x1f)) + 63));
            v >>= 5;
        }
        out.append((char) (v + 63));
    }
}
