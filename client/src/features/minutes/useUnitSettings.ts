import type { UnitSettings } from '@unitroom/shared';
import { useCallback, useEffect, useState } from 'react';
import { fetchUnitSettings, saveUnitSettings } from '../../api/unitSettings';

/**
 * The unit's settings as the server holds them. Until they are read, prompts count as on (the
 * default); if they cannot be read, they stay on: a prompt shown is safer than one silently lost.
 */
export function useUnitSettings(unitId: string) {
  const [settings, setSettings] = useState<UnitSettings>({ criteriaPromptsEnabled: true });
  const [switching, setSwitching] = useState(false);

  useEffect(() => {
    let current = true;
    fetchUnitSettings(unitId).then(
      (read) => current && setSettings(read),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [unitId]);

  const save = useCallback(
    async (next: UnitSettings) => {
      setSwitching(true);
      try {
        setSettings(await saveUnitSettings(unitId, next));
      } finally {
        setSwitching(false);
      }
    },
    [unitId],
  );
  return { settings, switching, save };
}
