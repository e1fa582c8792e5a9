package io.nbo.topology.deadletter;

import io.nbo.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record a processor fails on goes to the dead-letter topic with the failure as its reason, and the topology
 * goes on. Failing the thread instead would fail it again on the same record after every replacement and
 * restart, since the record is never committed past: one poison record would stop every customer of its
 * partition for good. A failing store or broker ({@link StreamsException}) still fails the thread, since going
 * on would lose the record's effects rather than set aside one unreadable record.
 */
public final class ProcessingFailures implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessingFailures.class);

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure: the dead-letter topic is the contract's
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (exception instanceof StreamsException) {
            return Response.fail();
        }
        LOG.error("Processing failed in {} on {}-{} at offset {}; the record goes to {} and processing goes on",
                context.processorNodeId(), context.topic(), context.partition(), context.offset(),
                Topics.DEAD_LETTER.name(), exception);
        if (context.topic() == null) {
            // A punctuation, not a record: nothing to set aside.
            return Response.resume();
        }
        return Response.resume(List.of(letter(context, exception, System.currentTimeMillis())));
    }

    static ProducerRecord<byte[], byte[]> letter(ErrorHandlerContext context, Exception exception, long now) {
        byte[] rawKey = context.sourceRawKey();
        Record<String, byte[]> source = new Record<>(rawKey == null ? null : new String(rawKey, StandardCharsets.UTF_8),
                context.sourceRawValue(), Math.max(0, context.timestamp()), context.headers());
        String reason = "processing failed in " + context.processorNodeId() + ": " + exception;
        Record<String, byte[]> letter = DeadLetters.letter(source, reason, origin(context), now);
        return new ProducerRecord<>(Topics.DEAD_LETTER.name(), null, letter.timestamp(),
                letter.key() == null ? null : letter.key().getBytes(StandardCharsets.UTF_8), letter.value(),
                letter.headers());
    }

    private static RecordMetadata origin(ErrorHandlerContext context) {
        return new RecordMetadata() {
            @Override
            public String topic() {
                return context.topic();
            }

            @Override
            public int partition() {
                return context.partition();
            }

            @Override
            public long offset() {
                return context.offset();
            }
        };
    }
}
