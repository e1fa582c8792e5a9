package io.nbo.schemas.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A Kafka serde for trusted internal JSON (state stores, snapshots); untrusted input goes through the codecs instead. */
public final class JsonSerde<T> implements Serde<T> {
    private final ObjectReader reader;
    private final ObjectReader binaryReader;
    /** Reads what {@link #writer} writes with mix-ins; null without them. */
    private final ObjectReader compactReader;
    private final ObjectWriter writer;
    private final DecodedCache<T> decoded;
    /** Tests set this so every value written through a decoding cache is also decoded and compared. */
    private static final boolean VERIFY_ROUND_TRIP = Boolean.getBoolean("nbo.json.verifyRoundTrip");

    public JsonSerde(Class<T> type) {
        this(type, false, null, Map.of());
    }

    private JsonSerde(Class<T> type, boolean binary, DecodedCache<T> decoded, Map<Class<?>, Class<?>> mixIns) {
        this.reader = Json.mapper().readerFor(type);
        this.binaryReader = Json.binaryMapper().readerFor(type);
        if (mixIns.isEmpty()) {
            this.compactReader = null;
            this.writer = (binary ? Json.binaryMapper() : Json.mapper()).writerFor(type);
        } else {
            ObjectMapper compact = Json.binaryMapper().copy();
            mixIns.forEach(compact::addMixIn);
            // Values repeated from record to record (channels, categories, offer, campaign and decision ids) are
            // written once and referred back to: fewer bytes to encode, store and send to the changelog.
            ((SmileFactory) compact.getFactory()).enable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES);
            this.compactReader = compact.readerFor(type);
            this.writer = compact.writerFor(type);
        }
        this.decoded = decoded;
    }

    /**
     * Writes Smile (binary JSON: about half the bytes, a third faster to read for a busy customer's contact
     * history) and reads both Smile and text JSON, so state written as text before stays readable.
     */
    public static <T> JsonSerde<T> binary(Class<T> type) {
        return new JsonSerde<>(type, true, null, Map.of());
    }

    /**
     * {@link #binary} in a compact layout for values made of many similar records: written with Jackson mix-ins
     * ({@code target type -> mix-in}, for instance to write such a record as a positional array, without its
     * field names) and with Smile's shared string values. Reads try that layout first and then the plain one,
     * so values written before still read.
     */
    public static <T> JsonSerde<T> binary(Class<T> type, Map<Class<?>, Class<?>> mixIns) {
        return new JsonSerde<>(type, true, null, mixIns);
    }

    /**
     * Text JSON that remembers what it last wrote and read, up to {@code maxEncodedBytes} of encoded values,
     * and answers the same bytes with the same (immutable) value instead of decoding them again.
     */
    public static <T> JsonSerde<T> cached(Class<T> type, long maxEncodedBytes) {
        return new JsonSerde<>(type, false, new DecodedCache<>(maxEncodedBytes), Map.of());
    }

    /**
     * {@link #binary} that remembers what it last wrote and read, up to {@code maxEncodedBytes} of encoded
     * values, and answers the same bytes with the same (immutable) value instead of decoding them again.
     */
    public static <T> JsonSerde<T> binaryCached(Class<T> type, long maxEncodedBytes) {
        return binaryCached(type, maxEncodedBytes, Map.of());
    }

    /** {@link #binaryCached} written with mix-ins, as {@link #binary(Class, Map)}. */
    public static <T> JsonSerde<T> binaryCached(Class<T> type, long maxEncodedBytes, Map<Class<?>, Class<?>> mixIns) {
        return new JsonSerde<>(type, true, new DecodedCache<>(maxEncodedBytes), mixIns);
    }

    /** Smile documents start with the header ":)\n". */
    public static boolean isSmile(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == ':' && bytes[1] == ')' && bytes[2] == '\n';
    }

    public byte[] toBytes(T value) {
        if (value == null) {
            return null;
        }
        try {
            byte[] bytes = writer.writeValueAsBytes(value);
            if (decoded != null) {
                // The cache answers these bytes with this value from now on: only right if decoding gives it back.
                if (VERIFY_ROUND_TRIP && !value.equals(decode(bytes))) {
                    throw new IllegalStateException(value.getClass().getSimpleName() + " does not survive encoding");
                }
                decoded.put(bytes, value);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    public T fromBytes(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        T known = decoded == null ? null : decoded.get(bytes);
        if (known != null) {
            return known;
        }
        T value = decode(bytes);
        return decoded == null ? value : decoded.putIfAbsent(bytes, value);
    }

    private T decode(byte[] bytes) {
        try {
            if (!isSmile(bytes)) {
                return reader.readValue(bytes);
            }
            if (compactReader == null) {
                return binaryReader.readValue(bytes);
            }
            try {
                return compactReader.readValue(bytes);
            } catch (IOException compactFailed) {
                // Written before the mix-ins: read once in the plain layout, and rewritten compact on its next change.
                try {
                    return binaryReader.readValue(bytes);
                } catch (IOException plainFailed) {
                    compactFailed.addSuppressed(plainFailed);
                    throw compactFailed;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stored JSON", e);
        }
    }

    /**
     * {@code value}, as read from the store, is no longer kept decoded (no-op without a cache): after an erasure,
     * and when a newer version has been written in its place, so that versions nobody will read again do not
     * crowd out the current ones.
     */
    public void forget(T value) {
        if (decoded != null && value != null) {
            decoded.forget(value);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> toBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> fromBytes(bytes);
    }
}
