package dev.bridgekeeper.company.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

record CompanyRow(UUID id, String name, String description, Map<String, String> tags, List<String> products,
        Instant created, String createdByUserName, Instant lastSync) {}
