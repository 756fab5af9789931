package com.fitnesscrm.common.observability;

/**
 * An exception as it may be logged: the same types, stack frames and causes, with the messages scrubbed of
 * personal data and secrets the way error reports are ({@link SentryScrubber#text}). A database error's message
 * quotes the failing row, which can hold a client's medical notes; logs must not.
 */
public final class LogSafe extends RuntimeException {

    private final String type;

    private LogSafe(Throwable original) {
        super(SentryScrubber.text(original.getMessage()), original.getCause() == null || original.getCause() == original
                ? null : new LogSafe(original.getCause()), false, true);
        this.type = original.getClass().getName();
        setStackTrace(original.getStackTrace());
    }

    public static Throwable of(Throwable error) {
        return error == null ? null : new LogSafe(error);
    }

    /** A message as it may be logged. */
    public static String text(String message) {
        return SentryScrubber.text(message);
    }

    @Override
    public String toString() {
        String message = getMessage();
        return message == null ? type : type + ": " + message;
    }
}
