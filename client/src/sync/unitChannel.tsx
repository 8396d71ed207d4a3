import {
  UNIT_CHANNEL_PATH,
  type ClientToServerEvents,
  type LiveMeeting,
  type ChairView,
  type MeetingFocus,
  type MeetingHands,
  type MeetingTimers,
  type OnlineMember,
  type RaisedHand,
  type ServerToClientEvents,
} from '@unitroom/shared';
import {
  createContext,
  use,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { io, type Socket } from 'socket.io-client';

type UnitSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Long enough for a slow council network, short enough that a click does not seem ignored. */
const SET_FOCUS_TIMEOUT_MS = 8000;

const UnitChannelContext = createContext<UnitSocket | null>(null);

/** One socket per signed-in session: mounted behind sign-in, disconnected on sign-out. */
export function UnitChannelProvider({ children }: { children: ReactNode }) {
  // Made without connecting, so rendering has no side effect; the effect owns the connection.
  // WebSocket only: the minutes need WebSockets anyway, a long-polling phase would need sticky
  // sessions once several server processes share the load, and polling GETs carry no Origin
  // header for the server's origin check.
  const [socket] = useState((): UnitSocket =>
    io({
      path: UNIT_CHANNEL_PATH,
      transports: ['websocket'],
      withCredentials: true,
      autoConnect: false,
    }),
  );
  useEffect(() => {
    // As for documents: follow the browser's own word on the network, not a socket timeout.
    const goOffline = () => socket.disconnect();
    const goOnline = () => socket.connect();
    socket.connect();
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);
    return () => {
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      socket.disconnect();
    };
  }, [socket]);
  return <UnitChannelContext value={socket}>{children}</UnitChannelContext>;
}

function useUnitSocket(): UnitSocket {
  const socket = use(UnitChannelContext);
  if (!socket) throw new Error('The unit channel is only available behind <UnitChannelProvider>');
  return socket;
}

/**
 * Runs `join` now if connected and again after every reconnect: the server forgets a socket's
 * rooms when it drops, so subscriptions are re-announced rather than assumed.
 */
function onEveryConnect(socket: UnitSocket, join: () => void): () => void {
  if (socket.connected) join();
  socket.on('connect', join);
  return () => {
    socket.off('connect', join);
  };
}

function useConnected(socket: UnitSocket): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      socket.on('connect', onChange);
      socket.on('disconnect', onChange);
      return () => {
        socket.off('connect', onChange);
        socket.off('disconnect', onChange);
      };
    },
    [socket],
  );
  return useSyncExternalStore(subscribe, () => socket.connected);
}

export interface UnitLive {
  connected: boolean;
  /** Null until the server has said who is online. */
  online: OnlineMember[] | null;
  liveMeetings: LiveMeeting[];
}

/** Who is online in a unit and which of its meetings are live, kept current while mounted. */
export function useUnitLive(unitId: string): UnitLive {
  const socket = useUnitSocket();
  const connected = useConnected(socket);
  // Tagged with the unit so a switch of unit never shows the previous unit's people.
  const [presence, setPresence] = useState<{ unitId: string; online: OnlineMember[] } | null>(null);
  const [live, setLive] = useState<{ unitId: string; meetings: LiveMeeting[] } | null>(null);

  useEffect(() => {
    const onPresence = (payload: { unitId: string; online: OnlineMember[] }) => {
      if (payload.unitId === unitId) setPresence(payload);
    };
    const onLive = (payload: { unitId: string; meetings: LiveMeeting[] }) => {
      if (payload.unitId === unitId) setLive(payload);
    };
    socket.on('unit:presence', onPresence);
    socket.on('unit:live-meetings', onLive);
    const stop = onEveryConnect(socket, () => socket.emit('unit:watch', unitId, () => undefined));
    return () => {
      stop();
      socket.off('unit:presence', onPresence);
      socket.off('unit:live-meetings', onLive);
    };
  }, [socket, unitId]);

  return {
    connected,
    online: connected && presence?.unitId === unitId ? presence.online : null,
    liveMeetings: connected && live?.unitId === unitId ? live.meetings : [],
  };
}

/** The room's clock as this browser should show it: server times plus this browser's offset. */
export interface RoomTimers {
  timers: MeetingTimers['timers'];
  /** Add to `Date.now()` to get the server's clock. */
  clockOffsetMs: number;
}

export interface MeetingFocusChannel {
  /** Null until the server has answered `meeting:enter`. */
  focus: MeetingFocus | null;
  /** Chair only; rejects with a sentence fit to show when the server refuses or is silent. */
  setFocus(familyId: string): Promise<void>;
  /** Chair only: share what they have open on the family in focus ([W10]); best effort. */
  setView(familyId: string, view: ChairView): void;
  timers: RoomTimers | null;
  hands: RaisedHand[];
  /** Own hand; rejects with a sentence fit to show. */
  raiseHand(raised: boolean): Promise<void>;
  /** Chair only: lower someone's hand. */
  lowerHand(userId: string): Promise<void>;
  /** Set when the coordinator closed the meeting while this room was open. */
  closed: { nextMeetingId: string } | null;
}

/**
 * Announces this user in a meeting room and follows the chair's focus, the family timers and the
 * raised hands while mounted. All listeners are attached before `meeting:enter` is sent, because
 * the server answers it with the current timers and hands straight away.
 */
export function useMeetingFocus(meetingId: string): MeetingFocusChannel {
  const socket = useUnitSocket();
  const [focus, setFocusState] = useState<MeetingFocus | null>(null);
  const [timers, setTimers] = useState<(RoomTimers & { meetingId: string }) | null>(null);
  const [hands, setHands] = useState<{ meetingId: string; hands: RaisedHand[] } | null>(null);
  const [closed, setClosed] = useState<{ meetingId: string; nextMeetingId: string } | null>(null);

  // The answer to `meeting:enter` can arrive after a newer broadcast; the server clock orders them.
  const accept = useCallback(
    (next: MeetingFocus) =>
      setFocusState((current) =>
        current && current.meetingId === next.meetingId && current.at > next.at ? current : next,
      ),
    [],
  );

  useEffect(() => {
    // Changes made on two server processes can arrive in either order; keep the newest of each.
    // A new connection may be to a restarted server counting from zero again: forget them then.
    const newest = { timers: -1, hands: -1 };
    const onFocus = (next: MeetingFocus) => {
      if (next.meetingId === meetingId) accept(next);
    };
    const onTimers = (next: MeetingTimers) => {
      if (next.meetingId !== meetingId || next.version < newest.timers) return;
      newest.timers = next.version;
      setTimers({
        meetingId,
        timers: next.timers,
        clockOffsetMs: next.serverNow - Date.now(),
      });
    };
    const onHands = (next: MeetingHands) => {
      if (next.meetingId !== meetingId || next.version < newest.hands) return;
      newest.hands = next.version;
      setHands(next);
    };
    const onClosed = (next: { meetingId: string; nextMeetingId: string }) => {
      if (next.meetingId === meetingId) setClosed(next);
    };
    socket.on('meeting:focus', onFocus);
    socket.on('meeting:timers', onTimers);
    socket.on('meeting:hands', onHands);
    socket.on('meeting:closed', onClosed);
    const stop = onEveryConnect(socket, () => {
      newest.timers = -1;
      newest.hands = -1;
      socket.emit('meeting:enter', meetingId, (result) => {
        if (result.ok) accept(result.value);
      });
    });
    return () => {
      stop();
      socket.off('meeting:focus', onFocus);
      socket.off('meeting:timers', onTimers);
      socket.off('meeting:hands', onHands);
      socket.off('meeting:closed', onClosed);
      // While disconnected the server has already dropped us; a buffered leave would be stale.
      if (socket.connected) socket.emit('meeting:leave', meetingId);
    };
  }, [socket, meetingId, accept]);

  const setFocus = useCallback(
    (familyId: string) =>
      new Promise<void>((resolve, reject) => {
        if (!socket.connected) {
          reject(new Error('You are offline, so the meeting could not be moved.'));
          return;
        }
        socket
          .timeout(SET_FOCUS_TIMEOUT_MS)
          .emit('meeting:set-focus', { meetingId, familyId }, (timedOut, result) => {
            if (timedOut) reject(new Error('The server did not answer. Try again.'));
            // The server's reason is a code for logs, not a sentence for people.
            else if (!result.ok) reject(new Error('The meeting could not be moved. Try again.'));
            else {
              accept(result.value);
              resolve();
            }
          });
      }),
    [socket, meetingId, accept],
  );

  const setView = useCallback(
    (familyId: string, view: ChairView) => {
      // A view lost while offline is replaced by the next one; nothing to tell the chair.
      if (!socket.connected) return;
      socket
        .timeout(SET_FOCUS_TIMEOUT_MS)
        .emit('meeting:set-view', { meetingId, familyId, view }, (timedOut, result) => {
          if (!timedOut && result.ok) accept(result.value);
        });
    },
    [socket, meetingId, accept],
  );

  const raiseHand = useCallback(
    (raised: boolean) =>
      acknowledged(socket, (done) =>
        socket
          .timeout(SET_FOCUS_TIMEOUT_MS)
          .emit('meeting:raise-hand', { meetingId, raised }, done),
      ),
    [socket, meetingId],
  );
  const lowerHand = useCallback(
    (userId: string) =>
      acknowledged(socket, (done) =>
        socket
          .timeout(SET_FOCUS_TIMEOUT_MS)
          .emit('meeting:lower-hand', { meetingId, userId }, done),
      ),
    [socket, meetingId],
  );

  return {
    focus: focus?.meetingId === meetingId ? focus : null,
    setFocus,
    setView,
    timers: timers?.meetingId === meetingId ? timers : null,
    hands: hands?.meetingId === meetingId ? hands.hands : [],
    raiseHand,
    lowerHand,
    closed: closed?.meetingId === meetingId ? closed : null,
  };
}

type AckResult = { ok: true; value: undefined } | { ok: false; error: string };

/** An acknowledged emit as a promise that rejects with a sentence fit to show. */
function acknowledged(
  socket: UnitSocket,
  send: (done: (timedOut: Error | null, result: AckResult) => void) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!socket.connected) {
      reject(new Error('You are offline. Try again when the connection is back.'));
      return;
    }
    send((timedOut, result) => {
      if (timedOut) reject(new Error('The server did not answer. Try again.'));
      else if (!result.ok) reject(new Error('That did not work. Try again.'));
      else resolve();
    });
  });
}

/** Calls `onEvent` with the family of each `event` about a discussion in `meetingId`, while mounted. */
function useDiscussionEvent(
  event: 'meeting:discussion-finalised' | 'meeting:discussion-status',
  meetingId: string,
  onEvent: (familyId: string) => void,
): void {
  const socket = useUnitSocket();
  const latest = useRef(onEvent);
  useLayoutEffect(() => {
    latest.current = onEvent;
  });
  useEffect(() => {
    const listener = (payload: { meetingId: string; familyId: string }) => {
      if (payload.meetingId === meetingId) latest.current(payload.familyId);
    };
    socket.on(event, listener);
    return () => {
      socket.off(event, listener);
    };
  }, [socket, event, meetingId]);
}

/**
 * Calls `onFinalised` with the family whose discussion in `meetingId` was just finalised, while
 * mounted: its document is frozen, so this laptop stops writing to it at once.
 */
export function useDiscussionFinalised(
  meetingId: string,
  onFinalised: (familyId: string) => void,
): void {
  useDiscussionEvent('meeting:discussion-finalised', meetingId, onFinalised);
}

/**
 * Calls `onChanged` with the family whose discussion in `meetingId` was just marked ready or
 * returned to draft, while mounted ([W11]): the screen need not wait for its next look-up.
 */
export function useDiscussionStatusChanged(
  meetingId: string,
  onChanged: (familyId: string) => void,
): void {
  useDiscussionEvent('meeting:discussion-status', meetingId, onChanged);
}
