import {
  canChair,
  readBoard,
  readDiscussion,
  readGenogram,
  userOrigin,
  type AwarenessUser,
  type FamilySummary,
  type UnitMembership,
  liveChildren,
} from '@unitroom/shared';
import { useMemo } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocumentConnection } from '../../sync/documentConnection';
import { usePresentUsers } from '../presence';
import { DocumentHistoryPanel } from '../history';
import { AttendancePanel } from './AttendancePanel';
import type { MinutesContextValue } from './MinutesContext';
import { MinutesEditor } from './MinutesEditor';
import { PromptsPanel } from './PromptsPanel';
import { useDiscussionActivity } from './useDiscussionActivity';
import { useDiscussionRecorders } from './useDiscussionRecorders';
import { useDocumentSnapshot } from '../../sync/useDocumentSnapshot';
import { useMountedAfterFirst } from '../../ui/useMountedAfterFirst';
import { useProviderSynced } from './useProviderSynced';
import { useUnitSettings } from './useUnitSettings';
import './minutes.css';

interface DiscussionWorkspaceProps {
  /** The discussion document `discussion:<meetingId>:<familyId>`. */
  discussion: DocumentConnection;
  /** The family document (genogram and board); null while connecting. */
  familyConnection: DocumentConnection | null;
  meetingId: string;
  family: FamilySummary;
  unit: UnitMembership;
  user: AwarenessUser;
  /** The meeting document's awareness: who is in the meeting. */
  meetingAwareness: Awareness;
  /** The chair has this family in focus: the unit is discussing it now. */
  inFocus: boolean;
  /** The record is finalised: the minutes are read only and nothing more is recorded. */
  finalised: boolean;
  /** The server refused the connection, so edits could never be saved. */
  locked: boolean;
}

const readFamily = (doc: Y.Doc) => {
  const genogram = readGenogram(doc);
  return { genogram, board: readBoard(doc, genogram) };
};

/**
 * One family's discussion in the meeting room: the minutes, who took part and for how long, and
 * the reflective prompts beside them. Mount with `key={familyId}`.
 */
export function DiscussionWorkspace({
  discussion,
  familyConnection,
  meetingId,
  family,
  unit,
  user,
  meetingAwareness,
  inFocus,
  finalised,
  locked,
}: DiscussionWorkspaceProps) {
  const origin = useMemo(() => userOrigin(user.id), [user.id]);
  const minutes = useDocumentSnapshot(discussion.doc, readDiscussion);
  const discussionSynced = useProviderSynced(discussion.provider);
  const present = usePresentUsers(meetingAwareness, user.id);
  const readOnly = unit.readOnly || finalised;
  const canWrite = !readOnly && !locked;
  useDiscussionRecorders({
    doc: discussion.doc,
    origin,
    user,
    present,
    inFocus,
    canWrite: canWrite && discussionSynced,
    frozen: finalised,
  });

  // The family document: its genogram and board, for live links and the prompts.
  const placeholder = useMemo(() => new Y.Doc(), []);
  const familySynced = useProviderSynced(familyConnection?.provider ?? null);
  const familyModel = useDocumentSnapshot(familyConnection?.doc ?? placeholder, readFamily);
  const board = familySynced ? familyModel.board : null;
  const genogram = familySynced ? familyModel.genogram : null;

  // [F2] A child marked on the genogram in this meeting is named at once, before the records.
  const children = useMemo(
    () => liveChildren(family.children, genogram?.people ?? null),
    [family.children, genogram],
  );
  const { settings, switching, save } = useUnitSettings(unit.id);
  const context = useMemo<MinutesContextValue>(
    () => ({
      familyName: family.name,
      children,
      people: minutes.attendance.map((attendee) => ({ id: attendee.id, name: attendee.name })),
      board,
      genogram,
      prompts: settings.criteriaPromptsEnabled,
    }),
    [family, children, minutes.attendance, board, genogram, settings.criteriaPromptsEnabled],
  );
  const recorded = useDiscussionActivity(
    meetingId,
    family.id,
    familyConnection?.doc ?? null,
    inFocus,
  );
  const activity = useMemo(
    () => ({
      meetingId,
      children: children.map((child) => ({ id: child.id, name: child.name })),
      genogramUsed: recorded.genogramUsed,
      boardContributors: recorded.boardContributors,
    }),
    [meetingId, children, recorded],
  );
  const mayChair = canChair(unit.role) && !unit.readOnly;
  // The minutes are what the person opened the room for: the history and prompts follow them.
  const besideMinutes = useMountedAfterFirst();

  return (
    <div className="discussion-workspace">
      <div className="discussion-workspace__main">
        <MinutesEditor
          doc={discussion.doc}
          provider={discussion.provider}
          familyId={family.id}
          familyName={family.name}
          user={user}
          readOnly={readOnly}
          locked={locked}
          context={context}
        />
        <AttendancePanel
          doc={discussion.doc}
          origin={origin}
          discussion={minutes}
          editable={canWrite}
        />
        {besideMinutes && !unit.guest && (
          <DocumentHistoryPanel
            key={`${meetingId}:${family.id}`}
            docName={`discussion:${meetingId}:${family.id}`}
            subject="these minutes"
            headingLevel={3}
            canRestore={!readOnly}
            cannotRestoreReason={
              finalised
                ? 'These minutes are finalised and cannot be restored.'
                : 'Your role reads the minutes only; a member who may write can restore.'
            }
          />
        )}
      </div>
      {besideMinutes && (
        <PromptsPanel
          discussion={minutes}
          board={board}
          genogram={genogram}
          activity={activity}
          enabled={settings.criteriaPromptsEnabled}
          switching={switching}
          {...(mayChair
            ? { onSwitch: (enabled: boolean) => void save({ criteriaPromptsEnabled: enabled }) }
            : {})}
        />
      )}
    </div>
  );
}
