package io.nbo.service.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nbo.service.OfferService;
import io.nbo.service.TestServicesAccess;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;

/** The call-centre screen and the campaign dashboard, in real headless Chromium against the real service. */
class PagesIntegrationTest {
    private static OfferService service;
    private static TestServicesAccess.Client http;
    private static ChromeDriver browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        service = TestServicesAccess.start("nbo-pages");
        base = "http://127.0.0.1:" + service.httpPort();
        http = new TestServicesAccess.Client(base);
        http.put("/v1/offers/page-apology", """
                {"campaignId":"care","name":"Apologise and book a callback","kind":"service-recovery",
                 "channels":["call-centre"],"value":5,"priority":1}""");
        http.put("/v1/offers/page-warranty", """
                {"campaignId":"care","name":"Three-year care plan","category":"tv","channels":["call-centre","web"],
                 "value":60,"priority":1}""");
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.close();
        }
    }

    @AfterEach
    void nothingRefusedByThePagesPolicy() {
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .extracting(org.openqa.selenium.logging.LogEntry::getMessage)
                .noneMatch(message -> message.contains("Content Security Policy") || message.contains("Refused to"));
    }

    private static List<String> rows(String selector) {
        return browser.findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList();
    }

    private static void event(String json) {
        assertThat(http.post("/v1/events", json)).isEqualTo(202);
    }

    @Test
    void shouldSayWhenNoRecoveryActionCanBeOfferedForAnOpenIssue() {
        String customer = "no-calls-" + UUID.randomUUID().toString().substring(0, 8);
        event("""
                {"type":"nps","eventId":"%1$s-n","customerId":"%1$s","timestamp":"%2$s","channel":"email","nps":1}"""
                .formatted(customer, Instant.now()));
        event("""
                {"type":"consent_update","eventId":"%1$s-c","customerId":"%1$s","timestamp":"%2$s",
                 "consents":{"call-centre":false}}""".formatted(customer, Instant.now()));
        event("""
                {"type":"attribute_update","eventId":"%1$s-a","customerId":"%1$s","timestamp":"%2$s",
                 "attributes":{"firstName":"Anna","tier":"gold"}}""".formatted(customer, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/v1/customers/" + customer).contains("\"eventCount\":3"));

        browser.get(base + "/call-centre?customer=" + customer + "#key=" + TestServicesAccess.key("agent"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("actions")).getText()).isEqualTo("No action fits right now.");
            assertThat(browser.findElement(By.id("open-issue")).getText())
                    .as("not asked for a recovery action the screen cannot show")
                    .contains("no service-recovery action can be offered right now")
                    .doesNotContain("offer a service-recovery action first");
            assertThat(browser.findElement(By.id("attributes")).getText()).as("who is calling")
                    .isEqualTo("firstName: Anna\ntier: gold");
            assertThat(browser.findElement(By.id("consents")).getText()).as("since when")
                    .startsWith("call-centre: withdrawn, ");
        });
    }

    @Test
    void shouldShowTheCallerAnActionAndRecordItsOutcomeWithOneClick() {
        String customer = "caller-" + UUID.randomUUID().toString().substring(0, 8);
        event("""
                {"type":"purchase","eventId":"%1$s-p","customerId":"%1$s","timestamp":"%2$s","channel":"web",
                 "amount":700,"currency":"EUR","items":[{"productId":"tv-1","category":"tv","price":700}]}"""
                .formatted(customer, Instant.now()));
        event("""
                {"type":"nps","eventId":"%1$s-n","customerId":"%1$s","timestamp":"%2$s","channel":"email","nps":2}"""
                .formatted(customer, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/v1/customers/" + customer).contains("\"eventCount\":2"));

        browser.get(base + "/call-centre?customer=" + customer + "#key=" + TestServicesAccess.key("agent"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("stage")).getText()).isEqualTo("deterioration");
            assertThat(browser.findElement(By.id("quadrant")).getText()).isEqualTo("high value / low need");
            assertThat(browser.findElement(By.id("open-issue")).isDisplayed()).isTrue();
            assertThat(browser.findElements(By.cssSelector("#actions .action"))).isNotEmpty();
        });
        assertThat(browser.findElement(By.id("spend")).getText()).as("money with its currency")
                .isEqualTo("700.00 EUR over 1 purchase");
        WebElement first = browser.findElements(By.cssSelector("#actions .action")).get(0);
        assertThat(first.getAttribute("data-offer-id")).as("recovery before any sales offer").isEqualTo("page-apology");
        assertThat(browser.findElement(By.id("open-issue")).getText()).endsWith("offer a service-recovery action first.");
        assertThat(first.getText()).contains("Service recovery comes first");

        first.findElement(By.cssSelector("button.accept")).click();

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            assertThat(http.get("/v1/customers/" + customer)).contains("\"accept\":1");
            assertThat(browser.findElement(By.id("stage")).getText()).as("the page follows the recovery live")
                    .isEqualTo("repair");
            assertThat(browser.findElement(By.id("actions-note")).getText()).as("the answer stays confirmed")
                    .isEqualTo("Recorded: accept for Apologise and book a callback. The open issue was resolved:"
                            + " actions decided again.");
            assertThat(browser.findElements(By.cssSelector("#actions .action")).get(0).getAttribute("data-offer-id"))
                    .as("no apology once the issue is closed").isNotEqualTo("page-apology");
        });

        event("""
                {"type":"page_view","eventId":"%1$s-v","customerId":"%1$s","timestamp":"%2$s","channel":"web",
                 "page":"/tv/oled","category":"tv"}""".formatted(customer, Instant.now()));
        Instant daysAgo = Instant.now().minus(Duration.ofDays(3));
        event("""
                {"type":"page_view","eventId":"%1$s-old","customerId":"%1$s","timestamp":"%2$s",
                 "channel":"web","page":"/garden/hoses","category":"garden"}""".formatted(customer, daysAgo));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("event-count")).getText()).isEqualTo("5");
            List<String> activity = browser.findElements(By.cssSelector("#activity li")).stream()
                    .map(WebElement::getText).toList();
            assertThat(activity.get(0)).as("newest first").contains("/tv/oled");
            assertThat(activity).as("purchases, feedback and offers are activity too")
                    .anySatisfy(line -> assertThat(line).contains("last purchase of 700.00 EUR (1 in all)"))
                    .anySatisfy(line -> assertThat(line).contains("last detractor score: NPS 2"))
                    .anySatisfy(line -> assertThat(line).contains(
                            "offer Apologise and book a callback (page-apology) shown on call-centre: accept"));
            assertThat(activity.get(activity.size() - 1)).as("an old visit shows its date, last")
                    .contains("/garden/hoses").contains(String.valueOf(daysAgo.atZone(ZoneId.systemDefault()).getYear()));
        });
        event("""
                {"type":"refund","eventId":"%1$s-r","customerId":"%1$s","timestamp":"%2$s","channel":"store",
                 "orderId":"o-1","amount":100,"currency":"EUR","items":[{"productId":"tv-1","category":"tv","price":100}]}"""
                .formatted(customer, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(browser.findElements(
                By.cssSelector("#activity li")).stream().map(WebElement::getText)).as("a refund is activity too")
                .anySatisfy(line -> assertThat(line).contains("last refund of 100.00 EUR (1 in all)")));
    }

    @Test
    void shouldKeepOneCallToOneDecisionAndClearTheCallerForAnIdThatIsNone() {
        String customer = "caller-" + UUID.randomUUID().toString().substring(0, 8);
        event("""
                {"type":"page_view","eventId":"%1$s-v","customerId":"%1$s","timestamp":"%2$s","channel":"web",
                 "page":"/tv/oled","category":"tv"}""".formatted(customer, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/v1/customers/" + customer).contains("eventCount"));

        browser.get(base + "/call-centre?customer=" + customer + "%20#key=" + TestServicesAccess.key("agent"));
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.findElement(By.id("customer-name")).getText()).as("a link's space is trimmed")
                    .isEqualTo(customer);
            assertThat(browser.findElements(By.cssSelector("#actions .action"))).isNotEmpty();
        });
        int shown = browser.findElements(By.cssSelector("#actions .action")).size();
        await().atMost(Duration.ofSeconds(20)).until(() -> recentOffers(customer) == shown);

        browser.findElement(By.id("refresh-actions")).click();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(browser.findElement(By.id("actions-note"))
                .getText()).isEqualTo("Nothing new since these actions were decided: the same ones, not counted again."));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> recentOffers(customer) == shown);

        browser.navigate().refresh();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.id("actions-note")).getText()).as("a reload is the same call")
                .isEqualTo("Nothing new since these actions were decided: the same ones, not counted again."));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> recentOffers(customer) == shown);

        lookUp("john smith");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("status")).getText()).startsWith("\"john smith\" is not a customer id");
            assertThat(browser.findElement(By.id("relationship")).isDisplayed()).as("the last caller is gone").isFalse();
            assertThat(browser.findElement(By.id("actions-section")).isDisplayed()).isFalse();
        });

        String longId = "z".repeat(128);
        lookUp(longId);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(browser.getCurrentUrl()).as("a reload shows the caller on screen").endsWith("?customer=" + longId);
            assertThat(browser.findElement(By.id("status")).getText()).startsWith("No history yet for " + longId);
            assertThat(browser.findElements(By.cssSelector("#actions .action"))).isNotEmpty();
        });
        assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth"))
                .as("a long id wraps instead of widening the page").isLessThanOrEqualTo(0L);

        event("""
                {"type":"complaint","eventId":"%3$s","customerId":"%1$s","timestamp":"%2$s","channel":"call-centre",
                 "text":"The parcel never came","topic":"delivery"}""".formatted(longId, Instant.now(), UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.findElement(By.id("actions-note")).getText()).as("a new customer's first issue")
                    .isEqualTo("An issue was opened during the call: actions decided again.");
            assertThat(browser.findElements(By.cssSelector("#actions .action")).get(0).getAttribute("data-offer-id"))
                    .isEqualTo("page-apology");
            assertThat(browser.findElement(By.id("open-issue")).getText()).as("what the agent has to answer")
                    .startsWith("Open issue: complaint since ")
                    .contains(", saying “The parcel never came” about delivery: ");
            assertThat(browser.findElement(By.id("activity")).getText())
                    .contains("last complaint (1 in all): “The parcel never came” about delivery");
        });
        event("""
                {"type":"complaint","eventId":"%3$s","customerId":"%1$s","timestamp":"%2$s","channel":"call-centre",
                 "text":"Still nothing","topic":"delivery"}""".formatted(longId, Instant.now().plusSeconds(1),
                UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(browser.findElement(
                By.id("open-issue")).getText()).as("waiting since the first, in the words of the latest")
                .contains(", the latest saying “Still nothing” about delivery: "));
    }

    private static void lookUp(String id) {
        WebElement input = browser.findElement(By.id("customer-id"));
        input.clear();
        input.sendKeys(id, Keys.ENTER);
    }

    private static int recentOffers(String customer) {
        try {
            return new ObjectMapper().readTree(http.get("/v1/customers/" + customer)).at("/derived/recentOffers").size();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void shouldAskForAnAgentKeyBeforeDecidingAnythingWithAnotherRolesKey() {
        browser.get(base + "/call-centre?customer=caller-x#key=" + TestServicesAccess.key("site"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("status")).getText()).contains("This key may not open the customer view");
            assertThat(browser.findElement(By.id("key-form")).isDisplayed()).isTrue();
        });
        assertThat(browser.findElement(By.id("actions-section")).isDisplayed()).as("nothing was decided").isFalse();

        browser.get(base + "/call-centre?customer=caller+x#key=" + TestServicesAccess.key("site"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                browser.findElement(By.id("customer-id")).getAttribute("value")).as("a + in a link is a plus")
                .isEqualTo("caller+x"));

        browser.get(base + "/dashboard#key=" + TestServicesAccess.key("site"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("This key may not read campaign results.");
            assertThat(browser.findElement(By.id("key-message")).getText()).contains("needs a marketer key");
        });
    }

    @Test
    void shouldShowCampaignNumbersChangeLiveOnTheDashboard() {
        // More campaigns than a browser opens connections to one host, all listed before the one that changes.
        for (int i = 1; i <= 7; i++) {
            http.put("/v1/campaigns/page-a-" + i, """
                    {"name":"Another campaign"}""");
        }
        http.put("/v1/campaigns/page-n-10", """
                {"name":"Tenth","controlShare":0.2}""");
        http.put("/v1/campaigns/page-n-2", """
                {"name":"Second","controlShare":0.2}""");
        http.put("/v1/campaigns/page-live", """
                {"name":"Live campaign","controlShare":0.0}""");
        http.put("/v1/offers/page-live-offer", """
                {"campaignId":"page-live","name":"Live offer","channels":["store"],"value":5,"priority":1}""");
        http.put("/v1/campaigns/page-later", """
                {"name":"Later","validFrom":"2031-03-01T09:00:00Z"}""");

        browser.get(base + "/dashboard#key=" + TestServicesAccess.key("marketer"));

        WebElement impressions = await().atMost(Duration.ofSeconds(20)).until(
                () -> browser.findElements(By.cssSelector("#card-page-live .impressions")).stream().findFirst()
                        .orElse(null), element -> element != null && element.getText().equals("0"));
        assertThat(browser.findElement(By.cssSelector("#card-page-live h2")).getText()).contains("Live campaign");
        assertThat(browser.findElement(By.cssSelector("#card-page-live .status")).getText()).isEqualTo("running");
        assertThat(browser.findElement(By.cssSelector("#card-page-a-1 .status")).getText())
                .as("a campaign no offer names shows nothing").isEqualTo("no offer to show now");
        assertThat(browser.findElement(By.cssSelector("#card-page-later .status")).getText())
                .as("when it starts, in the browser's own time").startsWith("scheduled: starts ").contains("2031");
        assertThat(browser.findElements(By.cssSelector("#card-page-live canvas"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("#card-page-live .lift")).getText())
                .startsWith("not measured: no control group");
        List<String> order = browser.findElements(By.cssSelector("#campaigns .card")).stream()
                .map(card -> card.getAttribute("id")).toList();
        assertThat(order.indexOf("card-page-n-2")).as("ids in reading order: %s", order)
                .isNotNegative().isLessThan(order.indexOf("card-page-n-10"));

        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/v1/customers/live-" + UUID.randomUUID() + "/offers?channel=store"))
                    .contains("page-live-offer");
        }

        browser.findElement(By.cssSelector("#card-page-live .per-offer summary")).click();
        browser.findElement(By.cssSelector("#card-page-live .per-segment summary")).click();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(impressions.getText()).isEqualTo("3");
            assertThat(browser.findElement(By.cssSelector("#card-page-live .t-customers")).getText()).isEqualTo("3");
            assertThat(rows("#card-page-live .per-offer tbody tr")).as("each offer's own figures, kept open live")
                    .containsExactly("Live offer (page-live-offer) 3 0 0.0% 0 0.00");
            assertThat(rows("#card-page-live .per-segment tbody tr")).as("new customers: low value, first contact")
                    .containsExactly("stage:contact 3 0", "value:low 3 0");
        });
        browser.findElement(By.cssSelector("#card-page-n-2 .per-offer summary")).click();
        assertThat(rows("#card-page-n-2 .per-offer tbody tr")).containsExactly("no offer shown yet");
        assertThat(browser.findElement(By.cssSelector("#card-page-n-2 .per-segment tbody td")).getAttribute("colspan"))
                .as("across the table's own three columns").isEqualTo("3");
        Number plotHeight = (Number) browser.executeScript("return Chart.getChart(arguments[0]).chartArea.height",
                browser.findElement(By.cssSelector("#card-page-live canvas")));
        assertThat(plotHeight.doubleValue()).as("a plot to read, beside the legend and the time axis")
                .isGreaterThan(120);
        assertThat(browser.findElements(By.cssSelector("#card-page-a-7"))).hasSize(1);

        assertThat(http.delete("/v1/campaigns/page-a-7")).isEqualTo(204);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(browser.findElements(By.cssSelector("#card-page-a-7"))).isEmpty());
    }
}
