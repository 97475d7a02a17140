package dev.bridgekeeper.settings;

import java.util.List;
import java.util.UUID;

/** Front door for the sync engine: the settings in force for a company (its own, or the profile's). */
public interface SyncSettingsDirectory {

    List<SyncSetting> forCompany(UUID clientId, UUID companyId);
}
