package io.nbo.service;

/** Lets tests in other packages start the service and talk to it like the integration tests here do. */
public final class TestServicesAccess {
    private TestServicesAccess() {
    }

    public static OfferService start(String prefix) throws Exception {
        return TestServices.start(prefix);
    }

    /** The test deployment's key for {@code role} ("site", "agent", "marketer" or "admin"). */
    public static String key(String role) {
        return switch (role) {
            case "site" -> TestServices.SITE_KEY;
            case "agent" -> TestServices.AGENT_KEY;
            case "marketer" -> TestServices.MARKETER_KEY;
            case "admin" -> TestServices.ADMIN_KEY;
            default -> throw new IllegalArgumentException(role);
        };
    }

    /** Status-and-body HTTP calls for tests outside this package, with the admin key. */
    public static final class Client {
        private final Http http;

        public Client(String base) {
            this.http = new Http(base);
        }

        public String get(String path) {
            return http.get(path).body();
        }

        public int post(String path, String json) {
            return http.post(path, json).status();
        }

        public void put(String path, String json) {
            Http.Reply reply = http.put(path, json);
            if (reply.status() >= 300) {
                throw new AssertionError("PUT " + path + " answered " + reply);
            }
        }

        public int delete(String path) {
            return http.delete(path).status();
        }
    }
}
