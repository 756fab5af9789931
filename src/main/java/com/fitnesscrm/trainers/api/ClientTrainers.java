package com.fitnesscrm.trainers.api;

import java.util.List;

/**
 * Which trainers a client's login is currently assigned to. Assignments belong to the clients feature, which
 * implements this; the trainer list asks through it when a client lists their trainers, so the trainers feature
 * never imports clients (imports run clients → trainers).
 */
public interface ClientTrainers {

    /** The ids of the live trainers assigned to the client behind this login; empty when it is no client's. */
    List<Long> trainerIdsOfClientLogin(long organizationId, long userId);
}
