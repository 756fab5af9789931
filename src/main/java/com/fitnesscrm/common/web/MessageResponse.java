package com.fitnesscrm.common.web;

/** The contract's {@code {message}} answer for actions that return no record. */
public record MessageResponse(String message) {
}
