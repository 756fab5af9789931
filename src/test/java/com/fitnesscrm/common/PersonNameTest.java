package com.fitnesscrm.common;

import com.fitnesscrm.common.web.PersonName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PersonNameTest {

    @Test
    void theFirstWordAndTheRest() {
        assertEquals(new PersonName("Riley", "Client"), PersonName.of("Riley Client"));
        assertEquals(new PersonName("Mary", "Ann van der Berg"), PersonName.of("  Mary   Ann van der Berg "));
        assertEquals(new PersonName("Jo", "Smith"), PersonName.of("Jo\tSmith"));
    }

    @Test
    void aOneWordNameHasAnEmptyLastName() {
        assertEquals(new PersonName("Cher", ""), PersonName.of("Cher"));
        assertEquals(new PersonName("", ""), PersonName.of("   "));
        assertEquals(new PersonName(null, null), PersonName.of(null));
    }
}
