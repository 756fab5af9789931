package com.fitnesscrm.trainers.api;

/** Fired inside the transaction when a trainer profile is deleted; features that link to trainers observe it. */
public record TrainerDeleted(long organizationId, long trainerId) {
}
