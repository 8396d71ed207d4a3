import { io, type Socket } from 'socket.io-client';
import { onTestFinished } from 'vitest';
import type {
  ClientToServerEvents,
  DiscussionState,
  LiveMeeting,
  MeetingFocus,
  MeetingHands,
  MeetingTimers,
  ServerToClientEvents,
  UnitPresence,
} from '@unitroom/shared';
import { signIn } from './session.js';

export type UnitSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A socket to the unit channel of `server` (a test server or a child process), with `cookie` or
 * anonymous, as a browser on `origin` would open it; disconnected when the test finishes.
 */
export function unitSocket(
  server: { url: string },
  cookie: string | undefined,
  origin = server.url,
): UnitSocket {
  const socket: UnitSocket = io(server.url, {
    transports: ['websocket'],
    extraHeaders: { ...(cookie ? { cookie } : {}), origin },
    reconnection: false,
  });
  onTestFinished(() => void socket.disconnect());
  return socket;
}

/** A unit-channel client that records everything the server sends it. */
export interface ChannelMember {
  socket: UnitSocket;
  presence: UnitPresence[];
  live: LiveMeeting[][];
  focus: MeetingFocus[];
  timers: MeetingTimers[];
  hands: MeetingHands[];
  closed: { meetingId: string; nextMeetingId: string }[];
  statuses: { meetingId: string; familyId: string; state: DiscussionState }[];
  finalised: { meetingId: string; familyId: string }[];
}

/**
 * Connects to the unit channel of `server` (a test server or a child process) as `email` (signed
 * in through the REST API), or anonymously with null, or with a cookie already in hand;
 * disconnected when the test finishes.
 */
export async function channelMember(
  server: { url: string },
  who: string | null | { cookie: string },
  origin = server.url,
): Promise<ChannelMember> {
  const cookie =
    who === null ? undefined : typeof who === 'string' ? await signIn(server.url, who) : who.cookie;
  const socket = unitSocket(server, cookie, origin);
  const member: ChannelMember = {
    socket,
    presence: [],
    live: [],
    focus: [],
    timers: [],
    hands: [],
    closed: [],
    statuses: [],
    finalised: [],
  };
  socket.on('unit:presence', (p) => member.presence.push(p));
  socket.on('unit:live-meetings', (p) => member.live.push(p.meetings));
  socket.on('meeting:focus', (f) => member.focus.push(f));
  socket.on('meeting:timers', (t) => member.timers.push(t));
  socket.on('meeting:hands', (h) => member.hands.push(h));
  socket.on('meeting:closed', (c) => member.closed.push(c));
  socket.on('meeting:discussion-status', (s) => member.statuses.push(s));
  socket.on('meeting:discussion-finalised', (f) => member.finalised.push(f));
  return member;
}

export const ok = <T>(result: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

/**
 * The newest timers or hands a member was sent: changes made on two server processes may reach
 * a client in either order, and the version says which came later (as the client keeps it).
 */
export function newest<T extends { version: number }>(messages: readonly T[]): T | undefined {
  let found: T | undefined;
  for (const message of messages) if (!found || message.version >= found.version) found = message;
  return found;
}
