package io.nbo.service.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentAnswersTest {
    private static final byte[] BODY = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @Test
    void shouldForgetAnAnswerAfterItsTime() {
        RecentAnswers answers = new RecentAnswers();
        answers.remember("c-1\nr-1", "web", BODY, 1000);

        assertThat(answers.get("c-1\nr-1", 1000 + RecentAnswers.KEPT_MILLIS - 1)).isNotNull()
                .extracting(RecentAnswers.Answer::parameters).isEqualTo("web");
        assertThat(answers.get("c-1\nr-2", 1000)).as("another id").isNull();
        assertThat(answers.get("c-1\nr-1", 1000 + RecentAnswers.KEPT_MILLIS)).isNull();
        assertThat(answers.size()).isZero();
    }

    @Test
    void shouldForgetTheOldestWhenFull() {
        RecentAnswers answers = new RecentAnswers();
        for (int i = 0; i <= RecentAnswers.MAX_KEPT; i++) {
            answers.remember("r-" + i, "web", BODY, 1000 + i);
        }

        assertThat(answers.size()).isEqualTo(RecentAnswers.MAX_KEPT);
        assertThat(answers.get("r-0", 2000)).isNull();
        assertThat(answers.get("r-1", 2000)).isNotNull();
        assertThat(answers.get("r-" + RecentAnswers.MAX_KEPT, 2000)).isNotNull();
    }
}
