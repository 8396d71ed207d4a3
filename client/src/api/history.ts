import type {
  DocumentHistory,
  RestorePreview,
  RestoreResult,
  RestoreTarget,
} from '@unitroom/shared';
import { request } from './http';

const historyPath = (docName: string) => `/api/history/${encodeURIComponent(docName)}`;

/** Who changed a family's or a discussion's document, and when, in coarse steps ([Y4]). */
export async function fetchDocumentHistory(docName: string): Promise<DocumentHistory> {
  const response = await request('GET', historyPath(docName));
  return (await response.json()) as DocumentHistory;
}

/** What a restore would change, without changing anything. */
export async function previewRestore(
  docName: string,
  target: RestoreTarget,
): Promise<RestorePreview> {
  const response = await request('POST', `${historyPath(docName)}/preview`, { target });
  return (await response.json()) as RestorePreview;
}

export async function restoreDocument(
  docName: string,
  target: RestoreTarget,
): Promise<RestoreResult> {
  const response = await request('POST', `${historyPath(docName)}/restore`, { target });
  return (await response.json()) as RestoreResult;
}
