package com.fitnesscrm.auth;

import com.fitnesscrm.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Registering without an organization name names it "<name>'s studio". A 192–200 character name made that 201–209
 * characters, over the 200-character column, and registration answered 500 (issue 8): the name is now shortened at a
 * word boundary so the derived value fits.
 */
@QuarkusTest
class DerivedNameLengthTest {

    @Inject
    EntityManager em;

    private String organizationNameAfterRegistering(String name) {
        String email = Api.uniqueEmail("longname");
        long organizationId = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Api.PASSWORD, "name", name))
                .post("/api/auth/register")
                .then().statusCode(201).extract().jsonPath().getLong("user.organization_id");
        return (String) em.createNativeQuery("select name from organizations where id = :id")
                .setParameter("id", organizationId).getSingleResult();
    }

    @Test
    void aLongOwnersNameStillNamesTheStudioWithinItsColumn() {
        for (int length = 190; length <= 200; length++) {
            // Words of five letters: "Abcde Abcde …", cut to the length (possibly mid-word).
            String name = "Abcde ".repeat(40).substring(0, length).strip();
            String organization = organizationNameAfterRegistering(name);
            assertTrue(organization.length() <= 200, length + ": " + organization.length());
            assertTrue(organization.endsWith("'s studio"), organization);
            String kept = organization.substring(0, organization.length() - "'s studio".length());
            assertTrue(name.startsWith(kept), "a prefix of the name: " + kept);
            if (name.length() > 200 - "'s studio".length()) {
                assertTrue(kept.endsWith("Abcde"), "cut between words, not inside one: " + kept);
            } else {
                assertEquals(name, kept, "a name that fits is kept whole");
            }
        }
    }

    @Test
    void aNameThatFitsIsKeptWholeAndAOneWordNameIsCut() {
        assertEquals("Sam Owner's studio", organizationNameAfterRegistering("Sam Owner"));
        String oneWord = "X".repeat(200);
        assertEquals("X".repeat(191) + "'s studio", organizationNameAfterRegistering(oneWord));
    }
}
