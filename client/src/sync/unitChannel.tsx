import {
  UNIT_CHANNEL_PATH,
  type ClientToServerEvents,
  type LiveMeeting,
  type MeetingFocus,
  type OnlineMember,
  type ServerToClientEvents,
} from '@unitroom/shared';
import {
  createContext,
  use,
  useCallback,
  useEffect,
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
    socket.connect();
    return () => {
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

export interface MeetingFocusChannel {
  /** Null until the server has answered `meeting:enter`. */
  focus: MeetingFocus | null;
  /** Chair only; rejects with a sentence fit to show when the server refuses or is silent. */
  setFocus(familyId: string): Promise<void>;
}

/** Announces this user in a meeting room and follows the chair's focus while mounted. */
export function useMeetingFocus(meetingId: string): MeetingFocusChannel {
  const socket = useUnitSocket();
  const [focus, setFocusState] = useState<MeetingFocus | null>(null);

  // The answer to `meeting:enter` can arrive after a newer broadcast; the server clock orders them.
  const accept = useCallback(
    (next: MeetingFocus) =>
      setFocusState((current) =>
        current && current.meetingId === next.meetingId && current.at > next.at ? current : next,
      ),
    [],
  );

  useEffect(() => {
    const onFocus = (next: MeetingFocus) => {
      if (next.meetingId === meetingId) accept(next);
    };
    socket.on('meeting:focus', onFocus);
    const stop = onEveryConnect(socket, () =>
      socket.emit('meeting:enter', meetingId, (result) => {
        if (result.ok) accept(result.value);
      }),
    );
    return () => {
      stop();
      socket.off('meeting:focus', onFocus);
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

  return {
    focus: focus?.meetingId === meetingId ? focus : null,
    setFocus,
  };
}
