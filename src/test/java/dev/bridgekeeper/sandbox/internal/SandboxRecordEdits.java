package dev.bridgekeeper.sandbox.internal;

import java.util.Map;
import org.springframework.context.ApplicationContext;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * Tests' seam into the sandbox's data, as if the platform's own user had changed it: sets top-level fields of one
 * organisation's record (any characters, those a database refuses included, or raw bytes), touches it (modified now)
 * or deletes it (gone from full listings, reported deleted to incremental ones), in the sandbox's in-memory store.
 * Shipped code has no API for any of this.
 */
public final class SandboxRecordEdits {

    private final SandboxDataStore store;
    private final SandboxDataProperties properties;

    private SandboxRecordEdits(SandboxDataStore store, SandboxDataProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /**
     * A field value the data API writes as these bytes between quotes, unchecked and unescaped: a platform sending
     * bytes that are not UTF-8 (no Java string can hold them).
     */
    public static Object rawString(byte[] bytes) {
        return new RawString(bytes.clone());
    }

    private static final class RawString extends JacksonSerializable.Base {

        private final byte[] bytes;

        private RawString(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void serialize(JsonGenerator gen, SerializationContext context) {
            gen.writeRawUTF8String(bytes, 0, bytes.length);
        }

        @Override
        public void serializeWithType(JsonGenerator gen, SerializationContext context, TypeSerializer types) {
            serialize(gen, context);
        }
    }

    /** The sandbox of the application {@code context} (which must run the sandbox platforms). */
    public static SandboxRecordEdits of(ApplicationContext context) {
        return new SandboxRecordEdits(context.getBean(SandboxDataStore.class),
                context.getBean(SandboxDataProperties.class));
    }

    /**
     * Sets {@code fields} on the record {@code id} of {@code dataType} in the organisation that {@code username}
     * signs in to on the platform {@code platform} (its slug: accounting, banking, commerce). Returns the record as
     * the data API now serves it.
     */
    public Map<String, Object> set(String platform, String username, String dataType, String id,
            Map<String, Object> fields) {
        Org org = org(platform, username);
        return store.edit(org.records(), org.key(), dataType, id, fields)
                .orElseThrow(() -> new IllegalArgumentException("no " + dataType + " record " + id));
    }

    /** Stamps the record modified now, so the next incremental listing includes it; returns it as now served. */
    public Map<String, Object> touch(String platform, String username, String dataType, String id) {
        Org org = org(platform, username);
        return store.touch(org.records(), org.key(), dataType, id)
                .orElseThrow(() -> new IllegalArgumentException("no " + dataType + " record " + id));
    }

    /** Deletes the record: gone from full listings, reported with metadata.isDeleted to incremental ones. */
    public void delete(String platform, String username, String dataType, String id) {
        Org org = org(platform, username);
        if (!store.delete(org.records(), org.key(), dataType, id)) {
            throw new IllegalArgumentException("no " + dataType + " record " + id);
        }
    }

    private record Org(SandboxRecords records, String key) {}

    private Org org(String platform, String username) {
        SandboxPlatform sandbox = SandboxPlatform.bySlug(platform)
                .orElseThrow(() -> new IllegalArgumentException("no sandbox platform " + platform));
        SandboxUser user = SandboxUser.byUsername(username)
                .orElseThrow(() -> new IllegalArgumentException("no sandbox user " + username));
        return new Org(new SandboxRecords(sandbox, user, properties.volumeFor(user.username())),
                SandboxDataStore.key(sandbox, user));
    }
}
