package io.nbo.load.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoopbackTest {

    @Test
    void shouldAcceptOnlyThisMachine() {
        assertThat(Loopback.isLoopbackHost("localhost")).isTrue();
        assertThat(Loopback.isLoopbackHost("127.0.0.1")).isTrue();
        assertThat(Loopback.isLoopbackHost("127.1.2.3")).isTrue();
        assertThat(Loopback.isLoopbackHost("[::1]")).isTrue();

        assertThat(Loopback.isLoopbackHost("10.0.0.5")).isFalse();
        assertThat(Loopback.isLoopbackHost("192.168.1.10")).isFalse();
        assertThat(Loopback.isLoopbackHost("example.com")).isFalse();
        assertThat(Loopback.isLoopbackHost("127.0.0.1.example.com")).isFalse();
        assertThat(Loopback.isLoopbackHost("127.0.0.256")).isFalse();
        assertThat(Loopback.isLoopbackHost(null)).isFalse();
    }

    @Test
    void shouldCheckServiceUrlsAndBootstrapLists() {
        assertThat(Loopback.serviceUrl("http://localhost:8080/").getPort()).isEqualTo(8080);
        assertThat(Loopback.bootstrap("localhost:9092, 127.0.0.1:9094")).isEqualTo("localhost:9092, 127.0.0.1:9094");

        assertThatThrownBy(() -> Loopback.serviceUrl("http://10.1.1.1:8080")).hasMessageContaining("only this machine");
        assertThatThrownBy(() -> Loopback.serviceUrl("https://localhost:8443")).hasMessageContaining("--url");
        assertThatThrownBy(() -> Loopback.serviceUrl("http://localhost")).hasMessageContaining("--url");
        assertThatThrownBy(() -> Loopback.bootstrap("localhost:9092,kafka-1:9092"))
                .hasMessageContaining("got kafka-1:9092");
    }
}
