/**
 * Every `doc.transact(fn, origin)` in Unitroom passes one of these, so hooks, persistence and undo
 * can tell a person's edit from a migration or a demo seed without guessing.
 */
export type TransactionOrigin =
  | { readonly kind: 'user'; readonly userId: string }
  /** A client's update; `userId` is the session's, for attribution ([Y1]). */
  | { readonly kind: 'remote'; readonly connectionId: string; readonly userId?: string }
  /** Written by the server to restore a document or take back someone's changes ([Y3]). */
  | { readonly kind: 'restore'; readonly userId: string; readonly restoreId: string }
  | { readonly kind: 'load' }
  /** Applied from another server process through the relay; already durable there. */
  | { readonly kind: 'relay' }
  | { readonly kind: 'migration'; readonly toVersion: number }
  | { readonly kind: 'seed' };

export const userOrigin = (userId: string): TransactionOrigin => ({ kind: 'user', userId });
export const LOAD_ORIGIN: TransactionOrigin = { kind: 'load' };
export const RELAY_ORIGIN: TransactionOrigin = { kind: 'relay' };
/** Content the server writes itself: the minutes template, the demo unit's families. */
export const SEED_ORIGIN: TransactionOrigin = { kind: 'seed' };

export function isTransactionOrigin(value: unknown): value is TransactionOrigin {
  return (
    typeof value === 'object' &&
    value !== null &&
    'kind' in value &&
    typeof (value as { kind: unknown }).kind === 'string'
  );
}
