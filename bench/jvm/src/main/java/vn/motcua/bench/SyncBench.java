package vn.motcua.bench;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vn.motcua.MotcuaKt;
import vn.motcua.RecordReport;
import vn.motcua.RustTiming;

/**
 * Per-record cost of batch sync validation called from Java, against the same core work timed
 * inside Rust in the same process and run (benchRustOnlyNanos: validate_input_threads alone,
 * without building the JVM results). Overhead per record = (Java call - Rust alone) / records.
 *
 * Also: identifier checks one call per value vs one checkMany call, to show the per-crossing cost
 * the batch forms avoid.
 *
 *   SyncBench FILE [--threads 1,2] [--runs 7] [--warmup 3] [--ids 100000]
 */
public final class SyncBench {
    static final String CONFIG = "{\"today\":\"2026-11-24\"}";

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].startsWith("-")) {
            System.err.println("usage: SyncBench FILE [--threads 1,2] [--runs 7] [--warmup 3] [--ids 100000]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int[] threads = {1, 2};
        int runs = 7, warmup = 3, ids = 100_000;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--threads" -> threads = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--ids" -> ids = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        byte[] data = Files.readAllBytes(file);
        // The zero-copy form reads a direct buffer in place (here: the file mapped read-only).
        ByteBuffer direct;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            direct = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
        }
        System.out.printf("java %s (%s), motcua %s, %d CPUs, max heap %d MiB%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"), MotcuaKt.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("input %s: %,d bytes%n%n", file, data.length);

        System.out.println("| Java call | threads | records | invalid | Rust alone, median | Java call, median "
                + "| Rust µs/record | Java µs/record | overhead µs/record | overhead % |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String form : new String[] {"validateJsonlDirect(ByteBuffer)", "validateJsonl(byte[])"}) {
            boolean isDirect = form.startsWith("validateJsonlDirect");
            for (int t : threads) {
                for (int i = 0; i < warmup; i++) {
                    MotcuaKt.benchRustOnlyNanos(direct, CONFIG, t);
                    consume(isDirect ? MotcuaKt.validateJsonlDirect(direct, CONFIG, t) : MotcuaKt.validateJsonl(data, CONFIG, t));
                }
                long[] rust = new long[runs], java = new long[runs];
                long records = 0, invalid = 0;
                // Interleaved, so drift of the machine hits both sides alike.
                for (int i = 0; i < runs; i++) {
                    RustTiming r = MotcuaKt.benchRustOnlyNanos(direct, CONFIG, t);
                    rust[i] = r.getNanos();
                    records = r.getRecords();
                    invalid = r.getInvalid();
                    long t0 = System.nanoTime();
                    List<RecordReport> reports = isDirect
                            ? MotcuaKt.validateJsonlDirect(direct, CONFIG, t)
                            : MotcuaKt.validateJsonl(data, CONFIG, t);
                    long bad = consume(reports);
                    java[i] = System.nanoTime() - t0;
                    if (reports.size() != records || bad != invalid) {
                        throw new IllegalStateException("Java and Rust disagree: " + reports.size() + "/" + bad
                                + " vs " + records + "/" + invalid);
                    }
                }
                double rm = median(rust), jm = median(java);
                System.out.printf("| `%s` | %d | %,d | %,d | %.1f ms | %.1f ms | %.3f | %.3f | **%.3f** | %.1f %% |%n",
                        form, t, records, invalid, rm / 1e6, jm / 1e6, rm / records / 1e3, jm / records / 1e3,
                        (jm - rm) / records / 1e3, 100 * (jm - rm) / rm);
            }
        }

        // One crossing with (almost) no work: the fixed cost of a uniffi call from Java.
        for (int i = 0; i < 200_000; i++) {
            MotcuaKt.version();
        }
        long[] calls = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < 100_000; k++) {
                MotcuaKt.version();
            }
            calls[i] = System.nanoTime() - t0;
        }
        System.out.printf("%nversion(): %.2f µs per call (median of %d x 100,000 calls)%n", median(calls) / 1e5 / 1e3, runs);

        if (ids > 0) {
            List<String> values = new ArrayList<>(ids);
            for (int i = 0; i < ids; i++) {
                values.add(i % 2 == 0 ? "0312687878-001" : "0100233480"); // valid, invalid (check digit)
            }
            for (int i = 0; i < warmup; i++) {
                one(values);
                MotcuaKt.checkMany("mst", values, CONFIG);
            }
            long[] single = new long[runs], batch = new long[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                one(values);
                single[i] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                MotcuaKt.checkMany("mst", values, CONFIG);
                batch[i] = System.nanoTime() - t0;
            }
            System.out.printf("%n| %,d tax codes (mst), half invalid | median | µs/value |%n|---|---:|---:|%n", ids);
            System.out.printf("| check(), one call per value | %.1f ms | %.3f |%n", median(single) / 1e6, median(single) / ids / 1e3);
            System.out.printf("| checkMany(), one call | %.1f ms | %.3f |%n", median(batch) / 1e6, median(batch) / ids / 1e3);
        }
    }

    static void one(List<String> values) throws Exception {
        for (String v : values) {
            MotcuaKt.check("mst", v, CONFIG);
        }
    }

    /** Touches every report so the JIT cannot skip building them; returns the invalid count. */
    static long consume(List<RecordReport> reports) {
        long bad = 0;
        for (RecordReport r : reports) {
            if (!r.getIssues().isEmpty()) {
                bad++;
            }
        }
        return bad;
    }

    static double median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }
}
