import { request } from './http';

/** A genogram kept as it stood when a meeting finished discussing the family. */
export interface GenogramSnapshotSummary {
  meetingId: string;
  meetingTitle: string;
  meetingDate: string;
  takenAt: string;
}

export async function listGenogramSnapshots(familyId: string): Promise<GenogramSnapshotSummary[]> {
  const response = await request('GET', `/api/families/${encodeURIComponent(familyId)}/genograms`);
  const body = (await response.json()) as { snapshots: GenogramSnapshotSummary[] };
  return body.snapshots;
}

/** The whole family document at that meeting, as one Yjs update. */
export async function fetchGenogramSnapshot(
  familyId: string,
  meetingId: string,
): Promise<Uint8Array> {
  const response = await request(
    'GET',
    `/api/families/${encodeURIComponent(familyId)}/genograms/${encodeURIComponent(meetingId)}`,
  );
  return new Uint8Array(await response.arrayBuffer());
}
