package com.fitnesscrm.common;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * openapi.yaml at the top of the repository is what the code generates, committed so that the SPA's contract
 * tests and reviewers see API changes. Regenerate it with {@code ./mvnw test -Dtest=OpenApiContractTest
 * -Dopenapi.write=true}.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Path COMMITTED = Path.of("openapi.yaml");

    @Test
    void committedOpenApiMatchesTheCode() throws Exception {
        String generated = given().queryParam("format", "yaml").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(COMMITTED), "openapi.yaml is missing: run with -Dopenapi.write=true");
        assertEquals(Files.readString(COMMITTED, StandardCharsets.UTF_8).replace("\r\n", "\n"),
                generated.replace("\r\n", "\n"),
                "openapi.yaml differs from the code: regenerate with"
                        + " ./mvnw test -Dtest=OpenApiContractTest -Dopenapi.write=true and commit it");
    }

    @Test
    void everyOperationIsDocumentedWithTheBearerScheme() {
        String spec = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        assertTrue(spec.contains("\"bearerAuth\""), "bearer security scheme");
        assertTrue(spec.contains("\"/api/clients/{client_id}\""));
        assertTrue(spec.contains("\"/api/auth/refresh\""));
    }
}
