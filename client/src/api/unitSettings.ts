import { unitSettingsSchema, type UnitSettings } from '@unitroom/shared';
import { request } from './http';

const address = (unitId: string) => `/api/units/${encodeURIComponent(unitId)}/settings`;

export async function fetchUnitSettings(unitId: string): Promise<UnitSettings> {
  const response = await request('GET', address(unitId));
  return unitSettingsSchema.parse(await response.json());
}

/** Only the unit's consultant may; others get a 403 `ApiRequestError`. */
export async function saveUnitSettings(
  unitId: string,
  settings: UnitSettings,
): Promise<UnitSettings> {
  const response = await request('PUT', address(unitId), settings);
  return unitSettingsSchema.parse(await response.json());
}
