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
  type MeetingHands,
  type MeetingTimers,
  type OnlineMember,
  type Role,
  type ServerToClientEvents,
} from '@unitroom/shared';
import { activeMembership, meetingAccess } from '../access/documentAccess.js';
import { sessionTokenFrom } from '../auth/cookies.js';
import { isOriginAllowed } from '../auth/origin.js';
import { sessionIdOf, type SessionUser, type Sessions } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { KeyedBuckets } from '../limits/userBuckets.js';
import type { FocusStore } from './focusStore.js';
import type { HandState, HandStore } from './handStore.js';
import type { TimerState, TimerStore } from './timerStore.js';

/** What the server keeps on each socket; socket.io's Redis adapter can read it across processes. */
interface SocketData {
  user: SessionUser;
  /** Units this socket watches, with the user's role in each. */
  roles: Record<string, Role>;
  /** A guest is in the meeting only, never in the unit's room: they see nothing else of it. */
  meeting: { id: string; unitId: string; role: Role } | null;
  /** The session it was opened with (never the token): signing out disconnects it. */
  sessionId: string;
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
const raiseHandSchema = z.object({ meetingId: idSchema, raised: z.boolean() });
const lowerHandSchema = z.object({ meetingId: idSchema, userId: idSchema });

/**
 * Deliveries one user's unit-channel events may cause ([T3]): each hand, focus or entry event is
 * charged the number of sockets it is sent to. A meeting of 50 fits a hand raised and lowered
 * twice a second with room to spare; a user's sockets share it and it outlives reconnects.
 */
export const FAN_OUT_RATE = { perSecond: 250, burst: 1_000 };
export const FAN_OUT_REFUSED = 'too fast: wait a moment';

const unitRoom = (unitId: string) => `unit:${unitId}`;
const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;
/** Guests in a unit's meetings: listed among who is in a live meeting, sent nothing of the unit. */
const guestsRoom = (unitId: string) => `unit-guests:${unitId}`;

export interface UnitChannelOptions {
  db: Kysely<Database>;
  sessions: Sessions;
  allowedOrigins: ReadonlySet<string>;
  log: (message: string, error?: unknown) => void;
  /** The chair's focus per meeting: in this process, or shared by every process (Redis). */
  focusStore: FocusStore;
  /** Each meeting's family timers, the same way. */
  timerStore: TimerStore;
  /** Each meeting's raised hands, the same way. */
  handStore: HandStore;
  /** socket.io's adapter for several processes (Redis); the in-memory default otherwise. */
  adapter?: ServerOptions['adapter'];
  /** Open sockets one user may have on this channel, per process. */
  maxSocketsPerUser: number;
  /**
   * The meeting has finished with a family for now: the chair moved on, or everyone left while it
   * was in focus. The family's genogram is kept as it stood (see history/).
   */
  onDiscussionEnded?: (meetingId: string, familyId: string) => Promise<void>;
  /** The chair focused a family: the meeting has reached it (for carry-over on closing). */
  onFamilyReached?: (meetingId: string, familyId: string) => Promise<void>;
}

/** What the REST side tells the live rooms. */
export interface UnitChannel {
  io: UnitServer;
  /** The meeting closed: its live state ends, everyone in it is told, guests are let out. */
  meetingClosed(meetingId: string, nextMeetingId: string): void;
  /** A discussion was finalised: everyone in its meeting is told, so no laptop writes to it. */
  discussionFinalised(meetingId: string, familyId: string): void;
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
  const { db, focusStore, timerStore, handStore } = options;
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
    const token = sessionTokenFrom(socket.request.headers.cookie);
    options.sessions
      .resolve(token)
      .then((user) => {
        if (!user || !token) {
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
        socket.data.sessionId = sessionIdOf(token);
        next();
      })
      .catch((error: unknown) => next(error instanceof Error ? error : new Error(String(error))));
  });

  async function broadcastUnit(unitId: string): Promise<void> {
    const sockets = await io.in(unitRoom(unitId)).fetchSockets();
    const guests = await io.in(guestsRoom(unitId)).fetchSockets();
    const online = new Map<string, OnlineMember>();
    const guestsPresent = new Map<string, OnlineMember>();
    for (const socket of guests) {
      const meeting = socket.data.meeting;
      if (!meeting || meeting.unitId !== unitId) continue;
      guestsPresent.set(socket.data.user.id, {
        userId: socket.data.user.id,
        name: socket.data.user.name,
        role: meeting.role,
        meetingId: meeting.id,
      });
    }
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
    const guestList = Array.from(guestsPresent.values()).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const member of [...members, ...guestList]) {
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

  const fanOut = new KeyedBuckets({ deliveries: FAN_OUT_RATE });

  io.on('connection', (socket: UnitSocket) => {
    const user = socket.data.user;
    const budget = fanOut.open(user.id).deliveries;
    socket.on('disconnect', () => fanOut.close(user.id));
    /** Charges this user for an event sent to everyone in `room`; refuses it when over. */
    const chargeFanOut = (room: string) => {
      const recipients = io.sockets.adapter.rooms.get(room)?.size ?? 1;
      if (!budget.take(Math.max(1, recipients))) throw new Error(FAN_OUT_REFUSED);
    };

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
        const access = await meetingAccess(db, user.id, id);
        if (!access) throw new Error('no access to this meeting');
        const { unitId, role } = access;
        chargeFanOut(unitRoom(unitId));
        const previous = socket.data.meeting;
        if (previous && previous.id !== id) leaveMeeting(socket, previous);
        socket.data.meeting = { id, unitId, role };
        if (role === 'guest') {
          await socket.join([meetingRoom(id), guestsRoom(unitId)]);
        } else {
          socket.data.roles = { ...socket.data.roles, [unitId]: role };
          await socket.join([meetingRoom(id), unitRoom(unitId)]);
        }
        refresh(unitId);
        // A late joiner sees the clock and the hands as they are, not from the next change.
        const [timers, hands, focus] = await Promise.all([
          timerStore.get(id),
          handStore.get(id),
          focusStore.get(id),
        ]);
        socket.emit('meeting:timers', timersMessage(id, timers));
        socket.emit('meeting:hands', handsMessage(id, hands));
        return focus ?? { meetingId: id, familyId: null, by: null, at: Date.now() };
      });
    });

    socket.on('meeting:leave', (meetingId) => {
      const current = socket.data.meeting;
      if (!current || current.id !== meetingId) return;
      leaveMeeting(socket, current);
    });

    socket.on('meeting:raise-hand', (payload, ack) => {
      handle(ack, async () => {
        const { meetingId, raised } = raiseHandSchema.parse(payload);
        const current = socket.data.meeting;
        if (current?.id !== meetingId) throw new Error('enter the meeting first');
        chargeFanOut(meetingRoom(meetingId));
        const access = await meetingAccess(db, user.id, meetingId);
        if (!access) throw new Error('no access to this meeting');
        const hands = raised
          ? await handStore.raise(meetingId, {
              userId: user.id,
              name: user.name,
              role: access.role,
              raisedAt: Date.now(),
            })
          : await handStore.lower(meetingId, user.id);
        if (hands) emitHands(meetingId, hands);
        return undefined;
      });
    });

    socket.on('meeting:lower-hand', (payload, ack) => {
      handle(ack, async () => {
        const { meetingId, userId } = lowerHandSchema.parse(payload);
        await requireChair(meetingId);
        chargeFanOut(meetingRoom(meetingId));
        const hands = await handStore.lower(meetingId, userId);
        if (hands) emitHands(meetingId, hands);
        return undefined;
      });
    });

    socket.on('meeting:set-focus', (payload, ack) => {
      handle(ack, async () => {
        const { meetingId, familyId } = setFocusSchema.parse(payload);
        await requireChair(meetingId);
        chargeFanOut(meetingRoom(meetingId));
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
        const timers = await timerStore.run(meetingId, familyId, focus.at);
        if (timers) emitTimers(meetingId, timers);
        options
          .onFamilyReached?.(meetingId, familyId)
          .catch((error: unknown) =>
            options.log(`recording that ${meetingId} reached ${familyId} failed`, error),
          );
        return focus;
      });
    });

    socket.on('disconnect', () => {
      for (const unitId of Object.keys(socket.data.roles ?? {})) refresh(unitId);
      const meeting = socket.data.meeting;
      if (meeting) {
        if (meeting.role === 'guest') refresh(meeting.unitId);
        afterLeaving(meeting.id, user.id);
      }
    });

    /** The chair of an open meeting: a current member who may chair; guests never. */
    async function requireChair(meetingId: string): Promise<void> {
      const row = await db
        .selectFrom('meetings')
        .select(['unit_id', 'closed_at'])
        .where('id', '=', meetingId)
        .executeTakeFirst();
      const membership = row ? await activeMembership(db, user.id, row.unit_id) : undefined;
      if (!row || !membership || !canChair(membership.role))
        throw new Error('only the chair can do this');
      if (row.closed_at) throw new Error('this meeting is closed');
    }
  });

  function leaveMeeting(socket: UnitSocket, meeting: { id: string; unitId: string }): void {
    socket.data.meeting = null;
    void socket.leave(meetingRoom(meeting.id));
    void socket.leave(guestsRoom(meeting.unitId));
    refresh(meeting.unitId);
    afterLeaving(meeting.id, socket.data.user.id);
  }

  /**
   * A hand goes down with its owner's last socket in the room; an empty room ends its discussion.
   * `fetchSockets` asks every process, and a socket has left its rooms before its process asks,
   * so when an owner's last two sockets leave on two processes at once, at least one of the two
   * sees neither and lowers the hand.
   */
  function afterLeaving(meetingId: string, userId: string): void {
    io.in(meetingRoom(meetingId))
      .fetchSockets()
      .then(async (sockets) => {
        if (!sockets.some((other) => other.data.user.id === userId)) {
          const hands = await handStore.lower(meetingId, userId);
          if (hands) emitHands(meetingId, hands);
        }
        if (sockets.length === 0) {
          // Whichever process stops the clock tells the room; another finding it stopped is quiet.
          const timers = await timerStore.stop(meetingId, Date.now());
          if (timers) emitTimers(meetingId, timers);
          const familyId = (await focusStore.get(meetingId))?.familyId;
          if (familyId) discussionEnded(meetingId, familyId);
        }
      })
      .catch((error: unknown) => options.log(`checking who is left in ${meetingId} failed`, error));
  }

  /**
   * Changes are told once, by the process that made them, to the room on every process (the
   * adapter spans them); the version lets a client drop one overtaken by a later change.
   */
  function emitHands(meetingId: string, hands: HandState): void {
    io.to(meetingRoom(meetingId)).emit('meeting:hands', handsMessage(meetingId, hands));
  }

  function emitTimers(meetingId: string, timers: TimerState): void {
    io.to(meetingRoom(meetingId)).emit('meeting:timers', timersMessage(meetingId, timers));
  }

  function meetingClosed(meetingId: string, nextMeetingId: string): void {
    focusStore
      .clear(meetingId)
      .then((focus) => {
        if (focus?.familyId) discussionEnded(meetingId, focus.familyId);
      })
      .catch((error: unknown) => options.log(`clearing the focus of ${meetingId} failed`, error));
    Promise.all([timerStore.clear(meetingId), handStore.clear(meetingId)]).catch((error: unknown) =>
      options.log(`clearing the timers and hands of ${meetingId} failed`, error),
    );
    io.to(meetingRoom(meetingId)).emit('meeting:closed', { meetingId, nextMeetingId });
    io.in(meetingRoom(meetingId))
      .fetchSockets()
      .then((sockets) => {
        const units = new Set<string>();
        for (const socket of sockets) {
          const meeting = socket.data.meeting;
          if (meeting?.id !== meetingId) continue;
          units.add(meeting.unitId);
          // A guest's access ended with the meeting: told above, now let go.
          if (meeting.role === 'guest') {
            socket.data.meeting = null;
            socket.disconnect(true);
          }
        }
        units.forEach(refresh);
      })
      .catch((error: unknown) => options.log(`closing the room of ${meetingId} failed`, error));
  }

  function discussionEnded(meetingId: string, familyId: string): void {
    options
      .onDiscussionEnded?.(meetingId, familyId)
      .catch((error: unknown) =>
        options.log(`keeping the genogram of ${familyId} at ${meetingId} failed`, error),
      );
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
    meetingClosed,
    discussionFinalised(meetingId, familyId) {
      io.to(meetingRoom(meetingId)).emit('meeting:discussion-finalised', { meetingId, familyId });
    },
    async revokeMember(unitId, userId) {
      const sockets = await io.local.in(unitRoom(unitId)).fetchSockets();
      for (const socket of sockets) {
        if (socket.data.user?.id !== userId) continue;
        socket.emit('unit:access-revoked', { unitId });
        socket.disconnect(true);
      }
    },
    async revokeGuest(meetingId, userId) {
      const sockets = await io.local.in(meetingRoom(meetingId)).fetchSockets();
      for (const socket of sockets) {
        const meeting = socket.data.meeting;
        if (meeting?.id !== meetingId || meeting.role !== 'guest') continue;
        if (userId !== null && socket.data.user?.id !== userId) continue;
        socket.emit('unit:access-revoked', { unitId: meeting.unitId });
        socket.disconnect(true);
      }
    },
    async endSession(sessionId) {
      for (const socket of await io.local.fetchSockets()) {
        if (socket.data.sessionId === sessionId) socket.disconnect(true);
      }
    },
    close: () => new Promise<void>((resolve) => void io.close(() => resolve())),
  };
}

function timersMessage(meetingId: string, { timers, version }: TimerState): MeetingTimers {
  return { meetingId, timers, version, serverNow: Date.now() };
}

function handsMessage(meetingId: string, { hands, version }: HandState): MeetingHands {
  return { meetingId, hands, version };
}
