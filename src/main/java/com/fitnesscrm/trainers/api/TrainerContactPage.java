package com.fitnesscrm.trainers.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "TrainerContactPage", description = "A client's own trainers, in the list shape of TrainerPage;"
        + " `trainers` repeats `items`")
public record TrainerContactPage(
        List<TrainerContact> items,
        List<TrainerContact> trainers,
        long total,
        int page,
        int perPage,
        int pages,
        boolean hasNext,
        boolean hasPrev) {
}
