package dev.bridgekeeper.sandbox.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.springframework.stereotype.Component;

/**
 * One sandbox organisation's data as its API lists it: the generated records ({@link SandboxRecords}) plus the
 * changes tests make (a touch re-stamps a record's modifiedDate, an edit sets fields and re-stamps it, a delete
 * removes it). None of them has an API: a test reaches the store itself (its SandboxRecordEdits seam).
 * Changes live in memory: a restart returning the organisation to its generated state is what a test wants.
 */
@Component
@SandboxEnabled
final class SandboxDataStore {

    /** A record changed after generation: modified at {@code modified}, deleted or not, top-level fields set. */
    record Change(Instant modified, boolean deleted, Map<String, Object> fields) {

        Change(Instant modified, boolean deleted) {
            this(modified, deleted, Map.of());
        }
    }

    /** One page of a listing. */
    record Page(List<Map<String, Object>> results, long totalResults) {}

    private final Map<String, NavigableMap<Integer, Change>> changes = new ConcurrentHashMap<>();
    private final Clock clock;

    SandboxDataStore(Clock clock) {
        this.clock = clock;
    }

    /** The key of one platform's organisation for one test user. */
    static String key(SandboxPlatform platform, SandboxUser user) {
        return platform.slug() + "|" + user.username();
    }

    Page list(SandboxRecords records, String key, String dataType, int page, int pageSize, Instant modifiedSince) {
        int n = records.count(dataType);
        NavigableMap<Integer, Change> changed = changesOf(key, dataType);
        long offset = (long) (page - 1) * pageSize;
        List<Integer> indexes;
        long total;
        if (changed.isEmpty()) {
            int from = modifiedSince == null ? 0 : firstModifiedAfter(modifiedSince, n);
            total = n - from;
            int start = (int) Math.min(n, from + offset);
            indexes = SandboxRecords.range(start, (int) Math.min(n, start + (long) pageSize));
        } else {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Change change = changed.get(i);
                Instant modified = change == null ? SandboxRecords.baseModified(i) : change.modified();
                boolean listed = modifiedSince == null ? change == null || !change.deleted()
                        : modified.isAfter(modifiedSince);
                if (listed) {
                    all.add(i);
                }
            }
            total = all.size();
            indexes = all.subList((int) Math.min(all.size(), offset),
                    (int) Math.min(all.size(), offset + pageSize));
        }
        List<Map<String, Object>> results = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            results.add(render(records, dataType, i, changed.get(i)));
        }
        return new Page(results, total);
    }

    Optional<Map<String, Object>> get(SandboxRecords records, String key, String dataType, String id) {
        return records.indexOf(dataType, id).map(i -> render(records, dataType, i, changesOf(key, dataType).get(i)));
    }

    /** Re-stamps the record as modified now; false when there is no such record. */
    Optional<Map<String, Object>> touch(SandboxRecords records, String key, String dataType, String id) {
        return records.indexOf(dataType, id).map(i -> {
            Change earlier = changesOf(key, dataType).get(i);
            Change change = new Change(later(key, dataType), false, earlier == null ? Map.of() : earlier.fields());
            changesOf(key, dataType).put(i, change);
            return render(records, dataType, i, change);
        });
    }

    /** Sets top-level fields of the record (not its id or dates) and re-stamps it as modified now. */
    Optional<Map<String, Object>> edit(SandboxRecords records, String key, String dataType, String id,
            Map<String, Object> fields) {
        return records.indexOf(dataType, id).map(i -> {
            Change earlier = changesOf(key, dataType).get(i);
            Map<String, Object> merged = new LinkedHashMap<>(earlier == null ? Map.of() : earlier.fields());
            fields.forEach((name, value) -> {
                if (!List.of("id", "modifiedDate", "sourceModifiedDate").contains(name)) {
                    merged.put(name, value);
                }
            });
            Change change = new Change(later(key, dataType), false, merged);
            changesOf(key, dataType).put(i, change);
            return render(records, dataType, i, change);
        });
    }

    boolean delete(SandboxRecords records, String key, String dataType, String id) {
        return records.indexOf(dataType, id).map(i -> {
            changesOf(key, dataType).put(i, new Change(later(key, dataType), true));
            return true;
        }).orElse(false);
    }

    private Map<String, Object> render(SandboxRecords records, String dataType, int index, Change change) {
        if (change != null && change.deleted()) {
            Map<String, Object> gone = new LinkedHashMap<>();
            gone.put("id", records.id(dataType, index));
            gone.put("modifiedDate", change.modified().toString());
            gone.put("sourceModifiedDate", change.modified().toString());
            gone.put("metadata", Map.of("isDeleted", true));
            return gone;
        }
        Map<String, Object> record = records.record(dataType, index,
                change == null ? SandboxRecords.baseModified(index) : change.modified());
        if (change == null || change.fields().isEmpty()) {
            return record;
        }
        Map<String, Object> edited = new LinkedHashMap<>(record);
        edited.putAll(change.fields());
        return edited;
    }

    /** Now, but strictly after every earlier change of the data type, so each touch is visible to "since". */
    private Instant later(String key, String dataType) {
        Instant now = clock.instant();
        Instant latest = changesOf(key, dataType).values().stream().map(Change::modified).max(Instant::compareTo)
                .orElse(Instant.EPOCH);
        return now.isAfter(latest) ? now : latest.plusMillis(1);
    }

    private static int firstModifiedAfter(Instant since, int n) {
        long seconds = since.getEpochSecond() - SandboxRecords.BASE.getEpochSecond();
        if (seconds < 0) {
            return 0;
        }
        long first = seconds / 10 + 1;
        return (int) Math.min(n, first);
    }

    private NavigableMap<Integer, Change> changesOf(String key, String dataType) {
        return changes.computeIfAbsent(key + "|" + dataType, k -> new ConcurrentSkipListMap<>());
    }
}
