package io.nbo.topology.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadLettersTest {
    @Test
    void shouldKeepAReasonOnOneLineWithoutCharactersThatDriveATerminal() {
        String quoted = "not valid JSON: Unrecognized token 'a\u001b[2J\u0007\u202eb\uDB40\uDC01c'\n at [line 1]\u2028end";

        assertThat(DeadLetters.printable(quoted)).isEqualTo(
                "not valid JSON: Unrecognized token 'a\\u001b[2J\\u0007\\u202eb\\udb40\\udc01c'  at [line 1] end");
        assertThat(DeadLetters.printable("café, 日本, 😀")).as("readable text stays as it is").isEqualTo("café, 日本, 😀");
    }
}
