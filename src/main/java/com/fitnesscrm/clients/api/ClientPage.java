package com.fitnesscrm.clients.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "ClientPage", description = "A page of clients; `clients` repeats `items` for the SPA's pickers")
public record ClientPage(
        List<ClientView> items,
        List<ClientView> clients,
        long total,
        int page,
        int perPage,
        int pages,
        boolean hasNext,
        boolean hasPrev) {
}
