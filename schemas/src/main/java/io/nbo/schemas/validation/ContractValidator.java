package io.nbo.schemas.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON document against one of the versioned contracts and returns every violation as a
 * readable sentence naming the field ("$.amount: must have a minimum value of 0").
 * Thread-safe; build once and share.
 */
public final class ContractValidator {
    static final String ID_PREFIX = "https://nbo.io/schemas/" + Contract.VERSION + "/";
    private static final ContractValidator SHARED = new ContractValidator();

    private final Map<Contract, Schema> schemas = new EnumMap<>(Contract.class);

    private ContractValidator() {
        // The contracts word some refusals themselves ("errorMessage"): the validator's own wording of a failed
        // "not" or a long pattern tells a marketer nothing.
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaIdResolvers(resolvers ->
                                resolvers.mapPrefix(ID_PREFIX, "classpath:schemas/" + Contract.VERSION + "/"))
                        .schemaRegistryConfig(SchemaRegistryConfig.builder().errorMessageKeyword("errorMessage").build()));
        for (Contract contract : Contract.values()) {
            Schema schema = registry.getSchema(SchemaLocation.of(contract.schemaId()));
            schema.initializeValidators();
            schemas.put(contract, schema);
        }
    }

    public static ContractValidator shared() {
        return SHARED;
    }

    public List<String> violations(Contract contract, JsonNode document) {
        // First, and alone: the validator cannot compare a number beyond a double with an enum's values.
        java.util.Optional<String> unwritable = UnwritableValues.first(document);
        if (unwritable.isPresent()) {
            return List.of(unwritable.get());
        }
        List<Error> errors = schemas.get(contract).validate(document);
        return errors.stream().map(ContractValidator::describe).distinct().toList();
    }

    private static String describe(Error error) {
        String location = jsonPath(error.getInstanceLocation().toString());
        String message = error.getMessage();
        int pointerEnd = message.indexOf(": ");
        if (message.startsWith("/") && pointerEnd > 0) {
            message = message.substring(pointerEnd + 2);
        }
        return location + ": " + message;
    }

    /** JSON Pointer ("/items/0/price") to the JSONPath form readers know ("$.items[0].price"). */
    static String jsonPath(String pointer) {
        StringBuilder path = new StringBuilder("$");
        for (String token : pointer.split("/")) {
            if (token.isEmpty()) {
                continue;
            }
            String segment = token.replace("~1", "/").replace("~0", "~");
            path.append(segment.chars().allMatch(Character::isDigit) ? "[" + segment + "]" : "." + segment);
        }
        return path.toString();
    }
}
