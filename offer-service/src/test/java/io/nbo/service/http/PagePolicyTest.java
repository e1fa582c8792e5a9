package io.nbo.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PagePolicyTest {
    @Test
    void shouldLetOnlyTheListedOriginsFrameThePages() {
        assertThat(Routes.pagePolicy(List.of())).contains("default-src 'self'").endsWith("frame-ancestors 'none'");
        assertThat(Routes.pagePolicy(List.of("https://crm.example", "http://desk:8443")))
                .endsWith("frame-ancestors https://crm.example http://desk:8443");
    }
}
