import { useEffect } from 'react';

/**
 * Asks before closing the tab while edits exist only in this browser. Only for the offline case:
 * while connected, unconfirmed edits are already on their way and a prompt would only nag.
 */
export function useWarnBeforeLeaving(warn: boolean): void {
  useEffect(() => {
    if (!warn) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [warn]);
}
