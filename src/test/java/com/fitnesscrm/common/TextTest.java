package com.fitnesscrm.common;

import com.fitnesscrm.common.web.Text;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TextTest {

    @Test
    void shortenToWordsKeepsWholeWordsThatFit() {
        assertEquals("Peak Performance", Text.shortenToWords("Peak Performance Studio", 20));
        assertEquals("Peak Performance", Text.shortenToWords("Peak Performance Studio", 16), "a word ending at the limit");
        assertEquals("Peak", Text.shortenToWords("Peak, Performance", 10), "no trailing comma");
        assertEquals("Peak Performance Studio", Text.shortenToWords("Peak Performance Studio", 23));
        assertEquals("Supercalif", Text.shortenToWords("Supercalifragilistic", 10), "one long word is cut");
        assertNull(Text.shortenToWords(null, 5));
    }
}
