package io.nbo.service.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.streams.query.Position;
import org.junit.jupiter.api.Test;

class ReadTokenTest {
    private static final Position WRITTEN = Position.emptyPosition().withComponent("clickstream", 4, 17L);

    @Test
    void shouldReadBackWhatItWritesWithIdsOfAnyAllowedCharacter() {
        ReadToken token = ReadToken.of(WRITTEN, List.of(ReadToken.Login.of("c+42/a=b", "cookie:1,2")));

        String text = token.format();
        ReadToken read = ReadToken.parse(text);

        assertThat(text).startsWith("clickstream:4:17,login:").doesNotContain("c+42").doesNotContain("cookie");
        assertThat(text.split(",")).hasSize(2);
        assertThat(read).isEqualTo(token);
    }

    @Test
    void shouldAcceptAPositionOnlyTokenAsBefore() {
        ReadToken read = ReadToken.parse("clickstream:4:17,transactions:4:3");

        assertThat(read.logins()).isEmpty();
        assertThat(read.position().getPartitionPositions("transactions")).containsEntry(4, 3L);
        assertThat(read.mergedInto("c-42", List.of())).isTrue();
    }

    @Test
    void shouldWaitOnlyForTheVisitorsMergedIntoTheCustomerAsked() {
        ReadToken token = ReadToken.of(WRITTEN, List.of(ReadToken.Login.of("c-42", "cookie-1"),
                ReadToken.Login.of("c-7", "cookie-2")));

        assertThat(token.hasLoginInto("c-42")).isTrue();
        assertThat(token.hasLoginOf("cookie-2")).isTrue();
        assertThat(token.hasLoginOf("c-42")).as("a customer, not a visitor").isFalse();
        assertThat(token.hasLoginInto("c-43")).isFalse();
        assertThat(token.mergedInto("c-42", List.of())).isFalse();
        assertThat(token.mergedInto("c-42", List.of("cookie-2"))).isFalse();
        assertThat(token.mergedInto("c-42", List.of("cookie-0", "cookie-1"))).isTrue();
        assertThat(token.mergedInto("c-43", List.of())).as("no login into c-43").isTrue();
    }

    @Test
    void shouldRefuseLoginItemsItCouldNotHaveWritten() {
        assertThat(ReadToken.parse("clickstream:4:17,login:c-42:cookie-1")).isNull();
        assertThat(ReadToken.parse("clickstream:4:17,login:0123abcd")).isNull();
        assertThat(ReadToken.parse("clickstream:4:x")).isNull();
    }

    @Test
    void shouldRefuseAnEmptyItemWhereverItStands() {
        assertThat(ReadToken.parse("clickstream:4:17")).isNotNull();
        assertThat(ReadToken.parse("clickstream:4:17,,")).isNull();
        assertThat(ReadToken.parse("clickstream:4:17,")).isNull();
        assertThat(ReadToken.parse(",clickstream:4:17")).isNull();
        assertThat(ReadToken.parse("clickstream:4:17,,transactions:4:3")).isNull();
    }

    @Test
    void shouldLeaveTheLoginsOfABulkImportOutOfItsToken() {
        List<ReadToken.Login> many = IntStream.range(0, ReadToken.MAX_LOGINS + 1)
                .mapToObj(i -> ReadToken.Login.of("c-" + i, "cookie-" + i)).toList();

        assertThat(ReadToken.of(WRITTEN, many).logins()).isEmpty();
        assertThat(ReadToken.of(WRITTEN, many.subList(0, ReadToken.MAX_LOGINS)).logins())
                .hasSize(ReadToken.MAX_LOGINS);
        assertThat(ReadToken.of(WRITTEN, Collections.nCopies(40, many.get(0))).logins())
                .as("one login sent 40 times is one").hasSize(1);
    }
}
