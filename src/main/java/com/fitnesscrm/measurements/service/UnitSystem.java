package com.fitnesscrm.measurements.service;

import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.web.Text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Metric (kg, cm) or imperial (lbs, inches). Measurements are stored in kg and cm; input is converted from the
 * unit it was entered in, output to the reader's system. The factors are the exact international definitions.
 */
public enum UnitSystem {
    METRIC("metric", "kg", "cm"),
    IMPERIAL("imperial", "lbs", "inches");

    static final BigDecimal KG_PER_LB = new BigDecimal("0.45359237");
    static final BigDecimal CM_PER_INCH = new BigDecimal("2.54");
    /** Stored scale: a thousandth of a kg or cm, so 180 lbs reads back as 180.0. */
    static final int STORED_SCALE = 3;
    /** Shown scale: two decimals are finer than any scale or tape measure. */
    static final int SHOWN_SCALE = 2;

    public final String value;
    public final String weightUnit;
    public final String lengthUnit;

    UnitSystem(String value, String weightUnit, String lengthUnit) {
        this.value = value;
        this.weightUnit = weightUnit;
        this.lengthUnit = lengthUnit;
    }

    /** {@code metric}/{@code imperial} from a query parameter or the stored preference; null when blank. */
    public static UnitSystem parse(String field, String value) {
        String text = Text.blankToNull(value);
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "metric" -> METRIC;
            case "imperial" -> IMPERIAL;
            default -> throw ApiException.invalidField(field, "must be metric or imperial");
        };
    }

    /** The system a weight_unit names ("kg", "lbs", "lb", "pounds"…); null when blank. */
    static UnitSystem ofWeightUnit(String value) {
        String text = Text.blankToNull(value);
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "kg", "kgs", "kilogram", "kilograms" -> METRIC;
            case "lb", "lbs", "pound", "pounds" -> IMPERIAL;
            default -> throw ApiException.invalidField("weight_unit", "must be kg or lbs");
        };
    }

    /** The system a measurement_unit names ("cm", "inches", "in"…); null when blank. */
    static UnitSystem ofLengthUnit(String value) {
        String text = Text.blankToNull(value);
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "cm", "centimeter", "centimeters", "centimetre", "centimetres" -> METRIC;
            case "in", "inch", "inches" -> IMPERIAL;
            default -> throw ApiException.invalidField("measurement_unit", "must be cm or inches");
        };
    }

    /** A mass in this system's unit, in kg at the stored scale. */
    BigDecimal toKg(double value) {
        BigDecimal mass = BigDecimal.valueOf(value);
        return (this == METRIC ? mass : mass.multiply(KG_PER_LB)).setScale(STORED_SCALE, RoundingMode.HALF_UP);
    }

    /** A length in this system's unit, in cm at the stored scale. */
    BigDecimal toCm(double value) {
        BigDecimal length = BigDecimal.valueOf(value);
        return (this == METRIC ? length : length.multiply(CM_PER_INCH)).setScale(STORED_SCALE, RoundingMode.HALF_UP);
    }

    /** A stored mass in this system's unit, rounded for display. */
    Double fromKg(BigDecimal kg) {
        if (kg == null) {
            return null;
        }
        BigDecimal mass = this == METRIC ? kg : kg.divide(KG_PER_LB, SHOWN_SCALE, RoundingMode.HALF_UP);
        return mass.setScale(SHOWN_SCALE, RoundingMode.HALF_UP).doubleValue();
    }

    /** A stored length in this system's unit, rounded for display. */
    Double fromCm(BigDecimal cm) {
        if (cm == null) {
            return null;
        }
        BigDecimal length = this == METRIC ? cm : cm.divide(CM_PER_INCH, SHOWN_SCALE, RoundingMode.HALF_UP);
        return length.setScale(SHOWN_SCALE, RoundingMode.HALF_UP).doubleValue();
    }

    /** A bound given in kg, in this system's unit, for error messages. */
    String massBound(int kg) {
        return this == METRIC ? kg + " kg" : fromKg(BigDecimal.valueOf(kg)) + " lbs";
    }

    /** A bound given in cm, in this system's unit, for error messages. */
    String lengthBound(int cm) {
        return this == METRIC ? cm + " cm" : fromCm(BigDecimal.valueOf(cm)) + " inches";
    }
}
