import {
  canChair,
  colourFor,
  discussionDocName,
  asFamilyId,
  asMeetingId,
  type AwarenessUser,
  type MeetingSummary,
  type UnitMembership,
  type UserSummary,
} from '@unitroom/shared';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { meetingFamilyPath, meetingPath } from '../../app/paths';
import {
  combineSyncStatus,
  useDocumentConnection,
  useSyncStatus,
} from '../../sync/documentConnection';
import { useMeetingFocus } from '../../sync/unitChannel';
import { MeetingFamilySurfaces } from '../board/MeetingFamilySurfaces';
import { DiscussionWorkspace } from '../minutes/DiscussionWorkspace';
import { RecordedMinutes } from '../finalisation/RecordedMinutes';
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
  const meetingStatus = useSyncStatus(connection?.saves ?? null);
  const { focus, setFocus } = useMeetingFocus(meeting.id);
  const agenda = useMemo(() => agendaFor(meeting, unit.families), [meeting, unit.families]);
  const view = followView(agenda, focus?.familyId ?? null, routeFamilyId);
  // Each family's discussion is a document of its own; the one in view is connected.
  const discussion = useDocumentConnection(
    view.viewed
      ? discussionDocName(asMeetingId(meeting.id), asFamilyId(view.viewed.family.id))
      : null,
    awarenessUser,
  );
  const discussionStatus = useSyncStatus(discussion?.saves ?? null);
  // The family document (genogram and board), one connection for the surfaces and the minutes.
  const family = useDocumentConnection(view.viewed?.family.docName ?? null, awarenessUser);
  const status = combineSyncStatus(
    discussion ? [meetingStatus, discussionStatus] : [meetingStatus],
  );
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
          {view.viewed && connection && discussion ? (
            <FamilyDiscussion entry={view.viewed}>
              <MeetingFamilySurfaces
                key={`family:${view.viewed.family.id}`}
                family={view.viewed.family}
                connection={family}
                meeting={meeting}
                meetings={unit.meetings}
                unitId={unit.id}
                user={awarenessUser}
                readOnly={unit.readOnly}
              />
              <RecordedMinutes
                key={view.viewed.family.id}
                meetingId={meeting.id}
                family={view.viewed.family}
                role={unit.role}
                readOnly={unit.readOnly}
              >
                {(finalised) =>
                  view.viewed && (
                    <DiscussionWorkspace
                      discussion={discussion}
                      familyConnection={family}
                      meetingId={meeting.id}
                      family={view.viewed.family}
                      unit={unit}
                      user={awarenessUser}
                      meetingAwareness={connection.provider.awareness}
                      inFocus={view.chair?.family.id === view.viewed.family.id}
                      finalised={finalised}
                      locked={status.closed !== null}
                    />
                  )
                }
              </RecordedMinutes>
            </FamilyDiscussion>
          ) : (
            !view.following && <p>This family is not on this meeting's agenda.</p>
          )}
        </div>
      </div>
    </div>
  );
}
