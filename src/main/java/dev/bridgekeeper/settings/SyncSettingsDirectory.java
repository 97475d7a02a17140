package dev.bridgekeeper.settings;

import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import java.util.List;

/** Front door for the sync engine: the settings in force for a company (its own, or the profile's). */
public interface SyncSettingsDirectory {

    List<SyncSetting> forCompany(ClientId clientId, CompanyId companyId);
}
