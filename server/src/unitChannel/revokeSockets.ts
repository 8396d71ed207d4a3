import { meetingRoom, unitRoom, type UnitServer } from './channel.js';

/** Disconnects the user's sockets in this process that watch `unitId` or are in its meetings. */
export async function revokeMember(io: UnitServer, unitId: string, userId: string): Promise<void> {
  const sockets = await io.local.in(unitRoom(unitId)).fetchSockets();
  for (const socket of sockets) {
    if (socket.data.user?.id !== userId) continue;
    socket.emit('unit:access-revoked', { unitId });
    socket.disconnect(true);
  }
}

/** Disconnects, in this process, the sockets in `meetingId` of a guest (null: of every guest). */
export async function revokeGuest(
  io: UnitServer,
  meetingId: string,
  userId: string | null,
): Promise<void> {
  const sockets = await io.local.in(meetingRoom(meetingId)).fetchSockets();
  for (const socket of sockets) {
    const meeting = socket.data.meeting;
    if (meeting?.id !== meetingId || meeting.role !== 'guest') continue;
    if (userId !== null && socket.data.user?.id !== userId) continue;
    socket.emit('unit:access-revoked', { unitId: meeting.unitId });
    socket.disconnect(true);
  }
}

/** Disconnects the sockets in this process opened with a session that has ended. */
export async function endSession(io: UnitServer, sessionId: string): Promise<void> {
  for (const socket of await io.local.fetchSockets()) {
    if (socket.data.sessionId === sessionId) socket.disconnect(true);
  }
}
