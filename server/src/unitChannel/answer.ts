import { z } from 'zod';
import type { Ack } from '@unitroom/shared';

/** Runs an event's work and acknowledges it: its value, or a short reason it was refused. */
export function answer<T>(ack: Ack<T> | undefined, work: () => Promise<T>): void {
  work().then(
    (value) => {
      if (typeof ack === 'function') ack({ ok: true, value });
    },
    (error: unknown) => {
      const message =
        error instanceof z.ZodError
          ? 'malformed request'
          : error instanceof Error
            ? error.message
            : 'failed';
      if (typeof ack === 'function') ack({ ok: false, error: message });
    },
  );
}
