import { useCallback, useSyncExternalStore } from 'react';
import type { WebsocketProvider } from 'y-websocket';

const noSubscription = () => () => undefined;
const notSynced = () => false;

/**
 * True once the provider has had the server's copy at least once. Writes that depend on what the
 * document already holds (attendance: never put back someone removed) wait for it.
 */
export function useProviderSynced(provider: WebsocketProvider | null): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!provider) return () => undefined;
      provider.on('sync', onChange);
      return () => provider.off('sync', onChange);
    },
    [provider],
  );
  return useSyncExternalStore(
    provider ? subscribe : noSubscription,
    provider ? () => provider.synced : notSynced,
  );
}
