import { CLOSE_CODES } from '@unitroom/shared';
import type { ClientMessage } from './messages.js';
import {
  Refusal,
  type BeforeUpdatePayload,
  type ChangePayload,
  type ConnectionContext,
  type ConnectionHandle,
  type ConnectionRequest,
  type Extension,
  type LoadPayload,
  type RelayedUpdatePayload,
  type MessagePayload,
  type StorePayload,
  type UpdatePayload,
} from './types.js';

/** Runs the extensions' hooks in order. The sync core talks to this, never to an extension. */
export class Hooks {
  constructor(private readonly extensions: readonly Extension[]) {}

  async authenticate(request: ConnectionRequest): Promise<ConnectionContext> {
    let context: ConnectionContext | undefined;
    for (const extension of this.extensions) {
      const result = await extension.onAuthenticate?.(request);
      if (result) context = result;
    }
    if (!context)
      throw new Refusal(CLOSE_CODES.UNAUTHENTICATED, 'no extension authenticated the connection');
    return context;
  }

  async load(payload: LoadPayload): Promise<void> {
    for (const extension of this.extensions) await extension.onLoad?.(payload);
  }

  async readStored(payload: LoadPayload): Promise<void> {
    for (const extension of this.extensions) await extension.onReadStored?.(payload);
  }

  async change(payload: ChangePayload): Promise<void> {
    for (const extension of this.extensions) await extension.onChange?.(payload);
  }

  /** The first extension's refusal of a client's update, if any. */
  beforeUpdate(payload: BeforeUpdatePayload): Refusal | undefined {
    for (const extension of this.extensions) {
      const refusal = extension.onBeforeUpdate?.(payload);
      if (refusal) return refusal;
    }
    return undefined;
  }

  /** Whether any extension drops an update relayed from another process. */
  dropsRelayedUpdate(payload: RelayedUpdatePayload): boolean {
    return this.extensions.some((extension) => extension.dropsRelayedUpdate?.(payload) === true);
  }

  async store(payload: StorePayload): Promise<void> {
    for (const extension of this.extensions) await extension.onStore?.(payload);
  }

  async unload(docName: string): Promise<void> {
    for (const extension of this.extensions) await extension.onUnload?.({ docName });
  }

  async beforeJoin(request: ConnectionRequest, connection: ConnectionHandle): Promise<void> {
    for (const extension of this.extensions) await extension.beforeJoin?.({ request, connection });
  }

  /** Throws the first extension's `Refusal`. */
  message(payload: MessagePayload): void {
    for (const extension of this.extensions) extension.onMessage?.(payload);
  }

  /** The first extension's promise of pieces to apply instead of the update, if any. */
  prepareUpdate(payload: UpdatePayload): Promise<readonly Uint8Array[]> | undefined {
    for (const extension of this.extensions) {
      const pieces = extension.prepareUpdate?.(payload);
      if (pieces) return pieces;
    }
    return undefined;
  }

  /** Throws the first extension's `Refusal`. */
  update(payload: UpdatePayload): void {
    for (const extension of this.extensions) extension.onUpdate?.(payload);
  }

  /** Throws the first extension's `Refusal`. */
  syncAnswer(payload: { connection: ConnectionHandle; bytes: number }): void {
    for (const extension of this.extensions) extension.onSyncAnswer?.(payload);
  }

  /** Throws the first extension's `Refusal`. */
  processed(payload: { connection: ConnectionHandle; message: ClientMessage; ms: number }): void {
    for (const extension of this.extensions) extension.onProcessed?.(payload);
  }

  async disconnect(payload: {
    request: ConnectionRequest;
    connection: ConnectionHandle;
    code: number | null;
    reason: string | null;
  }): Promise<void> {
    for (const extension of this.extensions) await extension.onDisconnect?.(payload);
  }

  async connect(request: ConnectionRequest, context: ConnectionContext): Promise<void> {
    for (const extension of this.extensions) await extension.onConnect?.({ request, context });
  }

  async refuse(request: ConnectionRequest, code: number, reason: string): Promise<void> {
    for (const extension of this.extensions) await extension.onRefuse?.({ request, code, reason });
  }

  /** Every extension's counts, merged. */
  counts(): Record<string, number> {
    return Object.assign({}, ...this.extensions.map((extension) => extension.counts?.() ?? {}));
  }
}
