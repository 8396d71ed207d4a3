import type { LiveMeeting, OnlineMember } from '@unitroom/shared';
import { guestsRoom, unitRoom, type UnitServer } from './channel.js';

/**
 * Tells a unit's room who is online and which meetings are live, asked of every process's
 * sockets. Returns `refresh(unitId)`, which never throws: a failed broadcast is logged.
 */
export function presenceBroadcaster(
  io: UnitServer,
  log: (message: string, error?: unknown) => void,
): (unitId: string) => void {
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

  return (unitId: string) => {
    broadcastUnit(unitId).catch((error: unknown) =>
      log(`presence broadcast failed for ${unitId}`, error),
    );
  };
}
