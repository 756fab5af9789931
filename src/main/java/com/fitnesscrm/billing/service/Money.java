package com.fitnesscrm.billing.service;

import com.fitnesscrm.common.error.Problems;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;

/**
 * Amounts as integers of a currency's minor unit (cents for USD, none for JPY, thousandths for BHD), as Stripe
 * and the ledger keep them. Forms send major units ("49.90"); answers give both the minor units and, for the SPA's
 * {@code .toFixed}, the major amount as a number.
 */
public final class Money {

    /** A billion in major units: more is a typing mistake (and stays far inside a bigint of minor units). */
    static final long MAX_MINOR = 100_000_000_000L;

    private Money() {
    }

    /** The currency's ISO 4217 code, upper case; null (with a problem recorded) when it is not one. */
    public static String currency(Problems problems, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String code = value.trim().toUpperCase(Locale.ROOT);
        try {
            Currency.getInstance(code);
            return code;
        } catch (IllegalArgumentException e) {
            problems.add(field, "must be an ISO 4217 currency code such as USD or EUR");
            return null;
        }
    }

    static int fractionDigits(String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return Math.max(digits, 0);
    }

    /**
     * A positive amount in minor units, from major units ({@code amount}) or minor units ({@code minor}), checked
     * against the currency's precision: 10.999 USD is a mistake, not 11.00. Null (with a problem) when invalid.
     */
    public static Long positiveMinor(Problems problems, String field, BigDecimal amount, Long minor,
                                     String currency) {
        Long value;
        if (minor != null) {
            value = minor;
        } else if (amount != null) {
            BigDecimal scaled = amount.movePointRight(fractionDigits(currency));
            if (scaled.stripTrailingZeros().scale() > 0) {
                problems.add(field, "has more decimals than " + currency + " allows ("
                        + fractionDigits(currency) + ")");
                return null;
            }
            if (scaled.abs().compareTo(BigDecimal.valueOf(MAX_MINOR)) > 0) {
                problems.add(field, "is too large");
                return null;
            }
            value = scaled.longValueExact();
        } else {
            return null;
        }
        if (value <= 0) {
            problems.add(field, "must be more than zero");
            return null;
        }
        if (value > MAX_MINOR) {
            problems.add(field, "is too large");
            return null;
        }
        return value;
    }

    /** Minor units as the major amount, e.g. 4990 USD → 49.9. */
    public static double major(long minor, String currency) {
        return BigDecimal.valueOf(minor, fractionDigits(currency)).setScale(fractionDigits(currency),
                RoundingMode.UNNECESSARY).doubleValue();
    }
}
