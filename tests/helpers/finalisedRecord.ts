import JSZip from 'jszip';
import { DOMParser } from '@xmldom/xmldom';
import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';
import * as Y from 'yjs';
import {
  asFamilyId,
  asMeetingId,
  discussionDocName,
  familyDocName,
  genogramCommands,
  userOrigin,
  type GenogramCommands,
} from '@unitroom/shared';
import { discussionDoc, type DiscussionSpec } from '../fixtures/discussions.js';
import { api, childrenOf, step } from './finalisation.js';
import { signIn } from './session.js';
import type { TestServer } from './testServer.js';

/**
 * A family of the demo unit (the Oseis, three children) with a genogram and minutes written
 * into the store before anything loads them, as a long-running unit would have them; then marked
 * ready by the coordinator. `approve` finalises it as the consultant.
 */
export async function readyDiscussion(
  server: TestServer,
  write: {
    genogram?: (commands: GenogramCommands) => void;
    minutes: (children: Array<{ id: string; name: string }>) => DiscussionSpec;
  },
) {
  const meetingId = server.demo.meetingId;
  const familyId = server.demo.familyIds[2]!;
  const children = await childrenOf(server, familyId);
  const origin = userOrigin(server.demo.userIds['sw@demo.test']!);
  const family = new Y.Doc();
  write.genogram?.(genogramCommands(family, origin));
  const { documents } = server.app.persistence;
  await documents.append(familyDocName(asFamilyId(familyId)), [Y.encodeStateAsUpdate(family)]);
  await documents.append(discussionDocName(asMeetingId(meetingId), asFamilyId(familyId)), [
    Y.encodeStateAsUpdate(discussionDoc(write.minutes(children))),
  ]);
  const coordinator = await signIn(server.url, 'coordinator@demo.test');
  await step(server, coordinator, meetingId, familyId, 'ready');
  const consultant = await signIn(server.url, 'csw@demo.test');
  return {
    meetingId,
    familyId,
    children,
    consultant,
    approve: () => step(server, consultant, meetingId, familyId, 'approve'),
  };
}

/** Every export path of a finalised discussion, by format. */
export function exportPaths(meetingId: string, familyId: string, childId: string) {
  return (format: 'docx' | 'pdf' | 'txt') => [
    `/meetings/${meetingId}/export/minutes/${format}`,
    `/meetings/${meetingId}/discussions/${familyId}/export/minutes/${format}`,
    `/meetings/${meetingId}/discussions/${familyId}/export/case-notes/${childId}/${format}`,
  ];
}

export async function download(server: TestServer, cookie: string, path: string) {
  const response = await api(server, cookie, 'GET', path);
  if (response.status !== 200)
    throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return Buffer.from(await response.arrayBuffer());
}

/** Characters XML 1.0 does not allow anywhere in a document. */
// eslint-disable-next-line no-control-regex -- exactly these control characters are looked for
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/**
 * Opens a DOCX as Word would: unzips it, checks that every XML part holds only characters XML
 * allows and parses without error, and returns the text of document.xml and its headers and
 * footers (each `<w:t>` run, in order).
 */
export async function openDocx(body: Buffer): Promise<{ document: string; marking: string[] }> {
  const zip = await JSZip.loadAsync(body);
  const parts: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) {
    if (!name.endsWith('.xml') && !name.endsWith('.rels')) continue;
    const xml = await zip.file(name)!.async('string');
    if (NOT_XML.test(xml)) throw new Error(`${name} holds a character XML does not allow`);
    const problems: string[] = [];
    new DOMParser({
      errorHandler: (level, message) => {
        if (level !== 'warning') problems.push(`${level}: ${message}`);
      },
    }).parseFromString(xml, 'text/xml');
    if (problems.length > 0) throw new Error(`${name} does not parse: ${problems.join('; ')}`);
    parts[name] = xml;
  }
  const text = (xml: string | undefined) =>
    [...(xml ?? '').matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  const document = parts['word/document.xml'];
  if (!document) throw new Error('no word/document.xml');
  // mammoth reads the document as Word's text too: it must not fail either.
  await mammoth.extractRawText({ buffer: body });
  const furniture = Object.keys(parts).filter((name) =>
    /^word\/(header|footer)\d*\.xml$/.test(name),
  );
  return { document: text(document), marking: furniture.map((name) => text(parts[name])) };
}

/** The text of a PDF as pdf.js extracts it, page by page. */
export async function pdfText(body: Buffer): Promise<{ text: string; pages: string[] }> {
  const parser = new PDFParse({ data: body });
  try {
    const result = await parser.getText();
    return { text: result.text, pages: result.pages.map((page) => page.text) };
  } finally {
    await parser.destroy();
  }
}
