import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { UNIT_CHANNEL_PATH, type DiscussionState } from '@unitroom/shared';
import { isOriginAllowed } from '../auth/origin.js';
import { KeyedBuckets } from '../limits/userBuckets.js';
import { authenticateSockets } from './authenticateSockets.js';
import {
  meetingRoom,
  type UnitChannelOptions,
  type UnitServer,
  type UnitSocket,
} from './channel.js';
import type { ConnectionContext } from './events/context.js';
import { onFocusEvents } from './events/focusEvents.js';
import { onHandEvents } from './events/handEvents.js';
import { onMeetingEntryEvents } from './events/meetingEntryEvents.js';
import { onWatchEvents } from './events/watchEvents.js';
import { liveMeetings } from './liveMeetings.js';
import { presenceBroadcaster } from './presence.js';
import { endSession, revokeGuest, revokeMember } from './revokeSockets.js';

export type { UnitChannelOptions } from './channel.js';

/**
 * Deliveries one user's unit-channel events may cause ([T3]): each hand, focus or entry event is
 * charged the number of sockets it is sent to. A meeting of 50 fits a hand raised and lowered
 * twice a second with room to spare; a user's sockets share it and it outlives reconnects.
 */
export const FAN_OUT_RATE = { perSecond: 250, burst: 1_000 };
export const FAN_OUT_REFUSED = 'too fast: wait a moment';

/** What the REST side tells the live rooms. */
export interface UnitChannel {
  io: UnitServer;
  /** The meeting closed: its live state ends, everyone in it is told, guests are let out. */
  meetingClosed(meetingId: string, nextMeetingId: string): void;
  /** A discussion was finalised: everyone in its meeting is told, so no laptop writes to it. */
  discussionFinalised(meetingId: string, familyId: string): void;
  /** A discussion was marked ready or returned to draft: everyone in its meeting is told ([W11]). */
  discussionStatusChanged(meetingId: string, familyId: string, state: DiscussionState): void;
  /** Disconnects the user's sockets in this process that watch `unitId` or are in its meetings. */
  revokeMember(unitId: string, userId: string): Promise<void>;
  /** Disconnects, in this process, the sockets in `meetingId` of a guest (null: of every guest). */
  revokeGuest(meetingId: string, userId: string | null): Promise<void>;
  /** Disconnects the sockets in this process opened with a session that has ended. */
  endSession(sessionId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The unit's live control channel over socket.io: who is online, which meeting is live, the
 * chair's focus, the per-family timer and raised hands. It carries no document content. Access is
 * checked on every event against the database (membership, or a guest's invitation), so a
 * removed member or a revoked guest stops receiving the moment they are removed.
 */
export function attachUnitChannel(
  httpServer: HttpServer,
  options: UnitChannelOptions,
): UnitChannel {
  const io: UnitServer = new Server(httpServer, {
    path: UNIT_CHANNEL_PATH,
    serveClient: false,
    // WebSocket only: browsers always send Origin on a WebSocket handshake (not on same-origin
    // polling GETs), so the exact-origin check below holds, and no sticky sessions are needed.
    transports: ['websocket'],
    // /collab upgrades belong to the sync transport; socket.io must not destroy them.
    destroyUpgrade: false,
    maxHttpBufferSize: 16 * 1024,
    allowRequest: (req, callback) =>
      callback(null, isOriginAllowed(req.headers.origin, options.allowedOrigins)),
    ...(options.adapter ? { adapter: options.adapter } : {}),
  });
  authenticateSockets(io, options);

  const refresh = presenceBroadcaster(io, options.log);
  const live = liveMeetings(io, options, refresh);
  const fanOut = new KeyedBuckets({ deliveries: FAN_OUT_RATE });

  io.on('connection', (socket: UnitSocket) => {
    const user = socket.data.user;
    const budget = fanOut.open(user.id).deliveries;
    socket.on('disconnect', () => fanOut.close(user.id));
    const context: ConnectionContext = {
      io,
      socket,
      user,
      db: options.db,
      options,
      live,
      refresh,
      chargeFanOut(room) {
        const recipients = io.sockets.adapter.rooms.get(room)?.size ?? 1;
        if (!budget.take(Math.max(1, recipients))) throw new Error(FAN_OUT_REFUSED);
      },
    };
    onWatchEvents(context);
    onMeetingEntryEvents(context);
    onHandEvents(context);
    onFocusEvents(context);
  });

  return {
    io,
    meetingClosed: live.meetingClosed,
    discussionFinalised(meetingId, familyId) {
      io.to(meetingRoom(meetingId)).emit('meeting:discussion-finalised', { meetingId, familyId });
    },
    discussionStatusChanged(meetingId, familyId, state) {
      io.to(meetingRoom(meetingId)).emit('meeting:discussion-status', {
        meetingId,
        familyId,
        state,
      });
    },
    revokeMember: (unitId, userId) => revokeMember(io, unitId, userId),
    revokeGuest: (meetingId, userId) => revokeGuest(io, meetingId, userId),
    endSession: (sessionId) => endSession(io, sessionId),
    close: () => new Promise<void>((resolve) => void io.close(() => resolve())),
  };
}
