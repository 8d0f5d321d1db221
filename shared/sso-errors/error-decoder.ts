/**
 * Turns whatever the administrator has in hand - a code, the site's message, the error page's address or a
 * pasted block of page text - into catalogue entries. Pure and portable (shared/ has no URL global), so the
 * query string is taken apart by hand.
 */
import { SSO_ERRORS, ssoError, type SsoErrorEntry } from './catalogue.js';
import { TROUBLESHOOTING_TOPICS, type TroubleshootingTopic } from './troubleshooting-topics.js';

export type SsoMatchVia = 'code' | 'message' | 'url-code' | 'url-message' | 'text-code';

export interface SsoErrorMatch {
  entry: SsoErrorEntry;
  via: SsoMatchVia;
}

export interface SsoDecodeResult {
  status: 'found' | 'unknown';
  matches: SsoErrorMatch[];
  /** Troubleshooting topics named by the input (or related to every match). */
  topics: TroubleshootingTopic[];
  /** For unknown input: the closest entries, best first. */
  nearest: SsoErrorEntry[];
  /** One sentence saying what was recognised, or why nothing was. */
  note: string;
}

/** Longest input looked at: a pasted page is small; anything longer is cut, not refused. */
export const MAX_DECODE_INPUT = 200_000;

const TAIL = /contact\s+your\s+administrator\s+for\s+further\s+support/g;

/** Lower case, no "Contact your administrator…" tail, "X.509" → "x509", punctuation → spaces. */
export function normaliseSsoText(text: string): string {
  return text
    .toLowerCase()
    .replace(TAIL, ' ')
    .replace(/([a-z0-9])\.(?=[a-z0-9])/g, '$1')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Page source pasted as is: tags become spaces and the common entities their characters. */
function visibleText(text: string): string {
  return text
    .replace(/<[^>]{0,2000}>/g, ' ')
    .replace(/&(?:nbsp|#160|#xa0);/gi, ' ')
    .replace(/&(?:amp|#38);/gi, '&')
    .replace(/&(?:quot|#34);/gi, '"')
    .replace(/&(?:apos|#39);/gi, "'");
}

function compact(text: string): string {
  return normaliseSsoText(text).replace(/ /g, '');
}

const COMPACT_DESCRIPTIONS = SSO_ERRORS.map((entry) => ({ entry, key: compact(entry.description) }));

/** Query parameter names that carry an error code on error pages and redirects. */
const CODE_KEY = /^(?:err(?:or)?[-_]?(?:code|no|num|number|id)?|code|errcode|errorcode|sso[-_]?err(?:or)?(?:[-_]?code)?|reason(?:[-_]?code)?|status(?:[-_]?code)?|ec)$/i;

function safeDecode(value: string): string {
  const spaced = value.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** The key/value pairs of every query string and fragment in the text (the address may sit inside a page). */
export function queryParameters(text: string): Array<{ key: string; value: string }> {
  const pairs: Array<{ key: string; value: string }> = [];
  // Token by token (linear time): an address is a run without spaces or quotes that has a query or fragment.
  const urls = text.split(/[\s"'<>]+/).filter((token) => /^(?:[a-z][a-z0-9+.-]{0,30}:\/\/|\/|[?#])[^?#]*[?#]./i.test(token));
  for (const url of urls) {
    const start = url.search(/[?#]/);
    for (const part of url.slice(start + 1).split(/[?#&;]/)) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const key = safeDecode(eq === -1 ? part : part.slice(0, eq));
      const value = eq === -1 ? '' : safeDecode(part.slice(eq + 1));
      pairs.push({ key, value });
    }
  }
  return pairs;
}

function codeEntry(raw: string): SsoErrorEntry | undefined {
  if (!/^\d{1,3}$/.test(raw)) return undefined;
  return ssoError(Number(raw));
}

/** Catalogue entries whose description appears in the text, in order of appearance. */
function messagesIn(text: string): SsoErrorEntry[] {
  const key = compact(text);
  if (key === '') return [];
  const found = COMPACT_DESCRIPTIONS.map(({ entry, key: description }) => ({ entry, at: key.indexOf(description), length: description.length }))
    .filter((hit) => hit.at !== -1)
    .sort((a, b) => a.at - b.at || b.length - a.length);
  return found.map((hit) => hit.entry);
}

/** Codes written in prose: "Error code: 23", "error 23", "SSO error #23", "errorCode=23". */
function codesInText(text: string): SsoErrorEntry[] {
  const pattern = /\b(?:sso\s*)?(?:error|err)(?:[\s_-]*(?:code|no|number|num))?\s*(?:is\s*)?[:=#(]?\s*(\d{1,3})\b|\bcode\s*[:=#]?\s*(\d{1,3})\b/gi;
  const entries: SsoErrorEntry[] = [];
  for (const match of text.matchAll(pattern)) {
    const entry = codeEntry(match[1] ?? match[2] ?? '');
    if (entry) entries.push(entry);
  }
  return entries;
}

function topicsIn(text: string): TroubleshootingTopic[] {
  const normal = ` ${normaliseSsoText(text)} `;
  return TROUBLESHOOTING_TOPICS.filter((topic) => topic.phrases.some((phrase) => normal.includes(` ${normaliseSsoText(phrase)} `)));
}

/** Levenshtein distance, bounded work: inputs are cut to 200 characters first. */
function editDistance(a: string, b: string): number {
  const x = a.slice(0, 200);
  const y = b.slice(0, 200);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length] as number;
}

/** Similarity of the input to an entry, 0..1: word overlap, or spelling closeness for short inputs. */
function similarity(input: string, entry: SsoErrorEntry): number {
  const words = new Set(input.split(' ').filter((w) => w.length > 1));
  const target = new Set(normaliseSsoText(entry.description).split(' '));
  let shared = 0;
  for (const word of words) if (target.has(word)) shared++;
  const overlap = words.size === 0 ? 0 : (2 * shared) / (words.size + target.size);
  const a = input.replace(/ /g, '');
  const b = compact(entry.description);
  const spelling = 1 - editDistance(a, b) / Math.max(a.length, b.length, 1);
  return Math.max(overlap, spelling);
}

function nearestTo(text: string, count = 3): SsoErrorEntry[] {
  const normal = normaliseSsoText(text);
  if (normal === '') return [];
  return SSO_ERRORS.map((entry) => ({ entry, score: similarity(normal, entry) }))
    .filter((scored) => scored.score > 0.2)
    .sort((a, b) => b.score - a.score || a.entry.code - b.entry.code)
    .slice(0, count)
    .map((scored) => scored.entry);
}

function addMatch(matches: SsoErrorMatch[], entry: SsoErrorEntry, via: SsoMatchVia): void {
  if (!matches.some((m) => m.entry.code === entry.code)) matches.push({ entry, via });
}

export function decodeSsoError(input: string): SsoDecodeResult {
  const text = input.length > MAX_DECODE_INPUT ? input.slice(0, MAX_DECODE_INPUT) : input;
  const trimmed = text.trim();
  if (trimmed === '') {
    return { status: 'unknown', matches: [], topics: [], nearest: [], note: 'Nothing to decode: enter a code (1-32), the message the site showed, or the address of the error page.' };
  }

  const matches: SsoErrorMatch[] = [];
  const bareNumber = /^(?:#\s*)?(\d+)\.?$/.exec(trimmed);
  if (bareNumber) {
    const entry = codeEntry(bareNumber[1] as string);
    if (entry) return found([{ entry, via: 'code' }], topicsIn(text), `Error code ${entry.code}.`);
    return {
      status: 'unknown',
      matches: [],
      topics: [],
      nearest: [],
      note: `The site's SSO error codes run from 1 to 32; ${bareNumber[1]} is not one of them.`,
    };
  }

  for (const { key, value } of queryParameters(text)) {
    const entry = CODE_KEY.test(key) ? codeEntry(value.trim()) : undefined;
    if (entry) addMatch(matches, entry, 'url-code');
    for (const byMessage of messagesIn(value)) addMatch(matches, byMessage, 'url-message');
  }
  const visible = visibleText(text);
  for (const entry of messagesIn(visible)) addMatch(matches, entry, 'message');
  for (const entry of codesInText(visible)) addMatch(matches, entry, 'text-code');

  const topics = topicsIn(visible);
  if (matches.length > 0) {
    const codes = matches.map((m) => m.entry.code).join(', ');
    return found(matches, topics, matches.length === 1 ? `Error code ${codes}.` : `Error codes ${codes}.`);
  }
  if (topics.length > 0) {
    return { status: 'found', matches: [], topics, nearest: [], note: `Troubleshooting topic: ${topics.map((t) => t.title).join('; ')}.` };
  }
  const nearest = nearestTo(text);
  return {
    status: 'unknown',
    matches: [],
    topics: [],
    nearest,
    note:
      nearest.length > 0
        ? 'This is not one of the site\'s SSO error messages. The closest ones are listed.'
        : 'This is not one of the site\'s SSO error messages, and none is close. Enter the code (1-32) or the message exactly as shown.',
  };
}

function found(matches: SsoErrorMatch[], topics: TroubleshootingTopic[], note: string): SsoDecodeResult {
  return { status: 'found', matches, topics, nearest: [], note };
}
