package com.fitnesscrm.common.cache;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.Set;

/**
 * A short fingerprint of a view record's structure (its components' names and types, recursively). Cached JSON is
 * served as stored, so a replica must never serve JSON written by another version of the view: the fingerprint is
 * part of every value key, and a changed view reads (and writes) other keys.
 */
final class ViewShape {

    private static final ClassValue<String> SHAPES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            StringBuilder description = new StringBuilder();
            describe(type, description, new HashSet<>());
            return Integer.toHexString(description.toString().hashCode());
        }
    };

    private ViewShape() {
    }

    static String of(Class<?> type) {
        return SHAPES.get(type);
    }

    private static void describe(Type type, StringBuilder out, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType parameterized) {
            describe(parameterized.getRawType(), out, seen);
            out.append('<');
            for (Type argument : parameterized.getActualTypeArguments()) {
                describe(argument, out, seen);
                out.append(',');
            }
            out.append('>');
            return;
        }
        if (!(type instanceof Class<?> cls)) {
            out.append(type.getTypeName());
            return;
        }
        out.append(cls.getName());
        if (!cls.isRecord() || !seen.add(cls)) {
            return;
        }
        out.append('(');
        for (RecordComponent component : cls.getRecordComponents()) {
            out.append(component.getName()).append(':');
            describe(component.getGenericType(), out, seen);
            out.append(';');
        }
        out.append(')');
    }
}
