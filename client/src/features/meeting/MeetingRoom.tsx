import {
  canChair,
  colourFor,
  type AwarenessUser,
  type MeetingSummary,
  type UnitMembership,
  type UserSummary,
} from '@unitroom/shared';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { meetingFamilyPath, meetingPath } from '../../app/paths';
import { useDocumentConnection, useSyncStatus } from '../../sync/documentConnection';
import { useMeetingFocus } from '../../sync/unitChannel';
import { MeetingFamilySurfaces } from '../board/MeetingFamilySurfaces';
import { MinutesEditor } from '../minutes/MinutesEditor';
import { PresenceList } from '../presence/PresenceList';
import { agendaFor, followView } from './agenda';
import { AgendaRail } from './AgendaRail';
import { ConnectionRefused } from '../connection/ConnectionRefused';
import { FamilyDiscussion } from './FamilyDiscussion';
import { FollowControls } from './FollowControls';
import { MeetingHeader } from './MeetingHeader';
import { SaveStatus } from '../connection/SaveStatus';
import { useWarnBeforeLeaving } from './useWarnBeforeLeaving';

interface MeetingRoomProps {
  unit: UnitMembership;
  meeting: MeetingSummary;
  user: UserSummary;
  /** The family named in the URL; undefined means "follow the chair". */
  routeFamilyId: string | undefined;
}

/** Wires the meeting's two live channels to its parts; mount with `key={meeting.id}`. */
export function MeetingRoom({ unit, meeting, user, routeFamilyId }: MeetingRoomProps) {
  const navigate = useNavigate();
  const awarenessUser = useMemo<AwarenessUser>(
    () => ({ id: user.id, name: user.name, role: unit.role, color: colourFor(user.id) }),
    [user.id, user.name, unit.role],
  );
  const connection = useDocumentConnection(meeting.docName, awarenessUser);
  const status = useSyncStatus(connection?.saves ?? null);
  const { focus, setFocus } = useMeetingFocus(meeting.id);
  const agenda = useMemo(() => agendaFor(meeting, unit.families), [meeting, unit.families]);
  const view = followView(agenda, focus?.familyId ?? null, routeFamilyId);
  useWarnBeforeLeaving(status.save === 'offline-unsaved');

  const follow = () => {
    if (!view.following) navigate(meetingPath(meeting.id));
  };
  const stopFollowing = () => {
    if (view.viewed) navigate(meetingFamilyPath(meeting.id, view.viewed.family.id));
  };
  // The chair goes where they send everyone, whatever they were looking at.
  const focusEveryone =
    canChair(unit.role) && !unit.readOnly
      ? async (familyId: string) => {
          await setFocus(familyId);
          follow();
        }
      : undefined;

  return (
    <div className="meeting">
      <MeetingHeader
        meeting={meeting}
        unit={unit}
        status={<SaveStatus state={status.save} />}
        presence={
          connection && <PresenceList awareness={connection.provider.awareness} selfId={user.id} />
        }
      />
      {status.closed && <ConnectionRefused closed={status.closed} />}
      <div className="meeting__body">
        <AgendaRail
          meetingId={meeting.id}
          agenda={agenda}
          viewedFamilyId={view.viewed?.family.id ?? null}
          chairFamilyId={view.chair?.family.id ?? null}
          onFocusEveryone={focusEveryone}
        />
        <div className="meeting__discussion">
          {agenda.length > 0 && (
            <FollowControls view={view} onFollow={follow} onStopFollowing={stopFollowing} />
          )}
          {view.viewed && connection ? (
            <FamilyDiscussion entry={view.viewed}>
              <MeetingFamilySurfaces
                key={`family:${view.viewed.family.id}`}
                family={view.viewed.family}
                meeting={meeting}
                meetings={unit.meetings}
                unitId={unit.id}
                user={awarenessUser}
                readOnly={unit.readOnly}
              />
              <MinutesEditor
                key={view.viewed.family.id}
                doc={connection.doc}
                provider={connection.provider}
                familyId={view.viewed.family.id}
                familyName={view.viewed.family.name}
                user={awarenessUser}
                readOnly={unit.readOnly}
                locked={status.closed !== null}
              />
            </FamilyDiscussion>
          ) : (
            !view.following && <p>This family is not on this meeting's agenda.</p>
          )}
        </div>
      </div>
    </div>
  );
}
