import type { Server as HttpServer } from 'node:http';
import type { Kysely } from 'kysely';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { z } from 'zod';
import {
  ID_PATTERN,
  UNIT_CHANNEL_PATH,
  canChair,
  type Ack,
  type ClientToServerEvents,
  type LiveMeeting,
  type MeetingFocus,
  type OnlineMember,
  type Role,
  type ServerToClientEvents,
} from '@unitroom/shared';
import { activeMembership } from '../access/documentAccess.js';
import { sessionTokenFrom } from '../auth/cookies.js';
import { isOriginAllowed } from '../auth/origin.js';
import type { SessionUser, Sessions } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import type { FocusStore } from './focusStore.js';

/** What the server keeps on each socket; socket.io's Redis adapter can read it across processes. */
interface SocketData {
  user: SessionUser;
  /** Units this socket watches, with the user's role in each. */
  roles: Record<string, Role>;
  meeting: { id: string; unitId: string } | null;
}

type UnitSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
type UnitServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

const idSchema = z.string().regex(ID_PATTERN);
const setFocusSchema = z.object({ meetingId: idSchema, familyId: idSchema });

const unitRoom = (unitId: string) => `unit:${unitId}`;
const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;

export interface UnitChannelOptions {
  db: Kysely<Database>;
  sessions: Sessions;
  allowedOrigins: ReadonlySet<string>;
  log: (message: string, error?: unknown) => void;
  /** The chair's focus per meeting: in this process, or shared by every process (Redis). */
  focusStore: FocusStore;
  /** socket.io's adapter for several processes (Redis); the in-memory default otherwise. */
  adapter?: ServerOptions['adapter'];
  /** Open sockets one user may have on this channel, per process. */
  maxSocketsPerUser: number;
  /**
   * The meeting has finished with a family for now: the chair moved on, or everyone left while it
   * was in focus. The family's genogram is kept as it stood (see history/).
   */
  onDiscussionEnded?: (meetingId: string, familyId: string) => Promise<void>;
}

/**
 * The unit's live control channel over socket.io: who is online, which meeting is live, and the
 * chair's focus. It carries no document content. Membership is checked on every event against
 * the database, so a removed member stops receiving the moment they are removed.
 */
export function attachUnitChannel(
  httpServer: HttpServer,
  options: UnitChannelOptions,
): {
  io: UnitServer;
  /** Disconnects the user's sockets in this process that watch `unitId` or are in its meetings. */
  revokeMember(unitId: string, userId: string): Promise<void>;
  close(): Promise<void>;
} {
  const { db, focusStore } = options;
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

  /** Open unit-channel sockets per user in this process, against `maxSocketsPerUser`. */
  const socketsByUser = new Map<string, number>();

  io.use((socket, next) => {
    options.sessions
      .resolve(sessionTokenFrom(socket.request.headers.cookie))
      .then((user) => {
        if (!user) {
          next(new Error('unauthenticated'));
          return;
        }
        const open = socketsByUser.get(user.id) ?? 0;
        if (open >= options.maxSocketsPerUser) {
          options.log(`refused a unit-channel socket of ${user.id}: ${open} already open`);
          next(new Error('too many sockets'));
          return;
        }
        socketsByUser.set(user.id, open + 1);
        socket.once('disconnect', () => {
          const left = (socketsByUser.get(user.id) ?? 1) - 1;
          if (left > 0) socketsByUser.set(user.id, left);
          else socketsByUser.delete(user.id);
        });
        socket.data.user = user;
        socket.data.roles = {};
        socket.data.meeting = null;
        next();
      })
      .catch((error: unknown) => next(error instanceof Error ? error : new Error(String(error))));
  });

  async function broadcastUnit(unitId: string): Promise<void> {
    const sockets = await io.in(unitRoom(unitId)).fetchSockets();
    const online = new Map<string, OnlineMember>();
    for (const socket of sockets) {
      const role = socket.data.roles?.[unitId];
      if (!role) continue;
      const meetingId = socket.data.meeting?.unitId === unitId ? socket.data.meeting.id : null;
      const existing = online.get(socket.data.user.id);
      if (!existing || (meetingId && !existing.meetingId)) {
        online.set(socket.data.user.id, {
          userId: socket.data.user.id,
          name: socket.data.user.name,
          role,
          meetingId,
        });
      }
    }
    const members = Array.from(online.values()).sort((a, b) => a.name.localeCompare(b.name));
    const meetings = new Map<string, LiveMeeting>();
    for (const member of members) {
      if (!member.meetingId) continue;
      const live = meetings.get(member.meetingId) ?? {
        unitId,
        meetingId: member.meetingId,
        present: [],
      };
      live.present.push(member);
      meetings.set(member.meetingId, live);
    }
    io.to(unitRoom(unitId)).emit('unit:presence', { unitId, online: members });
    io.to(unitRoom(unitId)).emit('unit:live-meetings', {
      unitId,
      meetings: Array.from(meetings.values()),
    });
  }

  const refresh = (unitId: string) => {
    broadcastUnit(unitId).catch((error: unknown) =>
      options.log(`presence broadcast failed for ${unitId}`, error),
    );
  };

  async function meetingUnit(meetingId: string): Promise<string | undefined> {
    const row = await db
      .selectFrom('meetings')
      .select('unit_id')
      .where('id', '=', meetingId)
      .executeTakeFirst();
    return row?.unit_id;
  }

  io.on('connection', (socket: UnitSocket) => {
    const user = socket.data.user;

    socket.on('unit:watch', (unitId, ack) => {
      handle(ack, async () => {
        const id = idSchema.parse(unitId);
        const membership = await activeMembership(db, user.id, id);
        if (!membership) throw new Error('not a member of this unit');
        socket.data.roles = { ...socket.data.roles, [id]: membership.role };
        await socket.join(unitRoom(id));
        refresh(id);
        return undefined;
      });
    });

    socket.on('meeting:enter', (meetingId, ack) => {
      handle(ack, async () => {
        const id = idSchema.parse(meetingId);
        const unitId = await meetingUnit(id);
        const membership = unitId ? await activeMembership(db, user.id, unitId) : undefined;
        if (!unitId || !membership) throw new Error('no access to this meeting');
        const previous = socket.data.meeting;
        if (previous && previous.id !== id) await socket.leave(meetingRoom(previous.id));
        socket.data.roles = { ...socket.data.roles, [unitId]: membership.role };
        socket.data.meeting = { id, unitId };
        await socket.join([meetingRoom(id), unitRoom(unitId)]);
        refresh(unitId);
        return (
          (await focusStore.get(id)) ?? { meetingId: id, familyId: null, by: null, at: Date.now() }
        );
      });
    });

    socket.on('meeting:leave', (meetingId) => {
      const current = socket.data.meeting;
      if (!current || current.id !== meetingId) return;
      socket.data.meeting = null;
      void socket.leave(meetingRoom(current.id));
      refresh(current.unitId);
      endIfEmpty(current.id);
    });

    socket.on('meeting:set-focus', (payload, ack) => {
      handle(ack, async () => {
        const { meetingId, familyId } = setFocusSchema.parse(payload);
        const unitId = await meetingUnit(meetingId);
        const membership = unitId ? await activeMembership(db, user.id, unitId) : undefined;
        if (!membership || !canChair(membership.role))
          throw new Error('only the chair can move the focus');
        const onAgenda = await db
          .selectFrom('agenda_items')
          .select('family_id')
          .where('meeting_id', '=', meetingId)
          .where('family_id', '=', familyId)
          .executeTakeFirst();
        if (!onAgenda) throw new Error('that family is not on this agenda');
        const focus: MeetingFocus = {
          meetingId,
          familyId,
          by: { userId: user.id, name: user.name },
          at: Date.now(),
        };
        const previous = (await focusStore.swap(focus))?.familyId;
        if (previous && previous !== familyId) discussionEnded(meetingId, previous);
        io.to(meetingRoom(meetingId)).emit('meeting:focus', focus);
        return focus;
      });
    });

    socket.on('disconnect', () => {
      for (const unitId of Object.keys(socket.data.roles ?? {})) refresh(unitId);
      if (socket.data.meeting) endIfEmpty(socket.data.meeting.id);
    });
  });

  function discussionEnded(meetingId: string, familyId: string): void {
    options
      .onDiscussionEnded?.(meetingId, familyId)
      .catch((error: unknown) =>
        options.log(`keeping the genogram of ${familyId} at ${meetingId} failed`, error),
      );
  }

  /** When the last person leaves a meeting room, its focused family's discussion has ended. */
  function endIfEmpty(meetingId: string): void {
    io.in(meetingRoom(meetingId))
      .fetchSockets()
      .then(async (sockets) => {
        if (sockets.length > 0) return;
        const familyId = (await focusStore.get(meetingId))?.familyId;
        if (familyId) discussionEnded(meetingId, familyId);
      })
      .catch((error: unknown) => options.log(`checking who is left in ${meetingId} failed`, error));
  }

  function handle<T>(ack: Ack<T> | undefined, work: () => Promise<T>): void {
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

  return {
    io,
    async revokeMember(unitId, userId) {
      const sockets = await io.local.in(unitRoom(unitId)).fetchSockets();
      for (const socket of sockets) {
        if (socket.data.user?.id !== userId) continue;
        socket.emit('unit:access-revoked', { unitId });
        socket.disconnect(true);
      }
    },
    close: () => new Promise<void>((resolve) => void io.close(() => resolve())),
  };
}
