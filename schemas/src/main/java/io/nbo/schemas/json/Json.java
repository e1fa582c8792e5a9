package io.nbo.schemas.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

/** The one configured Jackson mapper every module shares, so wire JSON looks the same everywhere. */
public final class Json {
    /** Deeper documents are refused before they can exhaust the stack. */
    public static final int MAX_NESTING_DEPTH = 32;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Generated accessors instead of reflection: state and decision records are (de)serialised on every
            // event and decision, and reflective calls showed up in profiles.
            .addModule(new BlackbirdModule())
            // On Java 17 Double.toString and Double.parseDouble were a tenth of the event loop and the stream
            // thread in profiles: decisions and states are mostly doubles. Both give the same doubles back.
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(1_000_000)
                .build());
    }

    /** The same mapping in Smile, Jackson's binary JSON: for large, hot state that no person reads raw. */
    private static final ObjectMapper BINARY = JsonMapper.builder(new SmileFactory())
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new BlackbirdModule())
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private static final ObjectReader UNTRUSTED = MAPPER.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * For JSON from outside (request bodies, records on input topics): a key given twice in one object is an
     * error, not silently the last value, since the two copies may mean different things to different readers.
     */
    public static ObjectReader untrustedReader() {
        return UNTRUSTED;
    }

    public static ObjectMapper binaryMapper() {
        return BINARY;
    }
}
