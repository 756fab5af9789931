package com.fitnesscrm.clients.service;

import com.fitnesscrm.clients.domain.Assignment;
import com.fitnesscrm.trainers.api.ClientTrainers;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The trainers feature's view of assignments: a client's trainers, in one query. */
@ApplicationScoped
public class AssignedTrainers implements ClientTrainers {

    @Override
    public List<Long> trainerIdsOfClientLogin(long organizationId, long userId) {
        return Assignment.getEntityManager().createQuery("select distinct a.trainerId from Assignment a, Client c"
                        + " where c.id = a.clientId and c.organizationId = :org and c.userId = :user"
                        + " and c.deletedAt is null and a.organizationId = :org and a.deletedAt is null", Long.class)
                .setParameter("org", organizationId)
                .setParameter("user", userId)
                .getResultList();
    }
}
