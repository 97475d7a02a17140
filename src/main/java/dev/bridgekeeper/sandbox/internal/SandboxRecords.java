package dev.bridgekeeper.sandbox.internal;

import dev.bridgekeeper.platform.IsoInstants;
import dev.bridgekeeper.sandbox.internal.SandboxDataProperties.Volume;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The generated data of one sandbox organisation, in Codat's standard shapes. Record {@code i} of a data type
 * depends only on (platform, user, data type, i) and the configured volume, so any page can be produced without
 * the ones before it and the same organisation always holds the same data. Base records were last modified at
 * {@link #BASE} plus ten seconds per index, so "modified since" is an index range.
 */
final class SandboxRecords {

    static final Instant BASE = Instant.parse("2025-06-01T00:00:00Z");

    /** The data types each platform serves, in the order a full listing walks them. */
    static List<String> dataTypes(SandboxPlatform platform) {
        return generator(platform, SandboxUser.GOOD, Volume.DEFAULT).dataTypes();
    }

    private final RecordGenerator generator;

    SandboxRecords(SandboxPlatform platform, SandboxUser user, Volume volume) {
        this.generator = generator(platform, user, volume);
    }

    private static RecordGenerator generator(SandboxPlatform platform, SandboxUser user, Volume volume) {
        UUID org = user.organisationId(platform);
        SandboxDraws draws = new SandboxDraws(org.getMostSignificantBits() ^ org.getLeastSignificantBits());
        String name = user.organisationName(platform);
        return switch (platform) {
            case ACCOUNTING -> new AccountingRecords(draws, volume, name, org);
            case BANKING -> new BankingRecords(draws, volume, name);
            case COMMERCE -> new CommerceRecords(draws, volume, name, org);
        };
    }

    boolean serves(String dataType) {
        return generator.dataTypes().contains(dataType);
    }

    int count(String dataType) {
        return serves(dataType) ? generator.count(dataType) : 0;
    }

    /** When record {@code index} was last changed, before any touch. */
    static Instant baseModified(int index) {
        return BASE.plusSeconds(10L * index);
    }

    /** The index a record id names, when it is one of this data type's ids. */
    Optional<Integer> indexOf(String dataType, String id) {
        String prefix = generator.prefix(dataType) + "-";
        if (id == null || !id.startsWith(prefix)) {
            return Optional.empty();
        }
        try {
            int index = Integer.parseInt(id.substring(prefix.length()));
            return index >= 0 && index < count(dataType) ? Optional.of(index) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Record {@code index}, with its modifiedDate set to {@code modified}. */
    Map<String, Object> record(String dataType, int index, Instant modified) {
        if (!serves(dataType)) {
            throw new IllegalArgumentException("Not a sandbox data type: " + dataType);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id(dataType, index));
        generator.fill(r, dataType, index);
        String stamp = IsoInstants.format(modified);
        r.put("modifiedDate", stamp);
        r.put("sourceModifiedDate", stamp);
        return r;
    }

    String id(String dataType, int index) {
        return generator.prefix(dataType) + "-" + index;
    }

    static List<Integer> range(int from, int to) {
        List<Integer> all = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
            all.add(i);
        }
        return all;
    }
}
