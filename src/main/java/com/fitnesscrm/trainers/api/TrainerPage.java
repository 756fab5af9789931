package com.fitnesscrm.trainers.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "TrainerPage", description = "A page of trainers; `trainers` repeats `items` for the SPA's pickers")
public record TrainerPage(
        List<TrainerView> items,
        List<TrainerView> trainers,
        long total,
        int page,
        int perPage,
        int pages,
        boolean hasNext,
        boolean hasPrev) {
}
