package com.fitnesscrm.training.service;

import com.fitnesscrm.common.security.Caller;
import com.fitnesscrm.training.api.ExerciseView;
import com.fitnesscrm.training.api.PersonalRecordView;
import com.fitnesscrm.training.api.WorkoutLogRequests;
import com.fitnesscrm.training.domain.PersonalRecord;
import com.fitnesscrm.training.domain.WorkoutLog;
import com.fitnesscrm.training.domain.WorkoutLogSet;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Personal records per client and exercise: estimated one-rep max (Epley), heaviest weight, best set volume and best
 * session volume, each with the log that set it. Raised in the transaction that stores the log, so records and logs
 * never disagree.
 */
@ApplicationScoped
public class PersonalRecordService {

    public static final String FORMULA = "epley";
    private static final BigDecimal THIRTY = BigDecimal.valueOf(30);

    private final TrainingScope scope;

    public PersonalRecordService(TrainingScope scope) {
        this.scope = scope;
    }

    public PersonalRecordView.Listing list(Caller caller, long clientId) {
        scope.requireVisibleClient(caller, clientId);
        List<PersonalRecord> records = PersonalRecord.list("organizationId = ?1 and clientId = ?2",
                caller.organizationId(), clientId);
        Map<Long, ExerciseView> exercises = Prescriptions.exercises(records.stream().map(r -> r.exerciseId).toList());
        return new PersonalRecordView.Listing(records.stream()
                .map(r -> view(r, exercises.get(r.exerciseId)))
                .sorted(Comparator.comparing(v -> v.exerciseName() == null ? "" : v.exerciseName().toLowerCase()))
                .toList());
    }

    /**
     * Epley: weight × (1 + reps / 30); a single is its own weight. Null without a load or a rep.
     */
    public static BigDecimal epley(BigDecimal weightKg, Integer reps) {
        if (weightKg == null || reps == null || reps < 1 || weightKg.signum() <= 0) {
            return null;
        }
        if (reps == 1) {
            return weightKg.setScale(2, RoundingMode.HALF_UP);
        }
        return weightKg.multiply(THIRTY.add(BigDecimal.valueOf(reps))).divide(THIRTY, 2, RoundingMode.HALF_UP);
    }

    /** Raises the records a new log beats (must run in the log's transaction) and says which ones. */
    @Transactional(Transactional.TxType.MANDATORY)
    List<WorkoutLogRequests.RecordBroken> apply(WorkoutLog log, List<WorkoutLogSet> sets,
                                                Function<Long, String> exerciseName) {
        Map<Long, Best> best = new LinkedHashMap<>();
        for (WorkoutLogSet set : sets) {
            if (!set.completed || set.weightKg == null || set.weightKg.signum() <= 0) {
                continue;
            }
            best.computeIfAbsent(set.exerciseId, id -> new Best()).add(set);
        }
        if (best.isEmpty()) {
            return List.of();
        }
        // Make sure a row exists for each exercise, then lock them all: concurrent logs of one client queue here.
        // Both steps go in exercise-id order, so two logs of the same exercises wait for each other in the same
        // order instead of deadlocking (each holding one new row the other needs).
        Panache.getEntityManager().createNativeQuery("insert into personal_records (organization_id, client_id,"
                        + " exercise_id) select :org, :client, e.id from exercises e where e.id in (:ids) order by e.id"
                        + " on conflict (client_id, exercise_id) do nothing")
                .setParameter("org", log.organizationId).setParameter("client", log.clientId)
                .setParameter("ids", best.keySet()).executeUpdate();
        // All of the client's records are locked (a few dozen rows), not those of this log's exercises: a query
        // with a list parameter is translated to SQL anew on every call (Hibernate caches no SQL for multi-valued
        // parameters), which was an eighth of a logged workout's CPU time (bench/README.md).
        Map<Long, PersonalRecord> rows = PersonalRecord.<PersonalRecord>find("clientId = ?1 order by exerciseId",
                        log.clientId).withLock(LockModeType.PESSIMISTIC_WRITE).list().stream()
                .filter(r -> best.containsKey(r.exerciseId))
                .collect(Collectors.toMap(r -> r.exerciseId, r -> r));
        List<WorkoutLogRequests.RecordBroken> broken = new ArrayList<>();
        Instant at = log.completedAt;
        best.forEach((exerciseId, b) -> {
            PersonalRecord r = rows.get(exerciseId);
            String name = exerciseName.apply(exerciseId);
            if (b.e1rm != null && beats(b.e1rm, r.estimated1rmKg)) {
                broken.add(new WorkoutLogRequests.RecordBroken(exerciseId, name, "estimated_1rm", b.e1rm, r.estimated1rmKg));
                r.estimated1rmKg = b.e1rm;
                r.estimated1rmWeightKg = b.e1rmSet.weightKg;
                r.estimated1rmReps = b.e1rmSet.reps;
                r.estimated1rmLogId = log.id;
                r.estimated1rmAt = at;
            }
            if (beats(b.heaviest.weightKg, r.maxWeightKg)) {
                broken.add(new WorkoutLogRequests.RecordBroken(exerciseId, name, "max_weight", b.heaviest.weightKg,
                        r.maxWeightKg));
                r.maxWeightKg = b.heaviest.weightKg;
                r.maxWeightReps = b.heaviest.reps;
                r.maxWeightLogId = log.id;
                r.maxWeightAt = at;
            }
            if (b.setVolume != null && beats(b.setVolume, r.bestSetVolumeKg)) {
                broken.add(new WorkoutLogRequests.RecordBroken(exerciseId, name, "best_set_volume", b.setVolume,
                        r.bestSetVolumeKg));
                r.bestSetVolumeKg = b.setVolume;
                r.bestSetVolumeLogId = log.id;
                r.bestSetVolumeAt = at;
            }
            if (b.sessionVolume.signum() > 0 && beats(b.sessionVolume, r.bestSessionVolumeKg)) {
                broken.add(new WorkoutLogRequests.RecordBroken(exerciseId, name, "best_session_volume",
                        b.sessionVolume, r.bestSessionVolumeKg));
                r.bestSessionVolumeKg = b.sessionVolume;
                r.bestSessionVolumeLogId = log.id;
                r.bestSessionVolumeAt = at;
            }
            r.updatedAt = Instant.now();
        });
        return broken;
    }

    private static boolean beats(BigDecimal candidate, BigDecimal record) {
        return record == null || candidate.compareTo(record) > 0;
    }

    /** The best of one exercise within one log. */
    private static final class Best {
        BigDecimal e1rm;
        WorkoutLogSet e1rmSet;
        WorkoutLogSet heaviest;
        BigDecimal setVolume;
        BigDecimal sessionVolume = BigDecimal.ZERO;

        void add(WorkoutLogSet set) {
            BigDecimal estimate = epley(set.weightKg, set.reps);
            if (estimate != null && (e1rm == null || estimate.compareTo(e1rm) > 0)) {
                e1rm = estimate;
                e1rmSet = set;
            }
            int reps = set.reps == null ? 0 : set.reps;
            if (heaviest == null || set.weightKg.compareTo(heaviest.weightKg) > 0
                    || (set.weightKg.compareTo(heaviest.weightKg) == 0 && reps > (heaviest.reps == null ? 0 : heaviest.reps))) {
                heaviest = set;
            }
            if (reps > 0) {
                BigDecimal volume = set.weightKg.multiply(BigDecimal.valueOf(reps)).setScale(2, RoundingMode.HALF_UP);
                if (setVolume == null || volume.compareTo(setVolume) > 0) {
                    setVolume = volume;
                }
                sessionVolume = sessionVolume.add(volume);
            }
        }
    }

    private static PersonalRecordView view(PersonalRecord r, ExerciseView exercise) {
        return new PersonalRecordView(r.exerciseId, exercise == null ? null : exercise.name(), r.estimated1rmKg,
                FORMULA, r.estimated1rmWeightKg, r.estimated1rmReps, r.estimated1rmLogId, r.estimated1rmAt,
                r.maxWeightKg, r.maxWeightReps, r.maxWeightLogId, r.maxWeightAt, r.bestSetVolumeKg,
                r.bestSetVolumeLogId, r.bestSetVolumeAt, r.bestSessionVolumeKg, r.bestSessionVolumeLogId,
                r.bestSessionVolumeAt, r.updatedAt);
    }
}
