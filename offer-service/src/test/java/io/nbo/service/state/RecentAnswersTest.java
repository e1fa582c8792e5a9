package io.nbo.service.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentAnswersTest {
    private static final byte[] BODY = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @Test
    void shouldForgetAnAnswerAfterItsTime() {
        RecentAnswers answers = new RecentAnswers();
        answers.remember("c-1", "r-1", "web", BODY, 1000);

        assertThat(answers.get("c-1", "r-1", 1000 + RecentAnswers.KEPT_MILLIS - 1)).isNotNull()
                .extracting(RecentAnswers.Answer::parameters).isEqualTo("web");
        assertThat(answers.get("c-1", "r-2", 1000)).as("another id").isNull();
        assertThat(answers.get("c-2", "r-1", 1000)).as("the id now leading to another customer").isNull();
        assertThat(answers.get("c-1", "r-1", 1000 + RecentAnswers.KEPT_MILLIS)).isNull();
        assertThat(answers.size()).isZero();
    }

    @Test
    void shouldNotReplayAnAnswerOlderThanItsTimeWhateverTheOrder() {
        RecentAnswers answers = new RecentAnswers();
        answers.remember("c-1", "late", "web", BODY, 5000);
        answers.remember("c-1", "early", "web", BODY, 1000);

        assertThat(answers.get("c-1", "early", 1000 + RecentAnswers.KEPT_MILLIS)).isNull();
        assertThat(answers.get("c-1", "late", 1000 + RecentAnswers.KEPT_MILLIS)).isNotNull();
    }

    @Test
    void shouldForgetTheOldestWhenFullByCountOrBySize() {
        RecentAnswers answers = new RecentAnswers();
        for (int i = 0; i <= RecentAnswers.MAX_KEPT; i++) {
            answers.remember("c", "r-" + i, "web", BODY, 1000 + i);
        }
        assertThat(answers.size()).isEqualTo(RecentAnswers.MAX_KEPT);
        assertThat(answers.get("c", "r-0", 20_000)).isNull();
        assertThat(answers.get("c", "r-1", 20_000)).isNotNull();

        byte[] large = new byte[(int) (RecentAnswers.MAX_BYTES / 4)];
        for (int i = 0; i < 4; i++) {
            answers.remember("c", "big-" + i, "web", large, 30_000);
        }
        assertThat(answers.get("c", "r-" + RecentAnswers.MAX_KEPT, 30_000)).as("pushed out by size").isNull();
        assertThat(answers.get("c", "big-0", 30_000)).isNotNull();
        assertThat(answers.get("c", "big-3", 30_000)).isNotNull();
    }

    @Test
    void shouldForgetAnErasedCustomersAnswers() {
        RecentAnswers answers = new RecentAnswers();
        answers.remember("c-1", "r-1", "web", BODY, 1000);
        answers.remember("c-1", "r-2", "web", BODY, 1000);
        answers.remember("c-2", "r-1", "web", BODY, 1000);

        answers.forget("c-1");

        assertThat(answers.get("c-1", "r-1", 1000)).isNull();
        assertThat(answers.get("c-1", "r-2", 1000)).isNull();
        assertThat(answers.get("c-2", "r-1", 1000)).isNotNull();
    }
}
