import type { UnitQuestionBank } from '@unitroom/shared';
import { useCallback, useEffect, useState } from 'react';
import { fetchQuestionBank } from '../../api/questionBank';

/**
 * The unit's question bank, fetched once per mount; null until it arrives (callers fall back to
 * the default bank, so a slow network never leaves the board without proposals).
 */
export function useUnitQuestionBank(unitId: string): {
  bank: UnitQuestionBank | null;
  error: string | null;
  reload(): void;
  replace(bank: UnitQuestionBank): void;
} {
  const [bank, setBank] = useState<UnitQuestionBank | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    fetchQuestionBank(unitId).then(
      (loaded) => {
        if (!live) return;
        setBank(loaded);
        setError(null);
      },
      (reason: unknown) => {
        if (live)
          setError(reason instanceof Error ? reason.message : 'The bank could not be loaded');
      },
    );
    return () => {
      live = false;
    };
  }, [unitId, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { bank, error, reload, replace: setBank };
}
