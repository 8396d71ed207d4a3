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

/** The extensions that have hook `name`, with that hook bound to its extension, in order. */
function handlersOf<Name extends keyof Extension>(
  extensions: readonly Extension[],
  name: Name,
): Array<NonNullable<Extension[Name]>> {
  const handlers: Array<NonNullable<Extension[Name]>> = [];
  for (const extension of extensions) {
    const hook = extension[name];
    if (typeof hook === 'function')
      handlers.push(hook.bind(extension) as NonNullable<Extension[Name]>);
  }
  return handlers;
}

/**
 * Runs the extensions' hooks in order. The sync core talks to this, never to an extension.
 *
 * The hooks run for every message and every batch are looked up once, here: a loop over all
 * the extensions asking each for an optional method read a dozen object shapes at one site
 * (megamorphic loads, 7 % of the event loop in the room-of-8 profile), and `change` awaited
 * every extension, so a batch took a dozen microtask hops before its fan-out where three
 * extensions store anything (docs/performance-findings.md).
 */
export class Hooks {
  private readonly onChange;
  private readonly onBeforeUpdate;
  private readonly onMessage;
  private readonly prepareUpdates;
  private readonly onUpdate;
  private readonly onProcessed;

  constructor(private readonly extensions: readonly Extension[]) {
    this.onChange = handlersOf(extensions, 'onChange');
    this.onBeforeUpdate = handlersOf(extensions, 'onBeforeUpdate');
    this.onMessage = handlersOf(extensions, 'onMessage');
    this.prepareUpdates = handlersOf(extensions, 'prepareUpdate');
    this.onUpdate = handlersOf(extensions, 'onUpdate');
    this.onProcessed = handlersOf(extensions, 'onProcessed');
  }

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
    for (const onChange of this.onChange) await onChange(payload);
  }

  /** The first extension's refusal of a client's update, if any. */
  beforeUpdate(payload: BeforeUpdatePayload): Refusal | undefined {
    for (const onBeforeUpdate of this.onBeforeUpdate) {
      const refusal = onBeforeUpdate(payload);
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
    for (const onMessage of this.onMessage) onMessage(payload);
  }

  /** The first extension's promise of pieces to apply instead of the update, if any. */
  prepareUpdate(payload: UpdatePayload): Promise<readonly Uint8Array[]> | undefined {
    for (const prepareUpdate of this.prepareUpdates) {
      const pieces = prepareUpdate(payload);
      if (pieces) return pieces;
    }
    return undefined;
  }

  /** Throws the first extension's `Refusal`. */
  update(payload: UpdatePayload): void {
    for (const onUpdate of this.onUpdate) onUpdate(payload);
  }

  /** Throws the first extension's `Refusal`. */
  syncAnswer(payload: { connection: ConnectionHandle; bytes: number }): void {
    for (const extension of this.extensions) extension.onSyncAnswer?.(payload);
  }

  /** Throws the first extension's `Refusal`. */
  processed(payload: { connection: ConnectionHandle; message: ClientMessage; ms: number }): void {
    for (const onProcessed of this.onProcessed) onProcessed(payload);
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
