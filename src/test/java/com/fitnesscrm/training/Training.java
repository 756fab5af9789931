package com.fitnesscrm.training;

import com.fitnesscrm.support.Api;

import java.util.List;
import java.util.Map;

/** Test helper for the training slice: library exercises by name, templates and assignments made through the API. */
final class Training {

    private Training() {
    }

    /** The id of a shared-library exercise, found by its exact name. */
    static long exercise(Api.Session session, String name) {
        List<Map<String, Object>> found = session.as().queryParam("search", name).queryParam("per_page", 1000)
                .get("/api/workouts/exercises").then().statusCode(200).extract().jsonPath().getList("exercises");
        return found.stream().filter(e -> name.equals(e.get("name"))).map(e -> ((Number) e.get("id")).longValue())
                .findFirst().orElseThrow(() -> new AssertionError("no exercise " + name));
    }

    static long template(Api.Session session, Map<String, Object> body) {
        return session.as().body(body).post("/api/workouts/templates").then().statusCode(201)
                .extract().jsonPath().getLong("template.id");
    }

    /** A private template of two exercises: squat 3×5 and push-up 3×10. */
    static long simpleTemplate(Api.Session session, String name) {
        long squat = exercise(session, "Barbell Back Squat");
        long pushUp = exercise(session, "Push-Up");
        return template(session, Map.of("name", name, "exercises", List.of(
                Map.of("exercise_id", squat, "order", 1, "sets", 3, "reps", "5", "rest_seconds", 120),
                Map.of("exercise_id", pushUp, "order", 2, "sets", 3, "reps", "10"))));
    }

    /** Assigns a template and returns the client_workout id. */
    static long assign(Api.Session session, long clientId, long templateId) {
        return session.as().body(Map.of("client_id", clientId, "workout_template_id", templateId))
                .post("/api/workouts/assign").then().statusCode(201).extract().jsonPath().getLong("assignment.id");
    }
}
