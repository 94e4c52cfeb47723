package org.knetsweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class TestInputsTest {
    private final Path gone = Path.of("no-such-input.tar.gz");

    @Test
    void aMissingInputSkipsOutsideCiAndFailsUnderCi() {
        assertThrows(TestAbortedException.class, () -> TestInputs.require(gone, false, null));
        assertThrows(TestAbortedException.class, () -> TestInputs.require(gone, false, "false"));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> TestInputs.require(gone, false, "true"));
        assertTrue(e.getMessage().contains("no-such-input.tar.gz") && e.getMessage().contains("CI=true"), e.getMessage());
    }

    @Test
    void aPresentInputIsReturned() {
        assertEquals(gone, TestInputs.require(gone, true, "true"));
    }

    @Test
    void theArchivePathIsRelativeToTheRepository() {
        assertTrue(!TestInputs.CIFAR_ARCHIVE.isAbsolute());
    }
}
