package org.concord.workflow;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.concord.intel.stix.StixValidator;
import org.concord.intel.stix.Tlp;
import org.concord.party.PartyCode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import tools.jackson.databind.JsonNode;

/**
 * What the one gate at the inbox costs a partner's workflow message, per type, one thread: the
 * type's reader alone ({@code readerOnly}, the baseline, which is all the inbox did before the
 * schema check) against the published extension schema and then the reader ({@code schemaAndReader},
 * what {@code WorkflowInboxCheck} does now). The message is the type's opening message as the
 * partner's node writes it.
 * Run: {@code ./mvnw -Pbench -DskipTests test -Dbench="InboxCheckBenchmark -f 1"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class InboxCheckBenchmark {

    @Param({"request", "call", "incident", "commitment"})
    public String type;

    CaseType<?, ?, ?> caseType;
    StixValidator.Extension schema;
    JsonNode message;

    @Setup
    public void prepare() {
        WorkflowSamples.Sample<?, ?, ?> sample = WorkflowSamples.all().stream().filter(s -> s.type().name().equals(type))
                .findFirst().orElseThrow();
        caseType = sample.type();
        schema = StixValidator.extension(caseType.schemaFile());
        message = stix(sample);
        if (!schema.validate(message).isEmpty()) {
            throw new IllegalStateException("the sample breaks its schema: " + schema.validate(message));
        }
    }

    private static <M extends CaseMessage> JsonNode stix(WorkflowSamples.Sample<M, ?, ?> sample) {
        M opening = sample.open(PartyCode.of("IR"), PartyCode.of("PK"), MessageStix.truncate(Instant.parse("2026-12-02T10:00:00Z")));
        return sample.type().toStix(opening, "identity--3b0e6bd2-5c1a-4c0e-9d7e-0e5b1c9a2f10", Tlp.AMBER, List.of());
    }

    @Benchmark
    public Object readerOnly() {
        return caseType.fromStix(message);
    }

    @Benchmark
    public Object schemaAndReader() {
        schema.validate(message);
        return caseType.fromStix(message);
    }
}
